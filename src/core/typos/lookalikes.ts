/**
 * The look-alike (形近字) relation, indexed by UTF-16 code unit: the neighbours of code c
 * are codes[start[c] .. start[c + 1]), best first, with their shape similarity (0..1).
 */
export class Lookalikes {
  readonly start: Int32Array
  readonly codes: Uint16Array
  readonly scores: Float32Array

  constructor(start: Int32Array, codes: Uint16Array, scores: Float32Array) {
    this.start = start
    this.codes = codes
    this.scores = scores
  }

  /** Neighbours of one character, best first. */
  of(ch: string): { char: string; score: number }[] {
    const c = ch.charCodeAt(0)
    const out: { char: string; score: number }[] = []
    for (let k = this.start[c]!; k < this.start[c + 1]!; k++)
      out.push({ char: String.fromCharCode(this.codes[k]!), score: Math.round(this.scores[k]! * 100) / 100 })
    return out
  }

  similarity(a: string, b: string): number {
    const c = a.charCodeAt(0)
    const d = b.charCodeAt(0)
    for (let k = this.start[c]!; k < this.start[c + 1]!; k++) if (this.codes[k] === d) return this.scores[k]!
    return 0
  }
}

/** Parses resources/typos/lookalikes.tsv (scripts/lookalikes/build-lookalikes.mjs). */
export function parseLookalikes(text: string): Lookalikes {
  // Two passes over the text with charCodeAt: the set is read at start-up, where a regular
  // expression per token cost more than the rest of the parse.
  const lists = new Map<number, { codes: number[]; scores: number[] }>()
  let total = 0
  let p = 0
  const n = text.length
  while (p < n) {
    let nl = text.indexOf('\n', p)
    if (nl < 0) nl = n
    if (text.charCodeAt(p) !== 35 /* # */ && text.charCodeAt(p + 1) === 9 /* tab */) {
      const codes: number[] = []
      const scores: number[] = []
      let q = p + 2
      while (q < nl) {
        const ch = text.charCodeAt(q++)
        let v = 0
        let c = text.charCodeAt(q)
        while (c >= 48 && c <= 57) {
          v = v * 10 + c - 48
          c = text.charCodeAt(++q)
        }
        while (q < nl && text.charCodeAt(q) !== 32) q++ // kind letter
        q++
        codes.push(ch)
        scores.push(v / 100)
      }
      lists.set(text.charCodeAt(p), { codes, scores })
      total += codes.length
    }
    p = nl + 1
  }
  const start = new Int32Array(0x10001)
  const codes = new Uint16Array(total)
  const scores = new Float32Array(total)
  let k = 0
  for (let c = 0; c < 0x10000; c++) {
    start[c] = k
    const list = lists.get(c)
    if (!list) continue
    // The file lists neighbours best first already.
    codes.set(list.codes, k)
    scores.set(list.scores, k)
    k += list.codes.length
  }
  start[0x10000] = k
  return new Lookalikes(start, codes, scores)
}
