// The page analysis pipeline: clean lines, set furniture aside, rejoin paragraphs, cut articles.
import { buildArticle, type RoledLine } from './article'
import type { LayoutHints } from './layoutHints'
import { comparable } from './chars'
import { findDuplicateUnits } from './duplicates'
import { fixWhitespaceLine, fixWidthLine, fullWidthMarks, looksFullWidth } from './fixes'
import { markFurniture } from './furniture'
import { joinParagraphs, round, type Para } from './joins'
import { segment, type Draft } from './segment'
import type { AnalysisOptions, BlockLine, DuplicateFlag, JoinDecision, LineRole, PageProposal, ProposedArticle } from './types'
import { editionStats } from './edition'
import { stackVotes } from './headings'
import { compileProfile } from './profile'
import { applyRoles } from './roleKinds'
import { markTwoLineCaptions } from './captions'
import { markVerse } from './verse'
import { markPanels } from './panel'
import { guessRoles } from './roles'
import { classify, type Unit } from './units'
import { log } from '../log'

/** A paragraph indent as pages print it: an ideographic space, a tab or two spaces. */
const INDENT = /^(?:[\u3000\t]| {2})/

/** Stacks of heads the editor's approved pages must show one way more than the other before they decide how the paper stacks them. */
export const LEARNT_STACKS = 2

/** Gap given to the first unit of a page: as good as a box boundary. */
const PAGE_START_GAP = 99

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}

export function analyzePage(text: string, options: AnalysisOptions = {}): PageProposal {
  let normalised = ''
  try {
    normalised = normaliseNewlines(typeof text === 'string' ? text : String(text ?? ''))
    return analyze(normalised, options)
  } catch (error) {
    // Never throw: hand back the page untouched as a single fragment-free proposal, and say so.
    log.error(`analysis failed on a page of ${normalised.length} characters; it is proposed unanalysed`, error)
    return { text: normalised, workingText: normalised, articles: [], furniture: [], blocks: [], joins: [], duplicates: [], fullWidthPage: true }
  }
}

/**
 * The page's non-empty lines after white-space and width fixes, classified, furniture marked (by
 * the lines' own cues and by the layout's hints when an OCR file gave some).
 */
export function pageUnits(text: string, hints: LayoutHints = {}): { units: Unit[]; keys: string[]; fullWidthPage: boolean } {
  const raw = text.split('\n')
  const spaced = raw.map(fixWhitespaceLine)
  const widened = spaced.map(fixWidthLine)
  let half = 0
  let full = 0
  spaced.forEach((line, i) => {
    half += widened[i]!.changed
    full += fullWidthMarks(line)
  })
  const fullWidthPage = looksFullWidth(half, full)
  const units: Unit[] = []
  let gap = PAGE_START_GAP
  spaced.forEach((line, src) => {
    const fixed = fullWidthPage || widened[src]!.changed === 0 ? line : fixWhitespaceLine(widened[src]!.text)
    if (fixed === '') {
      gap++
      return
    }
    const unit: Unit = { src, text: fixed, gap: units.length === 0 ? PAGE_START_GAP : gap, kind: classify(fixed) }
    if (INDENT.test(raw[src]!)) unit.indent = true
    units.push(unit)
    gap = 0
  })
  // Both stages compare lines in the same normalised form: made once.
  const keys = units.map((u) => comparable(u.text))
  markFurniture(units, keys)
  if (hints.furnitureLines) for (const u of units) if (hints.furnitureLines.has(u.src)) u.kind = 'furniture'
  return { units, keys, fullWidthPage }
}

/** The proposal for a page's text; `options` may carry what an OCR file's layout knows (LayoutHints). */
function analyze(text: string, options: AnalysisOptions): PageProposal {
  const hints: LayoutHints = options
  const { units, keys, fullWidthPage } = pageUnits(text, hints)
  const edition = editionStats(options.edition)
  applyRoles(units, guessRoles(units, { edition, profile: compileProfile(options.profile), adjustment: options.profile?.roleAdjustment ?? null }))
  markTwoLineCaptions(units)
  markVerse(units)
  markPanels(units)
  // the edition's votes include this page's own; a page analysed alone votes by itself; what the
  // editor's approved pages of the publication showed wins over both
  const learnt = options.profile?.roleAdjustment?.stackVotes
  const votes =
    typeof learnt === 'number' && Number.isFinite(learnt) && Math.abs(learnt) >= LEARNT_STACKS
      ? learnt
      : edition
        ? edition.stackVotes
        : stackVotes(units.map((u) => u.text), (i) => units[i]!.kind === 'heading' || units[i]!.kind === 'subtitle')
  const dups = findDuplicateUnits(units, keys)
  const { paras, candidates } = joinParagraphs(units, dups, hints.columnBreaks, hints.continuations)
  const drafts = segment(paras, { kickerAbove: votes > 0, titleAbove: votes < 0 })

  const placement = new Map<Para, { role: LineRole; draft: number | null }>()
  drafts.forEach((d, di) => d.items.forEach((it) => placement.set(it.para, { role: it.role, draft: di })))

  // working text: one paragraph per line, a blank line between blocks; two where the page had
  // two or more (a box boundary, which later readings of the text rely on); none inside a
  // furniture box printed as one block
  const out: string[] = []
  const lineOf = new Map<Para, number>()
  const blocks: BlockLine[] = []
  const furniture: string[] = []
  let prev: { draft: number | null; para: Para } | null = null
  for (const p of paras) {
    const place = placement.get(p) ?? { role: 'furniture' as LineRole, draft: null }
    if (prev) {
      const furnitureBox = place.draft === null && prev.draft === null && p.gap === 0 && !p.moved && !prev.para.moved
      if (!furnitureBox) out.push(...(p.gap >= 2 ? ['', ''] : ['']))
    }
    lineOf.set(p, out.length)
    blocks.push({ line: out.length, role: place.role, article: place.draft })
    out.push(p.text)
    if (place.draft === null) furniture.push(p.text)
    prev = { draft: place.draft, para: p }
  }
  const workingText = out.join('\n')

  const articles: ProposedArticle[] = drafts.map((d) => toArticle(d, lineOf))

  const joins: JoinDecision[] = candidates.map((c) => ({
    line: lineOf.get(paras[c.para]!) ?? 0,
    confidence: c.confidence,
    applied: c.applied,
    reason: c.reason,
    fromLine: c.fromSrc,
    toLine: c.toSrc
  }))

  const duplicates: DuplicateFlag[] = []
  const offsets: number[] = []
  let at = 0
  for (const l of out) {
    offsets.push(at)
    at += l.length + 1
  }
  for (const p of paras) {
    if (!p.dup) continue
    const line = lineOf.get(p)!
    const start = offsets[line]!
    duplicates.push({
      start,
      end: start + p.text.length,
      text: p.text,
      confidence: 0.8,
      message: 'Repeats text printed earlier on the page; remove this copy?'
    })
  }
  return { text, workingText, articles, furniture, blocks, joins, duplicates, fullWidthPage }
}

function toArticle(d: Draft, lineOf: ReadonlyMap<Para, number>): ProposedArticle {
  const items = [...d.items].sort((a, b) => (lineOf.get(a.para) ?? 0) - (lineOf.get(b.para) ?? 0))
  const lines: RoledLine[] = items.map((it) => ({ text: it.para.text, role: it.role, dup: it.para.dup }))
  let joinConfidence = 1
  let start = Number.POSITIVE_INFINITY
  let end = 0
  for (const it of d.items) {
    joinConfidence = Math.min(joinConfidence, it.para.joinConfidence)
    const l = lineOf.get(it.para) ?? 0
    start = Math.min(start, l)
    end = Math.max(end, l + 1)
  }
  const fields = buildArticle(d.kind, lines, d.section, Math.min(d.confidence, joinConfidence))
  return { ...fields, confidence: round(fields.confidence), startLine: Number.isFinite(start) ? start : 0, endLine: end }
}
