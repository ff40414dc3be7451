// Common words of two to four Han characters (resources/structure/junction-words.json, made by
// scripts/structure/build-junction-words.ts from the lexicon Galley ships): a word printed across
// a break says the break cut a paragraph, not a heading from the text under it.
import file from '../../../resources/structure/junction-words.json'

interface WordsFile {
  words: Record<string, string>
}

let sets: Map<number, Set<string>> | null = null

/** The word sets by length, made on first use (a few milliseconds, once). */
function wordSets(): Map<number, Set<string>> {
  if (sets) return sets
  sets = new Map()
  for (const [n, all] of Object.entries((file as WordsFile).words)) {
    const len = Number(n)
    const set = new Set<string>()
    for (let i = 0; i + len <= all.length; i += len) set.add(all.slice(i, i + len))
    sets.set(len, set)
  }
  return sets
}

/** A common word that starts at the end of `a` and ends at the start of `b`, or null. */
export function wordAcross(a: string, b: string): string | null {
  const words = wordSets()
  for (let len = 4; len >= 2; len--) {
    const set = words.get(len)
    if (!set) continue
    for (let k = 1; k < len; k++) {
      if (k > a.length || len - k > b.length) continue
      const w = a.slice(a.length - k) + b.slice(0, len - k)
      if (set.has(w)) return w
    }
  }
  return null
}
