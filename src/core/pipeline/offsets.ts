// Finding a stretch of the cleaned text in the original: the safe fixes changed white space
// and punctuation width, so both sides are compared with those folded away.

const FOLD: Record<string, string> = { ',': '，', '(': '（', ')': '）', ':': '：', ';': '；', '?': '？', '!': '！' }
/** The characters `fold` drops or replaces: white space (JavaScript's \\s, U+00A0, U+3000; isSpace) and FOLD's keys. */
const FOLDED = /[\s\u00a0\u3000,():;?!]/g

/** The text with white space dropped and half-width punctuation made full-width: one pass, no per-character strings. */
function fold(text: string): string {
  return text.replace(FOLDED, (c) => FOLD[c] ?? '')
}

/** Whether FOLDED drops this UTF-16 code as white space, without a string per character. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d)
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
}

/**
 * The offset in `text` of each folded index asked for (ascending): the folded text keeps every
 * character but white space, one for one. Walked once, instead of keeping an offset for every
 * character of a page (28 MB for a 20 MB page).
 */
function offsetsOf(text: string, wanted: readonly number[]): Map<number, number> {
  const out = new Map<number, number>()
  let k = 0
  let n = 0
  for (let i = 0; i < text.length && k < wanted.length; i++) {
    if (isSpace(text.charCodeAt(i))) continue
    while (k < wanted.length && wanted[k] === n) out.set(wanted[k++]!, i)
    n++
  }
  return out
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
export function locateAllInOriginal(original: string, snippets: readonly string[], window = 1 << 20, step = 1 << 16): ({ start: number; end: number } | null)[] {
  const found: ({ start: number; end: number } | null)[] = new Array<null>(snippets.length).fill(null)
  if (snippets.length === 0) return found
  const o = new FoldedPage(original, window, step)
  const spans: [k: number, at: number, length: number][] = []
  let before = o.length
  for (let k = snippets.length - 1; k >= 0; k--) {
    const s = fold(snippets[k]!)
    if (s.length === 0) continue
    let at = before - s.length >= 0 ? o.lastIndexOf(s, before - s.length) : -1
    if (at < 0) at = o.lastIndexOf(s, o.length - s.length)
    else before = at
    if (at < 0) continue
    spans.push([k, at, s.length])
  }
  const wanted = [...new Set(spans.flatMap(([, at, length]) => [at, at + length - 1]))].sort((a, b) => a - b)
  const offsets = offsetsOf(original, wanted)
  for (const [k, at, length] of spans) found[k] = { start: offsets.get(at)!, end: offsets.get(at + length - 1)! + 1 }
  return found
}

/**
 * The folded text of a page, searched through windows of it folded on demand: a 20 MB page
 * folded whole is a second 28 MB string beside it (and the builder's parts): 46 MB at the top
 * of its analysis' memory.
 */
class FoldedPage {
  /** Characters of the folded text. */
  readonly length: number
  /** The offset in the text of every `step`-th folded character. */
  private readonly marks: number[] = []

  constructor(
    private readonly text: string,
    private readonly window: number,
    private readonly step: number
  ) {
    let n = 0
    for (let i = 0; i < text.length; i++) {
      if (isSpace(text.charCodeAt(i))) continue
      if (n % step === 0) this.marks.push(i)
      n++
    }
    this.length = n
  }

  /** The offset in the text of folded character f (< length). */
  private offset(f: number): number {
    let i = this.marks[Math.floor(f / this.step)]!
    for (let n = f - (f % this.step); ; i++) {
      if (isSpace(this.text.charCodeAt(i))) continue
      if (n === f) return i
      n++
    }
  }

  /** Folded characters [from, to). */
  private slice(from: number, to: number): string {
    return from >= to ? '' : fold(this.text.slice(this.offset(from), this.offset(to - 1) + 1))
  }

  /** The window folded last: searches move backwards, and most find their place inside it. */
  private cached = { lo: 0, hi: 0, text: '' }

  /** As String.prototype.lastIndexOf on the folded text: the last place ≤ limit where s starts, -1 when none. */
  lastIndexOf(s: string, limit: number): number {
    // `top`: where the occurrences still to look at end, at the latest
    let top = Math.min(limit, this.length - s.length) + s.length
    if (top < s.length) return -1
    const width = Math.max(this.window, 2 * s.length)
    for (;;) {
      let c = this.cached
      if (!(c.lo <= top - s.length && top <= c.hi)) c = this.cached = { lo: Math.max(0, top - width), hi: top, text: this.slice(Math.max(0, top - width), top) }
      const at = c.text.lastIndexOf(s, top - s.length - c.lo)
      if (at >= 0) return c.lo + at
      if (c.lo === 0) return -1
      // before this window, overlapping it by a snippet's length less one
      top = c.lo + s.length - 1
    }
  }
}
