// Page furniture: headers, footers, navigation lists, tip-line boxes, credits, page numbers.
import { comparable, endsSentence, visibleLength } from './chars'
import { isFurnitureLine, isNavStart, isPageRef, parseLead, isBylineLine } from './cues'
import type { Unit } from './units'

function navCandidate(s: string): boolean {
  const len = visibleLength(s)
  return len >= 2 && len <= 40 && !endsSentence(s) && !parseLead(s) && !isBylineLine(s) && !/[。]/.test(s)
}

/**
 * Marks furniture in place (kind = 'furniture'). A navigation list repeats the page's titles,
 * so after a list header a line counts as a list item only while it is repeated elsewhere on
 * the page (or is itself a page reference): the first line that is not is where the list ends.
 */
export function markFurniture(units: Unit[], keys: readonly string[] = units.map((u) => comparable(u.text))): void {
  const counts = new Map<string, number>()
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1)
  // concatenations of two neighbouring lines: a nav entry may join a kicker and its title (made
  // when the page has a navigation list, which few have)
  let pairs: Set<string> | null = null
  const isPair = (k: string): boolean => {
    if (!pairs) {
      pairs = new Set()
      for (let i = 0; i + 1 < units.length; i++) if (units[i]!.text.length <= 40) pairs.add(keys[i]! + keys[i + 1]!)
    }
    return pairs.has(k)
  }

  for (const u of units) if (isFurnitureLine(u.text)) u.kind = 'furniture'

  for (let i = 0; i < units.length; i++) {
    if (!isNavStart(units[i]!.text)) continue
    units[i]!.kind = 'furniture'
    const seen = new Set<string>()
    let j = i + 1
    for (; j < units.length; j++) {
      const u = units[j]!
      const k = keys[j]!
      if (isPageRef(u.text) || u.kind === 'furniture') {
        u.kind = 'furniture'
        continue
      }
      if (!navCandidate(u.text) || seen.has(k)) break
      const repeated = (counts.get(k) ?? 0) >= 2 || isPair(k)
      if (!repeated) break
      seen.add(k)
      u.kind = 'furniture'
    }
    i = j - 1
  }
}
