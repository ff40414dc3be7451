import type { StructureRole } from '../../shared/types'
import { pageUnits } from '../analysis/analyze'
import { startsWithDash } from '../analysis/cues'
import { editionStats, type EditionEvidence } from '../analysis/edition'
import type { RoleAdjustment } from '../analysis/profile'
import { KIND_OF } from '../analysis/roleKinds'
import { guessRoles, roleFeatures, roleModel } from '../analysis/roles'
import type { LineRole } from '../analysis/types'

// What the editor's approved pages teach the role model about one paper. The lines of those pages,
// with the roles the editor left them with, are the paper's own annotated data: the shipped
// weights (fitted on generated pages) are moved towards them by a small adjustment, the same
// logistic regression fitted again from where it was with a penalty that keeps it close. It
// learns conventions, not strings: which features (length, punctuation, position, neighbours,
// repetition across the edition) mean a title, a credit or furniture in this paper. A line seen
// on one page says nothing of the next page's words; the form of the paper's lines does.

/** One approved page: its original text, and the role the editor's structure gives its lines. */
export interface LabelledPage {
  /** The page's original text (what the analysis reads). */
  text: string
  /** Line number in `text` → role. Lines without one are left out. */
  roles: ReadonlyMap<number, StructureRole>
  /** What the page's edition showed when it was analysed (its evidence features), if anything. */
  evidence?: EditionEvidence | null
}

interface Sample {
  x: Float64Array
  y: number
}

/** Pages an adjustment is fitted on at most: the most recent approved ones. */
export const ADJUST_MAX_PAGES = 40
/** Lines it is fitted on at most (the most recent pages' first): the fit holds the thread 100–300 ms. */
const MAX_SAMPLES = 2500
/** Lines an adjustment needs: fewer say too little to move the paper's weights. */
const MIN_SAMPLES = 40
const EPOCHS = 120
/** Penalty on the adjustment: a feature moves only as far as many lines agree it should. */
const L2 = 0.003
const RATE = 0.05

/**
 * Samples of a page: every line of its analysis with a role the editor gave. The target is the
 * role model's own guess when it reads the line as the same kind of line (a credit for a caption
 * line: both are set aside as captions), so that only what changes the analysis is learnt.
 */
export function pageSamples(page: LabelledPage, roles: readonly LineRole[]): Sample[] {
  const { units } = pageUnits(page.text.replace(/\r\n?/g, '\n'))
  const input = { edition: editionStats(page.evidence ?? null) }
  const xs = roleFeatures(units, input)
  const guesses = guessRoles(units, input)
  const out: Sample[] = []
  units.forEach((u, i) => {
    const given = page.roles.get(u.src)
    if (!given) return
    const guess = guesses[i]!.role
    // (a caption and the credit under it are told apart by the line itself: lineRoles.ts isCreditLine)
    const target = KIND_OF[guess] === KIND_OF[given] && KIND_OF[given] !== 'caption' ? guess : given
    const y = roles.indexOf(target)
    if (y >= 0) out.push({ x: xs[i]!, y })
  })
  return out
}

/**
 * The adjustment the pages teach (null when they are too few or the model is not loaded):
 * full-batch gradient descent (Adam) from no adjustment, deterministic.
 */
export function fitAdjustment(pages: readonly LabelledPage[], options: { l2?: number; epochs?: number } = {}): RoleAdjustment | null {
  const l2 = options.l2 ?? L2
  const epochs = options.epochs ?? EPOCHS
  const model = roleModel()
  if (!model) return null
  const samples: Sample[] = []
  for (const p of pages.slice(-ADJUST_MAX_PAGES).reverse()) {
    if (samples.length >= MAX_SAMPLES) break
    samples.push(...pageSamples(p, model.roles))
  }
  if (samples.length < MIN_SAMPLES) return null
  const R = model.roles.length
  const D = model.features.length + 1
  const w = model.weights
  // One adjustment a kind of line (roleKinds.ts: what the later stages read), added to every role
  // of that kind: the mass moves between kinds, and within a kind (a credit and a caption, a kicker
  // and a title) the model's own reading stands, so no role loses the confidence it had over its
  // neighbours of the same kind. The loss is the kind's likelihood.
  const kinds = [...new Set(model.roles.map((r) => KIND_OF[r] ?? 'body'))]
  const kindOf = model.roles.map((r) => kinds.indexOf(KIND_OF[r] ?? 'body'))
  const K = kinds.length
  const d = Array.from({ length: K }, () => new Float64Array(D))
  const m = Array.from({ length: K }, () => new Float64Array(D))
  const v = Array.from({ length: K }, () => new Float64Array(D))
  const scores = new Float64Array(R)
  const probs = new Float64Array(R)
  // the non-zero features of each sample, once
  const active = samples.map((s) => {
    const idx: number[] = []
    for (let j = 0; j < D - 1; j++) if (s.x[j] !== 0) idx.push(j)
    return idx
  })
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const g = Array.from({ length: K }, () => new Float64Array(D))
    samples.forEach((s, k) => {
      const idx = active[k]!
      let max = -Infinity
      for (let r = 0; r < R; r++) {
        const dk = d[kindOf[r]!]!
        let z = w[r]![D - 1]! + dk[D - 1]!
        for (const j of idx) z += (w[r]![j]! + dk[j]!) * s.x[j]!
        scores[r] = z
        if (z > max) max = z
      }
      let sum = 0
      for (let r = 0; r < R; r++) sum += probs[r] = Math.exp(scores[r]! - max)
      const target = kindOf[s.y]!
      let mass = 0
      for (let r = 0; r < R; r++) {
        probs[r]! /= sum
        if (kindOf[r] === target) mass += probs[r]!
      }
      for (let r = 0; r < R; r++) {
        const p = probs[r]! - (kindOf[r] === target ? probs[r]! / mass : 0)
        if (p === 0) continue
        const gk = g[kindOf[r]!]!
        for (const j of idx) gk[j]! += p * s.x[j]!
        gk[D - 1]! += p
      }
    })
    for (let c = 0; c < K; c++)
      for (let j = 0; j < D; j++) {
        const grad = g[c]![j]! / samples.length + l2 * d[c]![j]!
        m[c]![j] = 0.9 * m[c]![j]! + 0.1 * grad
        v[c]![j] = 0.999 * v[c]![j]! + 0.001 * grad * grad
        d[c]![j]! -= (RATE * (m[c]![j]! / (1 - 0.9 ** epoch))) / (Math.sqrt(v[c]![j]! / (1 - 0.999 ** epoch)) + 1e-8)
      }
  }
  const stackVotes = learntStackVotes(pages.slice(-ADJUST_MAX_PAGES))
  return { features: [...model.features], roles: [...model.roles], deltas: kindOf.map((c) => [...d[c]!].map((x) => Math.round(x * 1000) / 1000)), ...(stackVotes !== 0 ? { stackVotes } : {}) }
}

/**
 * How the approved pages stack their heads, from the roles the editor left on them: each kicker
 * right over its title counts +1, each title right over a subtitle that is not a dash line −1
 * (a dash subtitle hangs under a title in every paper and says nothing). The role model reads a
 * line's kind; which of two heading lines is the title is the paper's stacking convention, which
 * column tags (headings.ts stackVotes) only guess at.
 */
export function learntStackVotes(pages: readonly LabelledPage[]): number {
  let votes = 0
  for (const p of pages) {
    const lines = p.text.replace(/\r\n?/g, '\n').split('\n')
    const entries = [...p.roles.entries()].sort((a, b) => a[0] - b[0])
    for (let k = 0; k + 1 < entries.length; k++) {
      const upper = entries[k]![1]
      const [at, lower] = entries[k + 1]!
      if (upper === 'kicker' && lower === 'title') votes++
      else if (upper === 'title' && lower === 'subtitle' && !startsWithDash((lines[at] ?? '').trim())) votes--
    }
  }
  return votes
}
