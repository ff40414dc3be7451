import { changedSpan } from '../../shared/changedSpan'
import type { Db } from '../store/database'
import { detectSuspicious, isTraditionalPage, judgeNames, type DetectOptions } from '../typos'
import { pageNames } from '../store/queries/knowledge'
import { listSuggestions, markSuggestionsFor, replaceOpenSuggestions } from '../store/queries/suggestions'
import type { SuggestionInput } from '../model/suggestion'
import { knowledgeForPage, loadKnowledge, type PublicationCache } from './knowledge'
import { toSuggestionInput } from './propose'

/**
 * Suggestions follow the working text: after a save their offsets are recomputed on the new
 * revision. Typos are detected again (with what the editor taught, so rejected fixes stay
 * away); a proposed duplicate keeps following its text while it is still there.
 */
export function refreshSuggestions(
  db: Db,
  pageId: number,
  revisionId: number,
  text: string,
  knowledge: DetectOptions = loadKnowledge(db),
  publications?: PublicationCache
): void {
  storeRefreshedSuggestions(db, pageId, revisionId, text, detectTypos(text, knowledgeForPage(db, pageId, knowledge, publications)))
  remember(db, pageId, knowledge)
}

/** The typo detector on a page's text (or a window of it), as saves and the suggestion pass call it. */
export function detectTypos(text: string, knowledge: DetectOptions): SuggestionInput[] {
  return detectSuspicious(text, knowledge).map(toSuggestionInput)
}

/** An edit of a page whose open suggestions were computed on the text before it. */
export interface PageEdit {
  before: string
  /** The open suggestions are the detection of `before` (not stale). */
  suggestionsOnBefore: boolean
  /** The edit taught a correction: the whole page may hold more places for it. */
  taught: boolean
}

/**
 * Suggestions after an edit. A keystroke changes a line or two of a page: only the lines the
 * edit touched are detected again (with a margin of text around them, so that the context a
 * rule looks at is there); the suggestions elsewhere are kept, moved with the text. The whole
 * page is detected again when what Galley knows changed since it was last detected here, the
 * edit taught something, or the suggestions are not those of the text before the edit.
 */
export function refreshSuggestionsAfterEdit(db: Db, pageId: number, revisionId: number, text: string, edit: PageEdit, knowledge: DetectOptions): void {
  const seen = detectedWith(db).get(pageId)
  const window = edit.suggestionsOnBefore && !edit.taught && (seen === undefined || seen === knowledge) ? changedLines(edit.before, text) : null
  if (!window) {
    refreshSuggestions(db, pageId, revisionId, text, knowledge)
    return
  }
  const open = listSuggestions(db, pageId).filter((s) => s.rule !== 'duplicate')
  storeRefreshedSuggestions(db, pageId, revisionId, text, typosAfterEdit(open, edit.before, text, window, knowledgeForPage(db, pageId, knowledge)))
  remember(db, pageId, knowledge)
}

/**
 * The detector's suggestions on `text` from those it made on `before`: kept outside the changed
 * lines (moved with the text), detected again inside them.
 */
export function typosAfterEdit(
  onBefore: readonly SuggestionInput[],
  before: string,
  text: string,
  window: { start: number; endBefore: number; endAfter: number } | null = changedLines(before, text),
  knowledge: DetectOptions = {}
): SuggestionInput[] {
  if (!window) return [...onBefore]
  const { start, endBefore, endAfter } = window
  const delta = endAfter - endBefore
  const out: SuggestionInput[] = []
  for (const s of onBefore) {
    if (s.end <= start) out.push(s)
    else if (s.start >= endBefore) out.push({ ...s, start: s.start + delta, end: s.end + delta })
  }
  const from = lineStart(text, start - WINDOW_MARGIN)
  const to = lineEnd(text, endAfter + WINDOW_MARGIN)
  // The lines are judged in their page's script, whatever few characters they hold.
  for (const s of detectTypos(text.slice(from, to), { ...knowledge, traditional: isTraditionalPage(text) })) {
    const at = s.start + from
    if (at >= start && at < endAfter) out.push({ ...s, start: at, end: s.end + from })
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end)
}

/** Characters around the changed lines that the detection also reads (rejected fixes keep 6 either side). */
const WINDOW_MARGIN = 24

/**
 * The whole lines an edit changed: [start, endBefore) of the text before, [start, endAfter)
 * of the text after; everything before start and after the ends is the same text. Null when
 * nothing changed.
 */
export function changedLines(before: string, after: string): { start: number; endBefore: number; endAfter: number } | null {
  if (before === after) return null
  const max = Math.min(before.length, after.length)
  let prefix = 0
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++
  let suffix = 0
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++
  const start = lineStart(after, prefix)
  const endAfter = lineEnd(after, after.length - suffix)
  // The text after the change is the same in both, so its line ends the same distance further.
  return { start, endBefore: endAfter - (after.length - before.length), endAfter }
}

function lineStart(text: string, at: number): number {
  return at <= 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1
}

function lineEnd(text: string, at: number): number {
  const end = text.indexOf('\n', Math.max(0, at))
  return end === -1 ? text.length : end
}

// The knowledge each page was last detected with on this connection, so that an edit after the
// knowledge changed detects the whole page again. Pages not detected here are taken as current:
// a page's suggestions follow what Galley knew when it was last detected, wherever that was.
const detected = new WeakMap<Db, Map<number, DetectOptions>>()
const REMEMBERED_PAGES = 256

function detectedWith(db: Db): Map<number, DetectOptions> {
  let pages = detected.get(db)
  if (!pages) {
    pages = new Map()
    detected.set(db, pages)
  }
  return pages
}

/**
 * A page's name-variant suggestions are judged against the whole store: when what the store
 * knows changed since the page was detected on this connection, they are judged again.
 */
export function nameVariantsToRejudge(db: Db, pageId: number, knowledge: DetectOptions): boolean {
  if (detectedWith(db).get(pageId) === knowledge) return false
  const names = pageNames(db, pageId)
  const shown = new Set(listSuggestions(db, pageId).flatMap((s) => (s.rule === 'name-variant' ? [`${s.original}→${s.replacement}`] : [])))
  if (names.size === 0) return shown.size > 0
  const judged = new Set(judgeNames(names.keys(), knowledge.knownNames ?? new Map()).map((v) => `${v.variant}→${v.preferred}`))
  const same = judged.size === shown.size && [...judged].every((j) => shown.has(j))
  if (same) remember(db, pageId, knowledge)
  return !same
}

function remember(db: Db, pageId: number, knowledge: DetectOptions): void {
  const pages = detectedWith(db)
  pages.delete(pageId)
  pages.set(pageId, knowledge)
  if (pages.size > REMEMBERED_PAGES) pages.delete(pages.keys().next().value!)
}

/** Stores a revision's suggestions from typos detected on its text (here or on a worker). */
export function storeRefreshedSuggestions(db: Db, pageId: number, revisionId: number, text: string, typos: readonly SuggestionInput[]): void {
  const duplicates: SuggestionInput[] = []
  for (const s of listSuggestions(db, pageId)) {
    if (s.rule !== 'duplicate') continue
    const at = text.lastIndexOf(s.original)
    if (at >= 0 && text.indexOf(s.original) !== at) duplicates.push({ ...s, start: at, end: at + s.original.length })
  }
  replaceOpenSuggestions(db, pageId, revisionId, onePerPlace([...duplicates, ...typos]))
  markSuggestionsFor(db, pageId, revisionId)
}

/**
 * A suggestion is shown once: the same fix of the same characters, found by two rules or kept
 * from before an edit and found again after it, is one suggestion (the first, the surest).
 */
export function onePerPlace(list: readonly SuggestionInput[]): SuggestionInput[] {
  const seen = new Map<string, SuggestionInput>()
  for (const s of list) {
    const key = `${s.start}:${s.end}:${s.replacement}`
    const had = seen.get(key)
    if (!had || s.confidence > had.confidence) seen.set(key, s)
  }
  return [...seen.values()].sort((a, b) => a.start - b.start || a.end - b.end)
}

const HAN = /^[\u3400-\u9fff]+$/u

/**
 * A replacement of a few Chinese characters typed by hand between two revisions, with its
 * context, or null when the change is anything else (typing, deleting, several edits).
 */
export function typedCorrection(
  before: string,
  after: string
): { original: string; replacement: string; contextBefore: string; contextAfter: string } | null {
  const { start, endBefore, endAfter } = changedSpan(before, after)
  const original = before.slice(start, endBefore)
  const replacement = after.slice(start, endAfter)
  if (original.length === 0 || replacement.length === 0 || original.length > 4 || replacement.length > 4) return null
  if (!HAN.test(original) || !HAN.test(replacement)) return null
  return { ...widenFix(before, start, endBefore, replacement), contextBefore: '', contextAfter: '' }
}

const IS_HAN = /[\u3400-\u9fff]/u

/**
 * A one-character fix means nothing on its own (态 → 志): the dictionary learns it with its
 * neighbouring characters, at least three in all (态愿者 → 志愿者), so that it applies
 * wherever that string recurs and nowhere else.
 */
export function widenFix(text: string, start: number, end: number, replacement: string): { original: string; replacement: string } {
  let from = start
  let to = end
  while (to - from < 3 && to < text.length && to - end < 2 && IS_HAN.test(text[to]!)) to++
  while (to - from < 3 && from > 0 && IS_HAN.test(text[from - 1]!)) from--
  return { original: text.slice(from, to), replacement: text.slice(from, start) + replacement + text.slice(end, to) }
}
