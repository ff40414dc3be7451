/**
 * Which characters follow and precede each character inside the lexicon's words: what a
 * misread position's neighbours could have been part of. The detector proposes them as
 * candidates where the character as read makes a word with neither neighbour (detect.ts):
 * on the OCR dev set the printed character is among them for 89% of one-for-one misreadings,
 * against 37% for the confusion and look-alike tables.
 */
export class WordPairs {
  private readonly nextStart: Int32Array
  private readonly nextCodes: Uint16Array
  private readonly prevStart: Int32Array
  private readonly prevCodes: Uint16Array

  /** `pairs`: (a << 16 | b) for each adjacent pair ab inside a word, duplicates allowed. */
  constructor(pairs: Uint32Array) {
    ;[this.nextStart, this.nextCodes] = csr(pairs, 16, 0)
    ;[this.prevStart, this.prevCodes] = csr(pairs, 0, 16)
  }

  /** Characters that follow `a` inside some word (a view: do not change it). */
  after(a: number): Uint16Array {
    return this.nextCodes.subarray(this.nextStart[a]!, this.nextStart[a + 1]!)
  }

  /** Characters that precede `b` inside some word. */
  before(b: number): Uint16Array {
    return this.prevCodes.subarray(this.prevStart[b]!, this.prevStart[b + 1]!)
  }
}

/** Lists of distinct values per key (a bucket sort by key, each bucket sorted and deduplicated). */
function csr(pairs: Uint32Array, keyShift: number, valueShift: number): [Int32Array, Uint16Array] {
  const count = new Int32Array(0x10001)
  for (let k = 0; k < pairs.length; k++) count[((pairs[k]! >>> keyShift) & 0xffff) + 1]!++
  for (let c = 0; c < 0x10000; c++) count[c + 1]! += count[c]!
  const fill = count.slice(0, 0x10000)
  const all = new Uint16Array(pairs.length)
  for (let k = 0; k < pairs.length; k++) all[fill[(pairs[k]! >>> keyShift) & 0xffff]!++] = (pairs[k]! >>> valueShift) & 0xffff
  const start = new Int32Array(0x10001)
  let n = 0
  for (let c = 0; c < 0x10000; c++) {
    start[c] = n
    const a = count[c]!
    const b = count[c + 1]!
    if (b - a > 1) all.subarray(a, b).sort()
    for (let k = a; k < b; k++) if (k === a || all[k] !== all[k - 1]) all[n++] = all[k]!
  }
  start[0x10000] = n
  return [start, all.slice(0, n)]
}

/**
 * Word pairs of the grouped lexicon text (lexicon.ts) over words seen at least `minFreq` times:
 * the rarest words are mostly names and terms that would make any character a candidate.
 */
export function wordPairsOfLexicon(text: string, minFreq: number): WordPairs {
  let buf = new Uint32Array(1 << 20)
  let n = 0
  let p = 0
  while (p < text.length) {
    let nl = text.indexOf('\n', p)
    if (nl < 0) nl = text.length
    const tab = text.indexOf('\t', p)
    if (text.charCodeAt(p) !== 35 /* # */ && tab > p && tab < nl && Number(text.slice(p, tab)) >= minFreq) {
      let prev = -1
      for (let q = tab + 1; q < nl; q++) {
        const c = text.charCodeAt(q)
        if (c === 32) {
          prev = -1
          continue
        }
        if (prev >= 0) {
          if (n === buf.length) {
            const grown = new Uint32Array(buf.length * 2)
            grown.set(buf)
            buf = grown
          }
          buf[n++] = ((prev << 16) | c) >>> 0
        }
        prev = c
      }
    }
    p = nl + 1
  }
  return new WordPairs(buf.subarray(0, n))
}
