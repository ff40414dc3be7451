import type { Db } from '../store/database'
import { detectSuspicious, type DetectOptions } from '../typos'
import { listSuggestions, markSuggestionsFor, replaceOpenSuggestions, type SuggestionInput } from '../store/queries/suggestions'
import { loadKnowledge } from './knowledge'
import { toSuggestionInput } from './propose'

/**
 * Suggestions follow the working text: after a save their offsets are recomputed on the new
 * revision. Typos are detected again (with what the editor taught, so rejected fixes stay
 * away); a proposed duplicate keeps following its text while it is still there.
 */
export function refreshSuggestions(db: Db, pageId: number, revisionId: number, text: string, knowledge: DetectOptions = loadKnowledge(db)): void {
  storeRefreshedSuggestions(db, pageId, revisionId, text, detectSuspicious(text, knowledge).map(toSuggestionInput))
}

/** Stores a revision's suggestions from typos detected on its text (here or on a worker). */
export function storeRefreshedSuggestions(db: Db, pageId: number, revisionId: number, text: string, typos: readonly SuggestionInput[]): void {
  const duplicates: SuggestionInput[] = []
  for (const s of listSuggestions(db, pageId)) {
    if (s.rule !== 'duplicate') continue
    const at = text.lastIndexOf(s.original)
    if (at >= 0 && text.indexOf(s.original) !== at) duplicates.push({ ...s, start: at, end: at + s.original.length })
  }
  replaceOpenSuggestions(db, pageId, revisionId, [...duplicates, ...typos].sort((a, b) => a.start - b.start))
  markSuggestionsFor(db, pageId, revisionId)
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
  let start = 0
  const max = Math.min(before.length, after.length)
  while (start < max && before[start] === after[start]) start++
  let endBefore = before.length
  let endAfter = after.length
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--
    endAfter--
  }
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
