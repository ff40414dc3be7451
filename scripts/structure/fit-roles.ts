// Fits the structure role model (src/core/analysis/roles.ts) and writes
// resources/structure/role-weights.json. Run: npx tsx scripts/structure/fit-roles.ts
//
// Training material: generated editions of papers laid out the national way
// (bench/synthetic/layouts.ts), half of them with their edition evidence so the model learns to
// read it and to do without it, plus the hand-labelled made-up pages in scripts/structure/pages.
// A multinomial logistic regression, fitted by full-batch gradient descent (Adam) with an L2
// penalty; deterministic: the same inputs give the same file.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pageUnits } from '../../src/core/analysis/analyze'
import { editionEvidence, editionStats } from '../../src/core/analysis/edition'
import { LINE_ROLES } from '../../src/core/analysis/profile'
import { FEATURES, roleFeatures } from '../../src/core/analysis/roles'
import type { LineRole } from '../../src/core/analysis/types'
import { layoutEditionPages } from '../../bench/synthetic/layouts'

const SEED = 20260
const EDITIONS = Number(process.env.EDITIONS ?? 120)
const PAGES = 4
const EPOCHS = Number(process.env.EPOCHS ?? 600)
const L2 = 1e-3
const root = join(import.meta.dirname, '..', '..')

interface Sample {
  x: Float64Array
  y: number
}

function addPage(samples: Sample[], text: string, roles: readonly LineRole[], evidence: ReturnType<typeof editionEvidence> | null): boolean {
  const { units } = pageUnits(text.replace(/\r\n?/g, '\n'))
  if (units.length !== roles.length) return false
  const xs = roleFeatures(units, { edition: editionStats(evidence) })
  xs.forEach((x, i) => samples.push({ x, y: LINE_ROLES.indexOf(roles[i]!) }))
  return true
}

/** A labelled page: each non-empty line `role<TAB>text` (scripts/structure/pages: made up, not copied). */
function handPages(): Array<{ text: string; roles: LineRole[] }> {
  const dir = join(root, 'scripts', 'structure', 'pages')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .map((f) => {
      const rows = readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim() !== '')
      const parsed = rows.map((r) => {
        const tab = r.indexOf('\t')
        const role = r.slice(0, tab) as LineRole
        if (!LINE_ROLES.includes(role)) throw new Error(`${f}: unknown role "${role}"`)
        return { role, text: r.slice(tab + 1) }
      })
      return { text: parsed.map((p) => p.text).join('\n\n'), roles: parsed.map((p) => p.role) }
    })
}

export function trainingSamples(from: number, count: number, withHand: boolean): { samples: Sample[]; skipped: number } {
  const samples: Sample[] = []
  let skipped = 0
  for (let e = from; e < from + count; e++) {
    const pages = layoutEditionPages(SEED, e, PAGES)
    const evidence = e % 2 === 0 ? editionEvidence(pages.map((p) => p.text)) : null
    for (const p of pages) if (!addPage(samples, p.text, p.lines.map((l) => l.role), evidence)) skipped++
  }
  if (withHand) for (const h of handPages()) for (let k = 0; k < 5; k++) if (!addPage(samples, h.text, h.roles, null)) skipped++
  return { samples, skipped }
}

function fit(samples: Sample[]): number[][] {
  const R = LINE_ROLES.length
  const D = FEATURES.length + 1
  const w = LINE_ROLES.map(() => new Array<number>(D).fill(0))
  const m = w.map((r) => r.map(() => 0))
  const v = w.map((r) => r.map(() => 0))
  const lr = 0.05
  const scores = new Float64Array(R)
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const g = w.map((r) => r.map(() => 0))
    let loss = 0
    for (const s of samples) {
      let max = -Infinity
      for (let r = 0; r < R; r++) {
        let z = w[r]![D - 1]!
        for (let j = 0; j < D - 1; j++) if (s.x[j] !== 0) z += w[r]![j]! * s.x[j]!
        scores[r] = z
        if (z > max) max = z
      }
      let sum = 0
      for (let r = 0; r < R; r++) sum += Math.exp(scores[r]! - max)
      loss -= scores[s.y]! - max - Math.log(sum)
      for (let r = 0; r < R; r++) {
        const p = Math.exp(scores[r]! - max) / sum - (r === s.y ? 1 : 0)
        if (p === 0) continue
        const gr = g[r]!
        for (let j = 0; j < D - 1; j++) if (s.x[j] !== 0) gr[j]! += p * s.x[j]!
        gr[D - 1]! += p
      }
    }
    for (let r = 0; r < R; r++)
      for (let j = 0; j < D; j++) {
        const grad = g[r]![j]! / samples.length + (j < D - 1 ? L2 * w[r]![j]! : 0)
        m[r]![j] = 0.9 * m[r]![j]! + 0.1 * grad
        v[r]![j] = 0.999 * v[r]![j]! + 0.001 * grad * grad
        const mh = m[r]![j]! / (1 - 0.9 ** epoch)
        const vh = v[r]![j]! / (1 - 0.999 ** epoch)
        w[r]![j]! -= (lr * mh) / (Math.sqrt(vh) + 1e-8)
      }
    if (epoch % 100 === 0) console.log(`epoch ${epoch}: loss ${(loss / samples.length).toFixed(4)}`)
  }
  return w.map((r) => r.map((x) => Math.round(x * 1000) / 1000))
}

function accuracy(samples: Sample[], w: number[][]): { all: number; perRole: Record<string, string> } {
  let ok = 0
  const seen = new Map<number, [number, number]>()
  for (const s of samples) {
    let best = 0
    let bestScore = -Infinity
    w.forEach((row, r) => {
      let z = row[row.length - 1]!
      for (let j = 0; j < s.x.length; j++) z += row[j]! * s.x[j]!
      if (z > bestScore) {
        bestScore = z
        best = r
      }
    })
    const c = seen.get(s.y) ?? [0, 0]
    c[1]++
    if (best === s.y) {
      ok++
      c[0]++
    }
    seen.set(s.y, c)
  }
  const perRole: Record<string, string> = {}
  for (const [r, [a, n]] of seen) perRole[LINE_ROLES[r]!] = `${a}/${n}`
  return { all: ok / samples.length, perRole }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const train = trainingSamples(0, EDITIONS, true)
  const held = trainingSamples(10_000, 30, false)
  console.log(`training lines: ${train.samples.length} (${train.skipped} pages skipped); held-out lines: ${held.samples.length}`)
  const w = fit(train.samples)
  const a = accuracy(held.samples, w)
  console.log(`held-out line accuracy ${a.all.toFixed(4)}`, a.perRole)
  const out = { version: 1, features: FEATURES, roles: LINE_ROLES, weights: w }
  writeFileSync(join(root, 'resources', 'structure', 'role-weights.json'), JSON.stringify(out, null, 0) + '\n')
}
