// Finding a stretch of the cleaned text in the original: the safe fixes changed white space
// and punctuation width, so both sides are compared with those folded away.

const FOLD: Record<string, string> = { ',': '，', '(': '（', ')': '）', ':': '：', ';': '；', '?': '？', '!': '！' }
const SPACE = /[\s\u00a0\u3000]/

interface Folded {
  chars: string
  /** For each folded character, its offset in the text it came from. */
  at: Int32Array
}

function fold(text: string): Folded {
  const parts: string[] = []
  const at = new Int32Array(text.length)
  let n = 0
  let runStart = 0
  // Runs of characters kept as they are are copied as slices: one string per run, not one per
  // character (a 20 MB page is millions of characters).
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    const space = SPACE.test(c)
    const folded = space ? undefined : FOLD[c]
    if (space || folded !== undefined) {
      if (i > runStart) parts.push(text.slice(runStart, i))
      runStart = i + 1
      if (folded !== undefined) parts.push(folded)
    }
    if (!space) at[n++] = i
  }
  if (runStart < text.length) parts.push(text.slice(runStart))
  return { chars: parts.join(''), at: at.subarray(0, n) }
}

/** The [start, end) of the last occurrence of `snippet` in `original`, or null. */
export function locateInOriginal(original: string, snippet: string): { start: number; end: number } | null {
  return locateAllInOriginal(original, [snippet])[0]!
}

/**
 * Each snippet's place in the original, for snippets in the order the cleaned text has them
 * (the duplicates of a page): the last one is the last occurrence in the original, and each
 * earlier one the last occurrence before the place found for the one after it, so a paragraph
 * printed many times gets each copy, not the last copy many times. The original is folded once
 * and the searches move backwards through it, so the work is linear in the page, however many
 * snippets there are. A snippet not found before its successor (the cleaned text moved it) is
 * looked for in the whole original.
 */
export function locateAllInOriginal(original: string, snippets: readonly string[]): ({ start: number; end: number } | null)[] {
  const found: ({ start: number; end: number } | null)[] = new Array<null>(snippets.length).fill(null)
  if (snippets.length === 0) return found
  const o = fold(original)
  let before = o.chars.length
  for (let k = snippets.length - 1; k >= 0; k--) {
    const s = fold(snippets[k]!).chars
    if (s.length === 0) continue
    let at = before - s.length >= 0 ? o.chars.lastIndexOf(s, before - s.length) : -1
    if (at < 0) at = o.chars.lastIndexOf(s)
    else before = at
    if (at < 0) continue
    found[k] = { start: o.at[at]!, end: o.at[at + s.length - 1]! + 1 }
  }
  return found
}
