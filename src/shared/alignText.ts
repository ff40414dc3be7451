// Offsets between a page's original text and its working text: the working text is the original
// with white space, punctuation width and the editor's corrections changed, so the two are
// aligned on their characters with white space left out and punctuation width folded, and a
// stretch that differs (a correction) is crossed by finding where they agree again.

const FOLD: Record<string, string> = { ',': '，', '(': '（', ')': '）', ':': '：', ';': '；', '?': '？', '!': '！' }
const SPACE = /[\s\u00a0\u3000]/
const RESYNC = 4
const WINDOW = 64

function folded(text: string): { chars: string[]; at: number[] } {
  const chars: string[] = []
  const at: number[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (SPACE.test(c)) continue
    chars.push(FOLD[c] ?? c)
    at.push(i)
  }
  return { chars, at }
}

export interface TextAlignment {
  /** The original offset at a working-text offset (the nearest aligned character before it). */
  toOriginal(offset: number): number
  /** The working-text offset at an original offset. */
  toWorking(offset: number): number
}

export function alignTexts(original: string, working: string): TextAlignment {
  const a = folded(original)
  const b = folded(working)
  // pairs of aligned folded indices, in increasing order on both sides
  const pairsA: number[] = []
  const pairsB: number[] = []
  const same = (i: number, j: number, n: number): boolean => {
    for (let k = 0; k < n; k++) if (a.chars[i + k] === undefined || a.chars[i + k] !== b.chars[j + k]) return false
    return true
  }
  let i = 0
  let j = 0
  while (i < a.chars.length && j < b.chars.length) {
    if (a.chars[i] === b.chars[j]) {
      pairsA.push(a.at[i]!)
      pairsB.push(b.at[j]!)
      i++
      j++
      continue
    }
    // the nearest point where both agree again for a few characters (a replacement, an insertion or a deletion)
    let next: [number, number] | null = null
    for (let d = 1; d <= WINDOW && !next; d++) {
      for (let k = 0; k <= d; k++) {
        if (same(i + k, j + d - k, RESYNC)) {
          next = [i + k, j + d - k]
          break
        }
      }
    }
    if (!next) break
    ;[i, j] = next
  }
  const lookup = (from: number[], to: number[], offset: number): number => {
    if (from.length === 0) return 0
    let lo = 0
    let hi = from.length - 1
    if (offset <= from[0]!) return to[0]!
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (from[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return to[lo]! + Math.min(offset - from[lo]!, 1)
  }
  return {
    toOriginal: (offset) => lookup(pairsB, pairsA, offset),
    toWorking: (offset) => lookup(pairsA, pairsB, offset)
  }
}
