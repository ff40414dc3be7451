import { B1, B2, hash1, hash2, LEN_SALT, powers } from './hash'
import { sharedInt32 } from './sharedArrays'

/** Words longer than this are not looked up (they are rare and never decide a fix). */
export const MAX_WORD = 6

const PAIR_BITS = 24
// A module copy: hot lookups must not read an imported binding (a getter in dev bundles).
const SALT = LEN_SALT

/**
 * A one-sided filter over the character pairs that occur inside lexicon words: when a pair
 * is absent no word contains it, so a swapped character that pairs with neither neighbour
 * cannot create a word and costs no table probes.
 */
export class PairFilter {
  private readonly bits = new Int32Array(1 << (PAIR_BITS - 5))

  private static slot(a: number, b: number): number {
    return Math.imul((a << 16) | b, 0x9e3779b1) >>> (32 - PAIR_BITS)
  }

  add(a: number, b: number): void {
    const s = PairFilter.slot(a, b)
    this.bits[s >>> 5]! |= 1 << (s & 31)
  }

  has(a: number, b: number): boolean {
    const s = PairFilter.slot(a, b)
    return (this.bits[s >>> 5]! & (1 << (s & 31))) !== 0
  }
}

/**
 * A word-frequency table in open addressing over typed arrays, keyed by two 32-bit hashes of
 * the word's UTF-16 units (all words are BMP hanzi, one unit per character).
 */
export class Lexicon {
  readonly size: number
  readonly total: number
  private readonly mask: number
  private readonly tableMask: number
  /** One slot of four ints per word (hash 1, hash 2, frequency as unsigned bits, unused): one cache line a probe. */
  private readonly table: Int32Array
  readonly pairs = new PairFilter()

  constructor(entries: { count: number; forEach(fn: (word: string, freq: number) => void): void }) {
    let cap = 1
    while (cap < entries.count * 2) cap <<= 1
    this.mask = cap - 1
    this.tableMask = cap * 4 - 1
    const table = (this.table = sharedInt32(cap * 4))
    let size = 0
    let total = 0
    entries.forEach((word, freq) => {
      total += freq
      if (word.length > MAX_WORD) return
      for (let k = 1; k < word.length; k++) this.pairs.add(word.charCodeAt(k - 1), word.charCodeAt(k))
      const h1 = hash1(word)
      const h2 = hash2(word)
      let slot = (h1 ^ (h1 >>> 15)) & this.mask
      while (table[slot * 4 + 2] !== 0) {
        if (table[slot * 4] === h1 && table[slot * 4 + 1] === h2) break
        slot = (slot + 1) & this.mask
      }
      if (table[slot * 4 + 2] === 0) size++
      table[slot * 4] = h1
      table[slot * 4 + 1] = h2
      table[slot * 4 + 2] = freq | 0
    })
    this.size = size
    this.total = total
  }

  /** Frequency by the two hashes of a word (hash2 without its length term) and its length. */
  findHashed(h1: number, h2NoLen: number, len: number): number {
    return this.find(h1, (h2NoLen + Math.imul(len, SALT)) | 0)
  }

  private find(h1: number, h2: number): number {
    const table = this.table
    let at = ((h1 ^ (h1 >>> 15)) & this.mask) * 4
    for (;;) {
      const f = table[at + 2]!
      if (f === 0) return 0
      if (table[at] === h1 && table[at + 1] === h2) return f >>> 0
      at = (at + 4) & this.tableMask
    }
  }

  /** Frequency of a word, 0 when unknown. */
  freq(word: string): number {
    if (word.length === 0 || word.length > MAX_WORD) return 0
    return this.find(hash1(word), hash2(word))
  }

  /** Frequency of codes[from, to) (a window buffer filled by the caller). */
  freqCodes(codes: Int32Array, from: number, to: number): number {
    let h1 = 0
    let h2 = 0
    for (let k = from; k < to; k++) {
      const c = codes[k]!
      h1 = (Math.imul(h1, B1) + c) | 0
      h2 = (Math.imul(h2, B2) + c) | 0
    }
    return this.findHashed(h1, h2, to - from)
  }
}

export const POW1 = powers(B1, MAX_WORD)
export const POW2 = powers(B2, MAX_WORD)

/** Parses the grouped form written by scripts/lookalikes/build-lexicon.mjs. */
export function parseGroupedLexicon(text: string): Lexicon {
  let count = 0
  for (let p = text.indexOf(' '); p >= 0; p = text.indexOf(' ', p + 1)) count++
  count += text.length / 1000 // one more word per line; a generous bound is all we need
  return new Lexicon({
    count: Math.ceil(count + 64),
    forEach(fn) {
      let p = 0
      while (p < text.length) {
        let nl = text.indexOf('\n', p)
        if (nl < 0) nl = text.length
        if (text.charCodeAt(p) !== 35 /* # */) {
          const tab = text.indexOf('\t', p)
          if (tab > p && tab < nl) {
            const freq = Number(text.slice(p, tab))
            let q = tab + 1
            while (q < nl) {
              let sp = text.indexOf(' ', q)
              if (sp < 0 || sp > nl) sp = nl
              if (sp > q) fn(text.slice(q, sp), freq)
              q = sp + 1
            }
          }
        }
        p = nl + 1
      }
    }
  })
}
