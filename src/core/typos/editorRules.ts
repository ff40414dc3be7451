import type { DictionaryEntry, RejectedFix, TypoSuggestion } from './types'

/** Marks every occurrence of each term in `mask`. */
export function maskOccurrences(text: string, terms: Iterable<string>, mask: Uint8Array): void {
  for (const term of terms) {
    if (term.length === 0) continue
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) mask.fill(1, at, at + term.length)
  }
}

/** Learned fixes, wherever `original` occurs with the stored context around it. */
export function dictionarySuggestions(text: string, entries: DictionaryEntry[], blocked: Uint8Array): TypoSuggestion[] {
  const out: TypoSuggestion[] = []
  for (const e of entries) {
    if (e.original.length === 0 || e.original === e.replacement) continue
    for (let at = text.indexOf(e.original); at >= 0; at = text.indexOf(e.original, at + 1)) {
      const end = at + e.original.length
      if (e.contextBefore && !text.endsWith(e.contextBefore, at)) continue
      if (e.contextAfter && !text.startsWith(e.contextAfter, end)) continue
      if (blocked.subarray(at, end).some((v) => v !== 0)) continue
      out.push({
        rule: 'dictionary',
        start: at,
        end,
        original: e.original,
        replacement: e.replacement,
        confidence: 0.9,
        message: `${e.original} → ${e.replacement}: a fix the editor made before`
      })
    }
  }
  return out
}

/** The text around a suggestion that identifies "this place" when the editor rejects it. */
export function suggestionContext(text: string, s: { start: number; end: number }, radius = 6): string {
  return text.slice(Math.max(0, s.start - radius), Math.min(text.length, s.end + radius))
}

/** True when the editor rejected this very fix in a context that surrounds it here. */
export function isRejected(text: string, s: TypoSuggestion, rejected: RejectedFix[]): boolean {
  for (const r of rejected) {
    if (r.original !== s.original || r.replacement !== s.replacement || r.context.length === 0) continue
    // Any occurrence of the context that spans the suggestion counts.
    const from = Math.max(0, s.end - r.context.length)
    for (let at = text.indexOf(r.context, from); at >= 0 && at <= s.start; at = text.indexOf(r.context, at + 1))
      if (at + r.context.length >= s.end) return true
  }
  return false
}

/**
 * True when the editor rejected this character fix for the same word: the word around the
 * character as read (`wordStart`..`wordEnd`) sits around the rejected one too.
 */
export function isRejectedForWord(text: string, s: TypoSuggestion, word: { start: number; end: number }, rejected: RejectedFix[]): boolean {
  const before = text.slice(word.start, s.start)
  const after = text.slice(s.end, word.end)
  for (const r of rejected) {
    if (r.original !== s.original || r.replacement !== s.replacement || r.contextBefore === undefined || r.contextAfter === undefined) continue
    if (r.contextBefore.endsWith(before) && r.contextAfter.startsWith(after)) return true
  }
  return false
}
