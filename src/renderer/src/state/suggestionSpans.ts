import type { SuggestionRecord } from '../../../shared/types'

/**
 * Where a suggestion's text is in the working text now. Offsets were computed on some revision;
 * when the text has moved since, the nearest occurrence of the original within a window is
 * taken, and a suggestion whose text is gone is left out.
 */
export function locateSuggestion(text: string, s: Pick<SuggestionRecord, 'start' | 'end' | 'original'>, window = 2000): { start: number; end: number } | null {
  if (s.end < s.start) return null
  if (text.slice(s.start, s.end) === s.original) return { start: s.start, end: s.end }
  if (!s.original) return null
  let best = -1
  const from = Math.max(0, s.start - window)
  const to = Math.min(text.length, s.end + window)
  for (let i = text.indexOf(s.original, from); i !== -1 && i <= to; i = text.indexOf(s.original, i + 1)) {
    if (best === -1 || Math.abs(i - s.start) < Math.abs(best - s.start)) best = i
  }
  return best === -1 ? null : { start: best, end: best + s.original.length }
}

export interface RuleGroup {
  rule: string
  count: number
  ids: number[]
}

/** Open suggestions grouped by rule, largest group first, for "apply all of this kind". */
export function groupByRule(suggestions: readonly Pick<SuggestionRecord, 'id' | 'rule'>[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>()
  for (const s of suggestions) {
    const g = groups.get(s.rule) ?? { rule: s.rule, count: 0, ids: [] }
    g.count++
    g.ids.push(s.id)
    groups.set(s.rule, g)
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule))
}

/** Edits that do not overlap, in text order: applying one suggestion must not break the next. */
export function nonOverlapping<T extends { start: number; end: number }>(edits: readonly T[]): T[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start)
  const out: T[] = []
  let floor = -1
  for (const e of sorted) {
    if (e.start < floor) continue
    out.push(e)
    floor = Math.max(e.end, e.start + 1)
  }
  return out
}
