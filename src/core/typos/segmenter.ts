import { type Lexicon, MAX_WORD, POW1, POW2 } from './lexicon'

/**
 * Best unigram segmentation score of a short window of text held as codes in a buffer the
 * caller fills (and edits, to try a swapped character). Scores are natural-log word
 * probabilities. Buffers are reused across calls: the detector scores each window several
 * times per character.
 */
export class WindowScorer {
  /** The window's UTF-16 codes; the caller writes them before score(). */
  readonly codes: Int32Array
  private readonly best: Float64Array
  private readonly back: Int8Array
  private readonly logTotal: number
  /** A character the lexicon does not know as a word: below any attested one. */
  readonly unknownChar: number
  /**
   * Cost of reading 2 or 3 characters as one word the lexicon lacks (a name, a place, a new
   * term). Without it, 李庄村 scores as three unrelated characters and any swap that makes a
   * dictionary word of it (辛庄村) looks like a huge improvement.
   */
  private readonly oov2 = -20
  private readonly oov3 = -24

  constructor(
    private readonly lex: Lexicon,
    maxWindow: number
  ) {
    this.codes = new Int32Array(maxWindow)
    this.best = new Float64Array(maxWindow + 1)
    this.back = new Int8Array(maxWindow + 1)
    this.logTotal = Math.log(lex.total)
    this.unknownChar = -this.logTotal - 2
  }

  /** Copies text[a, b) into the code buffer. */
  load(text: string, a: number, b: number): void {
    for (let k = a; k < b; k++) this.codes[k - a] = text.charCodeAt(k)
  }

  /** Score of the first n codes of the buffer. */
  score(n: number): number {
    const { best, back, codes, lex } = this
    const logTotal = this.logTotal
    best[0] = 0
    for (let j = 1; j <= n; j++) {
      // Grow words leftwards from position j, hashing incrementally.
      let c = codes[j - 1]!
      let h1 = c
      let h2 = c
      let f = lex.findHashed(h1, h2, 1)
      let top = best[j - 1]! + (f > 0 ? Math.log(f) - logTotal : this.unknownChar)
      let arg = 1
      const maxL = Math.min(MAX_WORD, j)
      for (let l = 2; l <= maxL; l++) {
        const left = codes[j - l]!
        // A pair no word contains rules out this word and every longer one through it.
        if (!lex.pairs.has(left, c)) break
        c = left
        h1 = (h1 + Math.imul(left, POW1[l - 1]!)) | 0
        h2 = (h2 + Math.imul(left, POW2[l - 1]!)) | 0
        f = lex.findHashed(h1, h2, l)
        if (f === 0) continue
        const v = best[j - l]! + Math.log(f) - logTotal
        if (v > top) {
          top = v
          arg = l
        }
      }
      if (j >= 2 && best[j - 2]! + this.oov2 > top) {
        top = best[j - 2]! + this.oov2
        arg = -2
      }
      if (j >= 3 && best[j - 3]! + this.oov3 > top) {
        top = best[j - 3]! + this.oov3
        arg = -3
      }
      best[j] = top
      back[j] = arg
    }
    return best[n]!
  }

  /**
   * After score(n): the word [start, end) (buffer offsets) of the best segmentation that
   * covers offset p; a lone character when p falls in an unknown stretch.
   */
  wordAt(n: number, p: number): [number, number] {
    let j = n
    while (j > 0) {
      const l = this.back[j]!
      const s = j - Math.abs(l)
      if (s <= p && p < j) return l < 0 ? [p, p + 1] : [s, j]
      j = s
    }
    return [p, p + 1]
  }

  /** Whether some lexicon word of two or more characters covers offset p of the first n codes. */
  wordThrough(n: number, p: number): boolean {
    const { codes, lex } = this
    let lo = p
    while (lo > 0 && p - lo < MAX_WORD - 1 && lex.pairs.has(codes[lo - 1]!, codes[lo]!)) lo--
    let hi = p + 1
    while (hi < n && hi - p < MAX_WORD && lex.pairs.has(codes[hi - 1]!, codes[hi]!)) hi++
    for (let s = lo; s <= p; s++)
      for (let e = Math.max(p + 1, s + 2); e <= hi && e - s <= MAX_WORD; e++) if (lex.freqCodes(codes, s, e) > 0) return true
    return false
  }
}
