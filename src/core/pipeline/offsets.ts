// Finding a stretch of the cleaned text in the original: the safe fixes changed white space
// and punctuation width, so both sides are compared with those folded away.

const FOLD: Record<string, string> = { ',': '，', '(': '（', ')': '）', ':': '：', ';': '；', '?': '？', '!': '！' }
const SPACE = /[\s\u00a0\u3000]/

function fold(text: string): { chars: string; at: number[] } {
  let chars = ''
  const at: number[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (SPACE.test(c)) continue
    chars += FOLD[c] ?? c
    at.push(i)
  }
  return { chars, at }
}

/** The [start, end) of the last occurrence of `snippet` in `original`, or null. */
export function locateInOriginal(original: string, snippet: string): { start: number; end: number } | null {
  const o = fold(original)
  const s = fold(snippet)
  if (s.chars.length === 0) return null
  const found = o.chars.lastIndexOf(s.chars)
  if (found < 0) return null
  return { start: o.at[found]!, end: o.at[found + s.chars.length - 1]! + 1 }
}
