import { type Lexicon } from './lexicon'
import { B1, B2, powers } from './hash'
import { LM_MAX_WORD, type LanguageModel } from './lm'

/** Slots per end position: one per vocabulary word length, then two for unknown words. */
const MAXW = LM_MAX_WORD
// Powers of the hash bases for every word length the model holds (the lexicon's stop at its own
// shorter maximum: words of 7 and 8 characters were hashed wrong and never found).
const POW1 = powers(B1, LM_MAX_WORD)
const POW2 = powers(B2, LM_MAX_WORD)
const OOV2 = LM_MAX_WORD + 1
const OOV3 = LM_MAX_WORD + 2
const S = LM_MAX_WORD + 3
/**
 * The most common Chinese surnames (about 85% of the population): a name the model does not
 * know usually starts with one of them, so an unknown two- or three-character stretch after
 * one is read as a name at a lower cost than any other unknown stretch.
 */
const SURNAME = new Uint8Array(0x10000)
for (const c of '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤')
  SURNAME[c.charCodeAt(0)] = 1
/** Whether the character is one of the common surnames above. */
export function isSurname(code: number): boolean {
  return SURNAME[code] === 1
}
/**
 * What a caller of swapBound leaves between the bound and its bar: the bound adds the same
 * terms as the lattice in another order, which may round differently by about 1e-13 (sums of a
 * few dozen terms under 1,000); a swap is skipped only when its bound is this far below.
 */
export const BOUND_MARGIN = 1e-6
/** States more than this below the best one ending at the same place are not extended. */
const BEAM = 12

/**
 * Viterbi over the word lattice of a run of hanzi under the trigram model: the best
 * segmentation's log-probability up to each position, kept per (end, length of the last
 * word) so that the context of the next word is known. Trigram context is taken from the
 * best path into each state (the usual one-best approximation).
 *
 * The detector scores the run once as read, then each candidate swap by recomputing only the
 * positions after the swapped character (states before it cannot see it).
 */
export class LmScorer {
  codes = new Int32Array(256)
  private n = 0
  private base = new Lattice(256)
  private alt = new Lattice(256)
  /** The words of the run as read, by end and length (see forward). */
  private words = new Words(256)
  /** Per position k of the run as read: IN_LEX | IN_LM for the pair (k − 1, k) (see load). */
  private pairs = new Uint8Array(256)

  private readonly lexOffset: number
  /** swapBound's states, per end; and the model's best ln P per word. */
  private bound = new Float64Array(256)
  private tail = new Float64Array(8 * (LM_MAX_WORD + 3))
  private bestP: Float64Array | null = null
  private charBest: Float64Array | null = null
  /** See bestOfAll. */
  private bestEntry = Infinity
  /** See prepareBound. */
  private multiMax = Infinity

  constructor(
    private readonly lm: LanguageModel,
    /**
     * The word-frequency lexicon (lexicon.ts): words it knows and the language model lacks
     * (网格化, 粮款) are read as one unknown word at their lexicon probability, not as a run
     * of unrelated characters that any swap making a model word would beat.
     */
    private readonly lex: Lexicon,
    /** ln-probability cost of a 2-character stretch the model does not know (a name, a new term). */
    private readonly oovCost: number,
    /** The same for a stretch that starts with a common surname: a person's name is the likely reading. */
    private readonly nameCost: number,
    lexBonus: number,
    /**
     * The same two for a 3-character stretch (default: as for 2). An unknown stretch is a run of
     * characters the model cannot place: each one more should cost more, or a misread character
     * hides inside a cheap unknown 3-character "word" and no correction can gain (种莱更 and
     * 种菜更 scored alike).
     */
    private readonly oov3Cost = oovCost,
    private readonly name3Cost = nameCost
  ) {
    this.lexOffset = lexBonus - Math.log(lex.total) - lm.unigram(lm.unk)
  }

  /** Loads text[a, b) and scores it as read. */
  load(text: string, a: number, b: number): void {
    const n = b - a
    if (n + 1 > this.base.size) {
      let size = this.base.size
      while (size < n + 1) size *= 2
      this.codes = new Int32Array(size)
      this.base = new Lattice(size)
      this.alt = new Lattice(size)
      this.words = new Words(size)
      this.pairs = new Uint8Array(size)
      this.bound = new Float64Array(size)
    }
    for (let k = a; k < b; k++) this.codes[k - a] = text.charCodeAt(k)
    this.n = n
    // Which adjacent pairs of the run pass the lexicon's and the model's pair filters: a swap
    // changes only the two pairs beside it, and the filters are bitmaps of megabytes, each
    // probe a cache miss.
    const { codes, pairs, lm, lex } = this
    for (let k = 1; k < n; k++) pairs[k] = (lex.pairs.has(codes[k - 1]!, codes[k]!) ? IN_LEX : 0) | (lm.pair(codes[k - 1]!, codes[k]!) ? IN_LM : 0)
    this.forward(this.base, this.base, -1, 1, n)
  }

  /** Best log-probability of a path through the run as read, up to position e. */
  baseAt(e: number): number {
    return this.base.best(e)
  }

  /**
   * Best log-probability up to position e (≤ n) with codes[p] replaced by `code`; the
   * buffer is restored afterwards.
   */
  swappedAt(p: number, code: number, e: number): number {
    const keep = this.codes[p]!
    this.codes[p] = code
    this.forward(this.alt, this.base, p, p + 1, e)
    this.codes[p] = keep
    return this.alt.best(e)
  }

  /**
   * Readies swapBound for swaps at p scored up to e: per end t in p + 1 … e, a number no path
   * from a word ending at t (whatever it is) to e can exceed under the model, over the words
   * the run as read has after p (recorded by load). The first word after t is taken at its best
   * probability in any context (lm.bestLogProbs), each later one at its best after the word
   * before it (lm.boundAfter), unknown stretches at their exact costs. Done once per position;
   * every candidate at it shares it.
   */
  prepareBound(p: number, e: number): void {
    const { lm, words } = this
    const best = (this.bestP ??= this.bestOfAll(lm.bestLogProbs()))
    const unk = lm.unigram(lm.unk)
    const R = this.bound
    const span = e - p
    if (this.tail.length < (span + 1) * S) this.tail = new Float64Array((span + 1) * S)
    // tail[(j − p) · S + slot]: the best from the state ending at j in that slot to e.
    const Q = this.tail
    for (let j = e; j > p; j--) {
      let r = j === e ? 0 : -Infinity
      if (j < e) {
        // the states ending at j whose word starts after p
        for (let slot = 1; slot < S; slot++) Q[(j - p) * S + slot] = -Infinity
        for (let j2 = j + 1; j2 <= e; j2++) {
          const l = j2 - j
          const row2 = j2 * S
          const nextAt = (j2 - p) * S
          const cost = this.entryCost(j2, l)
          if (l <= words.reach[j2]! && words.id[row2 + l]! !== NO_WORD) {
            const w = words.id[row2 + l]!
            const q = Q[nextAt + l]!
            // first word after t: any context
            const f = w >= 0 ? best[w]! + q : unk + words.extra[row2 + l]! + q
            if (f > r) r = f
            this.tailFrom(j, p, w >= 0 ? w : -1, w >= 0 ? 0 : unk + words.extra[row2 + l]!, q)
          }
          if (l === 2 || l === 3) {
            const q = Q[nextAt + (l === 2 ? OOV2 : OOV3)]!
            const f = unk + cost + q
            if (f > r) r = f
            this.tailFrom(j, p, -1, unk + cost, q)
          }
        }
      } else for (let slot = 1; slot < S; slot++) Q[(j - p) * S + slot] = 0
      R[j] = r
    }
    // The most a word of two characters or more through p could bring, whatever its characters.
    let m = -Infinity
    for (let s = Math.max(0, p - MAXW + 1); s <= p; s++) {
      const top = s === 0 ? 0 : this.base.top[s]!
      for (let t = Math.max(p + 1, s + 2); t <= e && t - s <= MAXW; t++) if (top + R[t]! > m) m = top + R[t]!
    }
    this.multiMax = m + this.bestEntry
  }

  /** Cost of the unknown stretch of length l (2 or 3) ending at j, by its first character. */
  private entryCost(j: number, l: number): number {
    const first = this.codes[j - l]!
    return l === 2 ? (SURNAME[first] ? this.nameCost : this.oovCost) : l === 3 ? (SURNAME[first] ? this.name3Cost : this.oov3Cost) : 0
  }

  /**
   * prepareBound's step: every state ending at j after p (slot by slot) may go on to an entry
   * worth `q` from its end: a model word w at boundAfter(v, w), or (w < 0) an unknown stretch
   * at its exact cost `fixed`.
   */
  private tailFrom(j: number, p: number, w: number, fixed: number, q: number): void {
    const { words, lm } = this
    const Q = this.tail
    const at = (j - p) * S
    const row = j * S
    const known = Math.min(j - p - 1, words.reach[j]!)
    for (let l = 1; l <= known; l++) {
      const v = words.id[row + l]!
      if (v === NO_WORD) continue
      const u = (w >= 0 ? lm.boundAfter(v >= 0 ? v : lm.unk, w) : fixed) + q
      if (u > Q[at + l]!) Q[at + l] = u
    }
    for (let l = 2; l <= 3 && j - l > p; l++) {
      const slot = l === 2 ? OOV2 : OOV3
      const u = (w >= 0 ? lm.boundAfter(lm.unk, w) : fixed) + q
      if (u > Q[at + slot]!) Q[at + slot] = u
    }
  }

  /**
   * A number swappedAt(p, code, e) cannot exceed (after prepareBound(p, e)), found without the
   * trigram search: every path to e holds exactly one word through p, after a state of the run
   * as read (known) and before prepareBound's tail. Each state of swappedAt scores a real path
   * under the model, and no path beats its bound; sums are grouped differently from the
   * lattice's, so callers leave a margin far above the rounding (BOUND_MARGIN). Once the bound
   * reaches `enough` (the caller's bar) it is returned as it stands: the swap must be scored.
   * The lattice is not touched.
   */
  swapBound(p: number, code: number, e: number, enough = Infinity): number {
    const { codes, lm, lex, pairs, base } = this
    const best = this.bestP!
    const R = this.bound
    const unk = lm.unigram(lm.unk)
    const keep = codes[p]!
    codes[p] = code
    // Without a bar the whole bound is wanted: no entry is skipped.
    const skipBelow = enough === Infinity ? -Infinity : enough
    // The look-up-free entries first: the character alone, and unknown stretches through p.
    let u = (p === 0 ? 0 : base.top[p]!) + this.bestChar(code) + R[p + 1]!
    for (let t = p + 1; t <= e && t <= p + 3 && u < enough; t++)
      for (let l = Math.max(2, t - p); l <= 3; l++) {
        const s = t - l
        if (s < 0) continue
        const v = (s === 0 ? 0 : base.top[s]!) + unk + this.entryCost(t, l) + R[t]!
        if (v > u) u = v
      }
    // Words of two characters or more through p: every [s, t) with s ≤ p < t ≤ e whose adjacent
    // pairs all pass the filters forward applies (a superset of the ones it enters).
    // (refinedBound needs them too, so they are found even when the bar is already reached.)
    // None is sought when no word of two characters or more through p could reach the bar,
    // whatever it is (prepareBound's multiMax): the pair filters are cache misses.
    let lo = p
    let hi = p + 1
    if (this.multiMax >= skipBelow) {
      while (lo > 0 && p - lo < MAXW - 1 && (lo < p ? pairs[lo] !== 0 : lex.pairs.has(codes[lo - 1]!, code) || lm.pair(codes[lo - 1]!, code))) lo--
      while (hi < e && hi - p < MAXW && (hi - 1 > p ? pairs[hi] !== 0 : lex.pairs.has(code, codes[hi]!) || lm.pair(code, codes[hi]!))) hi++
    }
    for (let s = lo; s <= p && u < enough; s++) {
      const top = s === 0 ? 0 : base.top[s]!
      let h1 = 0
      let h2 = 0
      for (let q = s; q < p; q++) {
        h1 = (Math.imul(h1, B1) + codes[q]!) | 0
        h2 = (Math.imul(h2, B2) + codes[q]!) | 0
      }
      const tEnd = Math.min(hi, s + MAXW)
      for (let t = p + 1; t <= tEnd; t++) {
        const c = codes[t - 1]!
        h1 = (Math.imul(h1, B1) + c) | 0
        h2 = (Math.imul(h2, B2) + c) | 0
        const l = t - s
        // A word no word of the model or the lexicon could bring to the bar is not looked up.
        if (l === 1 || top + this.bestEntry + R[t]! < skipBelow) continue
        const w = lm.idHashed(h1, h2, l)
        let v: number
        if (w >= 0) v = top + best[w]!
        else {
          const f = lex.pairs.has(codes[s]!, codes[s + 1]!) ? lex.findHashed(h1, h2, l) : 0
          if (f <= 0) continue
          v = top + unk + (Math.log(f) + this.lexOffset)
        }
        v += R[t]!
        if (v > u) u = v
      }
    }
    if (u >= enough) u = this.refinedBound(p, lo, hi, e, enough)
    codes[p] = keep
    return u
  }

  /**
   * swapBound again (codes[p] already swapped) with each word through p entered as swappedAt
   * enters it: its states before it are the run's as read, so the word's score is exact and
   * only the tail after it is a bound. Dearer (a trigram search per word): asked only of the
   * swaps the first bound could not settle.
   */
  private refinedBound(p: number, lo: number, hi: number, e: number, enough: number): number {
    const { codes, lm, lex, base } = this
    const R = this.bound
    const unk = lm.unigram(lm.unk)
    const skipBelow = enough === Infinity ? -Infinity : enough
    let u = -Infinity
    for (let t = p + 1; t <= e && t <= p + 3; t++)
      for (let l = Math.max(2, t - p); l <= 3; l++) {
        const s = t - l
        if (s < 0) continue
        const v = (s === 0 ? 0 : base.top[s]!) + unk + this.entryCost(t, l) + R[t]!
        if (v > u) u = v
      }
    for (let s = p; s >= lo && u < enough; s--) {
      let h1 = 0
      let h2 = 0
      for (let q = s; q < p; q++) {
        h1 = (Math.imul(h1, B1) + codes[q]!) | 0
        h2 = (Math.imul(h2, B2) + codes[q]!) | 0
      }
      const tEnd = Math.min(hi, s + MAXW)
      for (let t = p + 1; t <= tEnd; t++) {
        const c = codes[t - 1]!
        h1 = (Math.imul(h1, B1) + c) | 0
        h2 = (Math.imul(h2, B2) + c) | 0
        const l = t - s
        if ((s === 0 ? 0 : base.top[s]!) + this.bestEntry + R[t]! < skipBelow) continue
        let w = lm.idHashed(h1, h2, l)
        let v: number
        if (w >= 0 || l === 1) {
          if (w < 0) w = lm.unk
          v = this.enteredScore(s, w)
        } else {
          const f = lex.pairs.has(codes[s]!, codes[s + 1]!) ? lex.findHashed(h1, h2, l) : 0
          if (f <= 0) continue
          v = (s === 0 ? 0 : base.top[s]!) + unk + (Math.log(f) + this.lexOffset)
        }
        v += R[t]!
        if (v > u) u = v
      }
    }
    return u
  }

  /** The score enter gives word w after the states of the run as read at s (s ≤ the swap). */
  private enteredScore(s: number, w: number): number {
    const { lm, base } = this
    if (s === 0) return lm.unigram(w)
    let top = -Infinity
    const row = s * S
    const floor = base.top[s]! - BEAM
    for (let k = 1; k < S; k++) {
      const sc = base.score[row + k]!
      if (sc < floor) continue
      const v = sc + lm.logProbAfter(base.ctxBigram[row + k]!, base.word[row + k]!, w)
      if (v > top) top = v
    }
    return top
  }

  /**
   * Keeps in bestEntry the most any word can add to a path: the best of bestLogProbs, and a
   * lexicon word as frequent as the whole lexicon (enterUnknown's sum with f = total). With a
   * hair of room for the rounding; the callers' BOUND_MARGIN is far wider.
   */
  private bestOfAll(best: Float64Array): Float64Array {
    let m = this.lm.unigram(this.lm.unk) + (Math.log(this.lex.total) + this.lexOffset)
    for (let w = 0; w < best.length; w++) if (best[w]! > m) m = best[w]!
    this.bestEntry = m + 1e-9
    return best
  }

  /** The best ln P the model gives the one-character word `code` (its <unk> when it lacks it). */
  private bestChar(code: number): number {
    const memo = (this.charBest ??= new Float64Array(0x10000).fill(NaN))
    let v = memo[code]!
    if (Number.isNaN(v)) {
      const w = this.lm.idHashed(code, code, 1)
      v = memo[code] = this.bestP![w >= 0 ? w : this.lm.unk]!
    }
    return v
  }

  /**
   * After swappedAt: the word [start, end) of the best path that holds position p, found
   * by following back-pointers from e (lattice offsets; a lone character when unknown).
   */
  wordAt(p: number, e: number): [number, number] {
    let j = e
    let slot = this.alt.bestSlot(j)
    while (j > 0 && slot > 0) {
      const lat = j > p ? this.alt : this.base
      const len = slot === OOV2 ? 2 : slot === OOV3 ? 3 : slot
      const s = j - len
      if (s <= p) return slot > MAXW ? [p, p + 1] : [s, j]
      slot = lat.back[j * S + slot]!
      j = s
    }
    return [p, p + 1]
  }

  /**
   * Ends (j) from j0 to j1 into `out`; states at positions ≤ split are read from `prev`.
   * Scoring the run as read (split < 0) records each word it looks up (words.ts); a swap at
   * split reads the words that start after it from that record, as they hold no swapped
   * character, and looks up only the ones through it.
   */
  private forward(out: Lattice, prev: Lattice, split: number, j0: number, j1: number): void {
    const { codes, lm, lex, words, pairs } = this
    // Local copies: an imported binding may be read through a getter (dev bundlers).
    const pow1 = POW1
    const pow2 = POW2
    const record = split < 0
    for (let j = j0; j <= j1; j++) {
      const row = j * S
      out.score.fill(-Infinity, row, row + S)
      const maxL = Math.min(MAXW, j)
      let l = 1
      let c = codes[j - 1]!
      let h1 = c
      let h2 = c
      let broken = false
      if (!record) {
        // Lengths 1 … j − split − 1 start after the swap: as recorded.
        const after = j - split - 1
        const known = Math.min(after, words.reach[j]!)
        for (; l <= known; l++) {
          const w = words.id[row + l]!
          if (w >= 0) this.enter(out, out, j - l, row + l, w, 0)
          else if (w === LEX_WORD) this.enterUnknown(out, out, j - l, row + l, words.extra[row + l]!)
        }
        broken = known < after
        if (!broken && known > 0) {
          c = codes[j - known]!
          h1 = words.h1[row + known]!
          h2 = words.h2[row + known]!
        }
      }
      for (; !broken && l <= maxL; l++) {
        let inLex = false
        if (l > 1) {
          const left = codes[j - l]!
          const at = j - l
          if (at === split || at + 1 === split) {
            inLex = lex.pairs.has(left, c)
            if (!inLex && !lm.pair(left, c)) break
          } else {
            const bits = pairs[at + 1]!
            inLex = (bits & IN_LEX) !== 0
            if (bits === 0) break
          }
          c = left
          h1 = (h1 + Math.imul(left, pow1[l - 1]!)) | 0
          h2 = (h2 + Math.imul(left, pow2[l - 1]!)) | 0
        }
        if (record) {
          words.reach[j] = l
          words.h1[row + l] = h1
          words.h2[row + l] = h2
          words.id[row + l] = NO_WORD
        }
        let w = lm.idHashed(h1, h2, l)
        if (w < 0) {
          if (l > 1) {
            const f = inLex ? lex.findHashed(h1, h2, l) : 0
            if (f > 0) {
              const extra = Math.log(f) + this.lexOffset
              if (record) {
                words.id[row + l] = LEX_WORD
                words.extra[row + l] = extra
              }
              this.enterUnknown(out, j - l <= split ? prev : out, j - l, row + l, extra)
            }
            continue
          }
          w = lm.unk
        }
        if (record) words.id[row + l] = w
        this.enter(out, j - l <= split ? prev : out, j - l, row + l, w, 0)
      }
      if (j >= 2) this.enterUnknown(out, j - 2 <= split ? prev : out, j - 2, row + OOV2, SURNAME[codes[j - 2]!] ? this.nameCost : this.oovCost)
      if (j >= 3) this.enterUnknown(out, j - 3 <= split ? prev : out, j - 3, row + OOV3, SURNAME[codes[j - 3]!] ? this.name3Cost : this.oov3Cost)
      out.close(j)
    }
  }

  /**
   * An unknown word (a lexicon word the model lacks, a name, a new term) spanning [s, …):
   * P(<unk>) without context (its n-grams say little) plus `extra`, after the best state at s.
   */
  private enterUnknown(out: Lattice, from: Lattice, s: number, slotIndex: number, extra: number): void {
    const lm = this.lm
    const k = s === 0 ? 0 : from.topSlot[s]!
    out.score[slotIndex] = (s === 0 ? 0 : from.top[s]!) + lm.unigram(lm.unk) + extra
    out.word[slotIndex] = lm.unk
    out.back[slotIndex] = k
    out.ctx[slotIndex] = s === 0 ? -1 : from.word[s * S + k]!
    out.ctxBigram[slotIndex] = -1
  }

  /** Best way into word w spanning [s, …) stored at out[slotIndex]. */
  private enter(out: Lattice, from: Lattice, s: number, slotIndex: number, w: number, extra: number): void {
    const lm = this.lm
    if (s === 0) {
      out.score[slotIndex] = lm.unigram(w) + extra
      out.word[slotIndex] = w
      out.back[slotIndex] = 0
      out.ctx[slotIndex] = -1
      out.ctxBigram[slotIndex] = -1
      return
    }
    let top = -Infinity
    let arg = 0
    const row = s * S
    // States far below the best one at s cannot win: a transition costs between about 0 and 25.
    const floor = from.top[s]! - BEAM
    for (let k = 1; k < S; k++) {
      const sc = from.score[row + k]!
      if (sc < floor) continue
      const v = sc + lm.logProbAfter(from.ctxBigram[row + k]!, from.word[row + k]!, w)
      if (v > top) {
        top = v
        arg = k
      }
    }
    const v = from.word[row + arg]!
    out.score[slotIndex] = top + extra
    out.word[slotIndex] = w
    out.back[slotIndex] = arg
    out.ctx[slotIndex] = v
    out.ctxBigram[slotIndex] = lm.bigramIndex(v, w)
  }
}

const IN_LEX = 1
const IN_LM = 2
/** A recorded length that is no word of the model nor of the lexicon. */
const NO_WORD = -1
/** A recorded length that is a lexicon word the model lacks (its cost in `extra`). */
const LEX_WORD = -2

/**
 * What scoring a run as read looked up, per end j and length l (at j · S + l): the word's id,
 * NO_WORD or LEX_WORD, its hashes (to go on growing it leftwards), and per end the longest
 * length looked up before the pair filter stopped.
 */
class Words {
  readonly id: Int32Array
  readonly extra: Float64Array
  readonly h1: Int32Array
  readonly h2: Int32Array
  readonly reach: Int32Array

  constructor(size: number) {
    this.id = new Int32Array(size * S)
    this.extra = new Float64Array(size * S)
    this.h1 = new Int32Array(size * S)
    this.h2 = new Int32Array(size * S)
    this.reach = new Int32Array(size)
  }
}

class Lattice {
  readonly score: Float64Array
  readonly word: Int32Array
  /** The word before this state's word on its best path (trigram context), -1 at the start. */
  readonly ctx: Int32Array
  /** Bigram index of (ctx, word), the context of the next word; -1 when none. */
  readonly ctxBigram: Int32Array
  /** Slot of the previous state on the best path (0 at the start of the run). */
  readonly back: Int8Array

  /** Best score and its slot per end position (after close). */
  readonly top: Float64Array
  readonly topSlot: Int8Array

  constructor(readonly size: number) {
    this.top = new Float64Array(size).fill(-Infinity)
    this.topSlot = new Int8Array(size)
    this.score = new Float64Array(size * S).fill(-Infinity)
    this.word = new Int32Array(size * S)
    this.ctx = new Int32Array(size * S).fill(-1)
    this.back = new Int8Array(size * S)
    this.ctxBigram = new Int32Array(size * S).fill(-1)
  }

  /** Records the best state ending at j, once all of them are in. */
  close(j: number): void {
    let top = -Infinity
    let arg = 0
    for (let k = 1; k < S; k++) {
      const v = this.score[j * S + k]!
      if (v > top) {
        top = v
        arg = k
      }
    }
    this.top[j] = top
    this.topSlot[j] = arg
  }

  best(j: number): number {
    return j === 0 ? 0 : this.top[j]!
  }

  bestSlot(j: number): number {
    return this.topSlot[j]!
  }
}
