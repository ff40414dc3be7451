import { B1, B2, LEN_SALT } from './hash'
import { sharedBytes, sharedFloat32, sharedFloat64, sharedInt32, sharedUint32 } from './sharedArrays'

/** Longest vocabulary word the model holds (scripts/lm/build-lm.mjs drops longer ones). */
export const LM_MAX_WORD = 8
// Module copies of the hash constants: hot lookups must not read imported bindings, which a
// development bundler may turn into getter calls.
const SALT = LEN_SALT
const M1 = B1
const M2 = B2
const LN10 = Math.LN10
const PAIR_BITS = 22

/**
 * A word trigram language model of Chinese (libime's lm_sc.arpa, converted by
 * scripts/lm/build-lm.mjs): natural-log probabilities with Katz-style back-off.
 * Words are looked up by the two polynomial hashes of their UTF-16 codes (see hash.ts), so
 * a caller growing a word one character to the left never builds a substring.
 */
export class LanguageModel {
  readonly vocabSize: number
  readonly unk: number
  readonly bigramCount: number
  readonly trigramCount: number
  /** Unigram log-probability and back-off weight per word id. */
  private readonly uniP: Float32Array
  private readonly uniB: Float32Array
  private readonly biStart: Uint32Array
  private readonly biW: Uint32Array
  private readonly biP: Uint8Array
  private readonly biB: Uint8Array
  private readonly biLevels: Float32Array
  private readonly biBoLevels: Float32Array
  private readonly triStart: Uint32Array
  private readonly triW: Uint32Array
  private readonly triP: Uint8Array
  private readonly triLevels: Float32Array
  private readonly mask: number
  private readonly tableMask: number
  /**
   * The vocabulary's hash table, one slot of four ints per word (hash 1, hash 2, id, unused):
   * a probe reads one cache line, not one in each of three arrays.
   */
  private readonly table: Int32Array
  /** Adjacent character pairs inside vocabulary words (one-sided, as in lexicon.ts). */
  private readonly pairBits = new Int32Array(1 << (PAIR_BITS - 5))

  constructor(raw: Uint8Array) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
    if (String.fromCharCode(raw[0]!, raw[1]!, raw[2]!, raw[3]!) !== 'GLM1') throw new Error('language model: not a GLM1 file')
    const V = view.getUint32(4, true)
    const nB = view.getUint32(8, true)
    const nT = view.getUint32(12, true)
    const vocabBytes = view.getUint32(16, true)
    let at = 20
    const book = (): Float32Array => {
      const f = new Float32Array(256)
      for (let k = 0; k < 256; k++) f[k] = view.getFloat32(at + 4 * k, true) * LN10
      at += 1024
      return f
    }
    const uniLevels = book()
    const uniBoLevels = book()
    this.biLevels = book()
    this.biBoLevels = book()
    this.triLevels = book()
    const vocabAt = at
    at += vocabBytes
    this.uniP = sharedFloat32(V)
    this.uniB = sharedFloat32(V)
    for (let k = 0; k < V; k++) {
      this.uniP[k] = uniLevels[raw[at + k]!]!
      this.uniB[k] = uniBoLevels[raw[at + V + k]!]!
    }
    at += 2 * V
    let p = at
    const varints = (n: number, out: Uint32Array, grouped?: Uint32Array): void => {
      // grouped: per-group start offsets; ids restart at each group start (delta coding).
      let g = 0
      let prev = 0
      for (let i = 0; i < n; i++) {
        let v = 0
        let shift = 0
        let b: number
        do {
          b = raw[p++]!
          v |= (b & 0x7f) << shift
          shift += 7
        } while (b & 0x80)
        if (grouped) {
          while (grouped[g + 1]! <= i) g++
          out[i] = grouped[g] === i ? v : prev + v
          prev = out[i]!
        } else out[i] = v
      }
    }
    const prefix = (counts: Uint32Array): Uint32Array => {
      const s = sharedUint32(counts.length + 1)
      for (let k = 0; k < counts.length; k++) s[k + 1] = s[k]! + counts[k]!
      return s
    }
    const perFirst = new Uint32Array(V)
    varints(V, perFirst)
    this.biStart = prefix(perFirst)
    this.biW = sharedUint32(nB)
    varints(nB, this.biW, this.biStart)
    this.biP = sharedBytes(raw.subarray(p, p + nB))
    this.biB = sharedBytes(raw.subarray(p + nB, p + 2 * nB))
    p += 2 * nB
    const perBigram = new Uint32Array(nB)
    varints(nB, perBigram)
    this.triStart = prefix(perBigram)
    this.triW = sharedUint32(nT)
    varints(nT, this.triW, this.triStart)
    this.triP = sharedBytes(raw.subarray(p, p + nT))
    p += nT
    if (p !== raw.length) throw new Error(`language model: ${raw.length - p} bytes left over`)

    this.vocabSize = V
    this.bigramCount = nB
    this.trigramCount = nT
    let cap = 1
    while (cap < V * 2) cap <<= 1
    this.mask = cap - 1
    this.tableMask = cap * 4 - 1
    const table = sharedInt32(cap * 4)
    for (let k = 2; k < table.length; k += 4) table[k] = -1
    this.table = table
    // The vocabulary is hashed straight from its UTF-8 bytes (hanzi are three-byte
    // sequences): no string per word is ever made, which halves the load time.
    let unk = -1
    let id = 0
    let h1 = 0
    let h2 = 0
    let len = 0
    let prevCode = -1
    let ascii = false
    const end = vocabAt + vocabBytes
    for (let q = vocabAt; q <= end; ) {
      const b = q < end ? raw[q]! : 10
      if (b === 10) {
        if (ascii) unk = id // the only non-hanzi entry is <unk>
        else {
          h2 = (h2 + Math.imul(len, LEN_SALT)) | 0
          let slot = (h1 ^ (h1 >>> 15)) & this.mask
          while (table[slot * 4 + 2] !== -1) slot = (slot + 1) & this.mask
          table[slot * 4] = h1
          table[slot * 4 + 1] = h2
          table[slot * 4 + 2] = id
        }
        id++
        h1 = h2 = len = 0
        prevCode = -1
        ascii = false
        q++
        continue
      }
      if (b < 0x80) {
        ascii = true
        q++
        continue
      }
      const code = ((b & 0x0f) << 12) | ((raw[q + 1]! & 0x3f) << 6) | (raw[q + 2]! & 0x3f)
      q += 3
      if (prevCode >= 0) this.addPair(prevCode, code)
      prevCode = code
      h1 = (Math.imul(h1, B1) + code) | 0
      h2 = (Math.imul(h2, B2) + code) | 0
      len++
    }
    if (id !== V) throw new Error(`language model: ${id} words, header says ${V}`)
    if (unk < 0) throw new Error('language model: no <unk>')
    this.unk = unk
  }

  private static pairSlot(a: number, b: number): number {
    return Math.imul((a << 16) | b, 0x9e3779b1) >>> (32 - PAIR_BITS)
  }

  private addPair(a: number, b: number): void {
    const s = LanguageModel.pairSlot(a, b)
    this.pairBits[s >>> 5]! |= 1 << (s & 31)
  }

  /** False when no vocabulary word has the characters a, b next to each other. */
  pair(a: number, b: number): boolean {
    const s = LanguageModel.pairSlot(a, b)
    return (this.pairBits[s >>> 5]! & (1 << (s & 31))) !== 0
  }

  /** Word id by the hashes of hash.ts (h2 without its length term), -1 when unknown. */
  idHashed(h1: number, h2NoLen: number, len: number): number {
    const h2 = (h2NoLen + Math.imul(len, SALT)) | 0
    const table = this.table
    let at = ((h1 ^ (h1 >>> 15)) & this.mask) * 4
    for (;;) {
      const id = table[at + 2]!
      if (id < 0) return -1
      if (table[at] === h1 && table[at + 1] === h2) return id
      at = (at + 4) & this.tableMask
    }
  }

  /** Word id of a string, -1 when the model lacks it. */
  id(word: string): number {
    let h1 = 0
    let h2 = 0
    for (let k = 0; k < word.length; k++) {
      h1 = (Math.imul(h1, M1) + word.charCodeAt(k)) | 0
      h2 = (Math.imul(h2, M2) + word.charCodeAt(k)) | 0
    }
    return word.length === 0 ? -1 : this.idHashed(h1, h2, word.length)
  }

  unigram(w: number): number {
    return this.uniP[w]!
  }

  private static find(arr: Uint32Array, lo: number, hi: number, w: number): number {
    hi--
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const v = arr[mid]!
      if (v === w) return mid
      if (v < w) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }

  /** Bytes the model's tables hold (for the benchmark's memory figure). */
  get byteSize(): number {
    const arrays = [this.uniP, this.uniB, this.biStart, this.biW, this.biP, this.biB, this.triStart, this.triW, this.triP, this.table, this.pairBits]
    return arrays.reduce((n, a) => n + a.byteLength, 0) + 5 * 1024
  }

  /** Index of the bigram (v, w), -1 when the model lacks it. */
  bigramIndex(v: number, w: number): number {
    return LanguageModel.find(this.biW, this.biStart[v]!, this.biStart[v + 1]!, w)
  }

  /** Back-off weight of the context (u v) given its bigram index k (≥ 0). */
  contextBackoff(k: number): number {
    return this.biBoLevels[this.biB[k]!]!
  }

  /**
   * ln P(w | u v) when the caller already knows the bigram index k of (u v) (-1 when absent
   * or no u): a lattice state looks it up once for all the words that may follow it.
   */
  logProbAfter(k: number, v: number, w: number): number {
    let bo = 0
    if (k >= 0) {
      const t = LanguageModel.find(this.triW, this.triStart[k]!, this.triStart[k + 1]!, w)
      if (t >= 0) return this.triLevels[this.triP[t]!]!
      bo = this.biBoLevels[this.biB[k]!]!
    }
    const j = this.bigramIndex(v, w)
    if (j >= 0) return bo + this.biLevels[this.biP[j]!]!
    return bo + this.uniB[v]! + this.uniP[w]!
  }

  /**
   * Per word w, a number no ln P(w | u v) the model gives (logProbAfter, logProb) exceeds,
   * whatever u and v: the best of its trigrams, of its bigrams after the largest back-off
   * weight, and of its unigram after the largest back-off weights. Each is the same float
   * expression logProbAfter evaluates with every term at its maximum, so the bound holds to
   * the last bit (LmScorer.swapBound). Made on first use (a pass over the n-gram tables).
   */
  bestLogProbs(): Float64Array {
    if (this.best) return this.best
    const V = this.vocabSize
    let maxBo = 0
    for (let k = 0; k < this.bigramCount; k++) maxBo = Math.max(maxBo, this.biBoLevels[this.biB[k]!]!)
    let maxUniB = -Infinity
    for (let w = 0; w < V; w++) maxUniB = Math.max(maxUniB, this.uniB[w]!)
    const fallback = maxBo + maxUniB
    const best = sharedFloat64(V)
    for (let w = 0; w < V; w++) best[w] = Math.max(this.uniP[w]!, fallback + this.uniP[w]!)
    for (let k = 0; k < this.bigramCount; k++) {
      const w = this.biW[k]!
      best[w] = Math.max(best[w]!, maxBo + this.biLevels[this.biP[k]!]!)
    }
    for (let t = 0; t < this.trigramCount; t++) {
      const w = this.triW[t]!
      best[w] = Math.max(best[w]!, this.triLevels[this.triP[t]!]!)
    }
    this.best = best
    this.maxBo = maxBo
    return best
  }

  /**
   * A number no ln P(w | u v) exceeds, whatever u (v and w known): the best trigram (u v w)
   * over every u, and the bigram (v w) or the unigram after the largest back-off weight. Same
   * float expressions as logProbAfter with each term at its maximum (see bestLogProbs).
   */
  boundAfter(v: number, w: number): number {
    const triMax = (this.triMax ??= this.trigramMaxima())
    const j = this.bigramIndex(v, w)
    if (j >= 0) return Math.max(triMax[j]!, this.maxBo + this.biLevels[this.biP[j]!]!)
    return Math.max(this.orphanTri![w]!, this.maxBo + this.uniB[v]! + this.uniP[w]!)
  }

  /**
   * Per bigram (v w): the best trigram (u v w) over u (-Infinity when none); see boundAfter.
   * Single floats: each is one of triLevels' values, held exactly (half the memory).
   */
  private trigramMaxima(): Float32Array {
    this.bestLogProbs()
    const triMax = sharedFloat32(this.bigramCount).fill(-Infinity)
    // A trigram whose bigram (v w) the model lacks (not in a well-formed ARPA file, but
    // cheap to allow) bounds every (·, w).
    const orphan = (this.orphanTri = sharedFloat64(this.vocabSize).fill(-Infinity))
    let v = 0
    for (let k = 0; k < this.bigramCount; k++) {
      const from = this.triStart[k]!
      const to = this.triStart[k + 1]!
      if (from === to) continue
      v = this.biW[k]!
      for (let t = from; t < to; t++) {
        const w = this.triW[t]!
        const p = this.triLevels[this.triP[t]!]!
        const j = this.bigramIndex(v, w)
        if (j >= 0) {
          if (p > triMax[j]!) triMax[j] = p
        } else if (p > orphan[w]!) orphan[w] = p
      }
    }
    return triMax
  }

  private best: Float64Array | null = null
  private maxBo = 0
  private triMax: Float32Array | null = null
  private orphanTri: Float64Array | null = null

  /** ln P(w | u v); u or v may be -1 (no context). */
  logProb(u: number, v: number, w: number): number {
    if (v < 0) return this.uniP[w]!
    let bo = 0
    if (u >= 0) {
      const k = this.bigramIndex(u, v)
      if (k >= 0) {
        const t = LanguageModel.find(this.triW, this.triStart[k]!, this.triStart[k + 1]!, w)
        if (t >= 0) return this.triLevels[this.triP[t]!]!
        bo = this.biBoLevels[this.biB[k]!]!
      }
    }
    const k = this.bigramIndex(v, w)
    if (k >= 0) return bo + this.biLevels[this.biP[k]!]!
    return bo + this.uniB[v]! + this.uniP[w]!
  }
}
