import { B1, B2 } from './hash'
import type { LanguageModel } from './lm'
import type { TypoModel } from './model'
import { readShapeNeighbours, type ShapeNeighbours } from './shapeNeighbours'

/**
 * What the context proposes where the character as read makes a word with neither neighbour
 * (detect.ts): of the characters that make a word with the left or the right neighbour (the
 * lexicon's word pairs), the CONTEXT_CANDIDATES closest in shape to the one read (shapes.ts).
 * On a poor scan engines misread far beyond any confusion table (only 37% of the dev set's
 * misreadings are in the learnt or the look-alike table); the printed character is among these
 * pairs for 89% of them. Only those printed more alike than SHAPE_KNEE are judged: below it
 * the shape channel is flat, and the language model alone would have to make up about 18 nats.
 * On the OCR dev set (threshold 4.25): no context candidates, recall 0.160; up to 20 above the
 * knee, 0.181 for 1.2 times the CPU time; the 12 most alike whatever their shape, 0.184 for 1.6
 * times; 20, 0.188 for twice; 60, 0.193; all of them (~400), 0.207.
 */
export const CONTEXT_CANDIDATES = 20
/**
 * The shape channel (shapeLogProb), fitted on the OCR dev set by scripts/ocr/fit-shape-prior.mjs:
 * a misreading with nothing but shape behind it has the mass of the learnt channel's unrelated
 * misreadings (confusions.ts, 0.015 spread over the 6,763 GB 2312 hanzi), shared by shape:
 * flat below a similarity of 0.77 (e^−0.35 of an even share), 47 nats a unit of similarity
 * above it, at most 6.75 nats more.
 */
const SHAPE_BASE = Math.log(0.015 / 6763) - 0.35
const SHAPE_KNEE = 0.77
const SHAPE_SLOPE = 47
const SHAPE_CAP = 6.75
/**
 * Each side's list is kept this long, so that after dropping what the channel already proposes
 * (at most 2 × 20, detect.ts: CANDIDATES) and what both sides share, CONTEXT_CANDIDATES are left.
 */
const SIDE_KEEP = CONTEXT_CANDIDATES + 40
/** Side lists cached per model before the cache is emptied (a few MB). */
const CACHE_MAX = 100_000

/**
 * ln P(read | printed) for a pair known only by shape similarity (shapes.ts): below about 0.77
 * shapes say nothing (engines misread among them as among any characters); above it the odds
 * rise steeply. See SHAPE_BASE.
 */
export function shapeLogProb(sim: number): number {
  return SHAPE_BASE + Math.min(SHAPE_CAP, Math.max(0, SHAPE_SLOPE * (sim - SHAPE_KNEE)))
}

interface SideList {
  codes: Uint16Array
  sims: Float32Array
}

const caches = new WeakMap<TypoModel, Map<number, SideList>>()
const neighbourLists = new WeakMap<TypoModel, ShapeNeighbours | null>()
/** Marks of the read character's shape neighbours in side (a stamp per list, no allocation). */
const near = new Uint32Array(0x10000)
let nearStamp = 0

/** The model's list of shape neighbours above the knee (shapeNeighbours.ts), read on first use; null without it. */
export function neighboursOf(model: TypoModel): ShapeNeighbours | null {
  let list = neighbourLists.get(model)
  if (list === undefined) {
    list = model.resourcesDir && model.shapes ? readShapeNeighbours(model.resourcesDir, model.shapes, SHAPE_KNEE) : null
    neighbourLists.set(model, list)
  }
  return list
}

/** Gives a model the list another thread read for the same model (sharedModel.ts). */
export function adoptNeighbours(model: TypoModel, list: ShapeNeighbours | null): void {
  neighbourLists.set(model, list)
}

/**
 * The SIDE_KEEP characters closest in shape to `code` among those that follow `neighbour`
 * (after) or precede it in a word, most alike first; cached, as the same pairs recur
 * throughout a page (的, 了 and the like beside the same characters).
 */
function side(model: TypoModel, code: number, neighbour: number, after: boolean): SideList {
  let cache = caches.get(model)
  if (!cache) caches.set(model, (cache = new Map()))
  const key = (after ? 0x100000000 : 0) + neighbour * 0x10000 + code
  let list = cache.get(key)
  if (list) return list
  const shapes = model.shapes!
  const pool = after ? model.wordPairs.after(neighbour) : model.wordPairs.before(neighbour)
  // Only the partners among the read character's shape neighbours can pass the knee: the others
  // are not compared (the same list as comparing them all).
  const nb = neighboursOf(model)
  const row = nb ? shapes.rowOf(code) : -1
  if (row >= 0) {
    if (++nearStamp === 0xffffffff) {
      near.fill(0)
      nearStamp = 1
    }
    for (let k = nb!.start[row]!; k < nb!.start[row + 1]!; k++) near[nb!.codes[k]!] = nearStamp
  }
  // Insertion into a short sorted array: pools hold hundreds, the kept list a few dozen.
  const codes = new Uint16Array(SIDE_KEEP)
  const sims = new Float32Array(SIDE_KEEP)
  let n = 0
  for (let k = 0; k < pool.length; k++) {
    const c = pool[k]!
    if (c === code || (row >= 0 && near[c] !== nearStamp) || !shapes.has(c)) continue
    // Below the knee a candidate is never proposed (contextCandidatesInto stops at the first),
    // so the list keeps only those above it, and a pair sure to fall below it (or below the
    // last of a full list) is not compared to the end.
    const s = shapes.similarityAbove(code, c, n === SIDE_KEEP ? Math.max(SHAPE_KNEE, sims[n - 1]!) : SHAPE_KNEE)
    if (s < 0 || Math.fround(s) < SHAPE_KNEE) continue
    if (n === SIDE_KEEP && s <= sims[n - 1]!) continue
    let at = n < SIDE_KEEP ? n++ : n - 1
    while (at > 0 && sims[at - 1]! < s) {
      codes[at] = codes[at - 1]!
      sims[at] = sims[at - 1]!
      at--
    }
    codes[at] = c
    sims[at] = s
  }
  list = { codes: codes.slice(0, n), sims: sims.slice(0, n) }
  if (cache.size >= CACHE_MAX) cache.clear()
  cache.set(key, list)
  return list
}

/**
 * The context's candidates at a position: codes not in `exclude` (the channel's own), with
 * their shape channel log-probabilities, most alike first. `left`/`right` are -1 at a run's end.
 */
export function contextCandidates(model: TypoModel, code: number, left: number, right: number, exclude: ArrayLike<number> | null): { codes: number[]; logProbs: number[] } {
  const codes = new Int32Array(CONTEXT_CANDIDATES)
  const logProbs = new Float64Array(CONTEXT_CANDIDATES)
  const n = contextCandidatesInto(model, code, left, right, exclude, codes, logProbs, 0)
  return { codes: [...codes.subarray(0, n)], logProbs: [...logProbs.subarray(0, n)] }
}

/** Marks of the codes already proposed at a position: `marks[c] === stamp`. */
const marks = new Int32Array(0x10000)
let stamp = 0

/**
 * contextCandidates written into `codes`/`logProbs` from `at` on (room for CONTEXT_CANDIDATES
 * more); returns how many. The detector's hot path: no arrays made, membership in O(1).
 */
export function contextCandidatesInto(
  model: TypoModel,
  code: number,
  left: number,
  right: number,
  exclude: ArrayLike<number> | null,
  codes: Int32Array,
  logProbs: Float64Array,
  at: number
): number {
  if (!model.shapes || !model.shapes.has(code)) return 0
  const a = left >= 0 ? side(model, code, left, true) : null
  const b = right >= 0 ? side(model, code, right, false) : null
  if (stamp === 0x7fffffff) {
    marks.fill(0)
    stamp = 0
  }
  const mark = ++stamp
  if (exclude) for (let k = 0; k < exclude.length; k++) marks[exclude[k]!] = mark
  const aCodes = a ? a.codes : null
  const aSims = a ? a.sims : null
  const bCodes = b ? b.codes : null
  const bSims = b ? b.sims : null
  const na = aCodes ? aCodes.length : 0
  const nb = bCodes ? bCodes.length : 0
  // Merge the two lists by similarity.
  let i = 0
  let j = 0
  let n = 0
  while (n < CONTEXT_CANDIDATES) {
    const fromA = i < na && (j >= nb || aSims![i]! >= bSims![j]!)
    if (!fromA && j >= nb) break
    const c = fromA ? aCodes![i]! : bCodes![j]!
    const s = fromA ? aSims![i++]! : bSims![j++]!
    if (s < SHAPE_KNEE) break
    if (marks[c] === mark) continue
    marks[c] = mark
    codes[at + n] = c
    logProbs[at + n] = shapeLogProb(s)
    n++
  }
  return n
}

/** Marks of the codes already listed by wideContextCandidates (a stamp per call, no allocation). */
const listed = new Uint32Array(0x10000)
let listedStamp = 0

/**
 * Where the context is damaged (damage.ts): the shape-ranked candidates above, then every other
 * character the neighbours make a word with, at the shape channel's flat floor (below the knee
 * shape says nothing, so their similarity is not computed). Only a language-model gain of about
 * 15 nats or more lets one of these through.
 */
export function wideContextCandidates(model: TypoModel, code: number, left: number, right: number, exclude: ArrayLike<number> | null): { codes: number[]; logProbs: number[] } {
  const out = contextCandidates(model, code, left, right, exclude)
  if (!model.shapes || !model.shapes.has(code)) return out
  if (++listedStamp === 0xffffffff) {
    listed.fill(0)
    listedStamp = 1
  }
  const s = listedStamp
  listed[code] = s
  if (exclude) for (let k = 0; k < exclude.length; k++) listed[exclude[k]!] = s
  for (let k = 0; k < out.codes.length; k++) listed[out.codes[k]!] = s
  const floor = shapeLogProb(0)
  for (let side = 0; side < 2; side++) {
    const neighbour = side === 0 ? left : right
    if (neighbour < 0) continue
    const partners = commonPartners(model, neighbour, side === 0)
    for (let k = 0; k < partners.length; k++) {
      const c = partners[k]!
      if (listed[c] === s) continue
      listed[c] = s
      out.codes.push(c)
      out.logProbs.push(floor)
    }
  }
  return out
}

/**
 * ln P a two-character word a wide candidate makes with its neighbour must reach (about one
 * word in 60,000 of running text): only a strong word can make up the flat shape channel's 13
 * nats. On the OCR dev set the same recall as -12 (0.247) for a sixth less detection time on
 * OCR text; -10 loses 3 errors.
 */
const WIDE_MIN_UNIGRAM = -11
const H1 = B1
const H2 = B2

const partnerCaches = new WeakMap<TypoModel, Map<number, Uint16Array>>()

/**
 * The characters that make a common two-character word (WIDE_MIN_UNIGRAM) after `neighbour`
 * (`after`) or before it, with a shape in the glyph table; cached per model: a common character's
 * word pairs run to thousands, and the same neighbours recur throughout a page.
 */
function commonPartners(model: TypoModel, neighbour: number, after: boolean): Uint16Array {
  let cache = partnerCaches.get(model)
  if (!cache) partnerCaches.set(model, (cache = new Map()))
  const key = (after ? 0x10000 : 0) + neighbour
  let list = cache.get(key)
  if (list) return list
  const pool = after ? model.wordPairs.after(neighbour) : model.wordPairs.before(neighbour)
  const keep: number[] = []
  for (let k = 0; k < pool.length; k++) {
    const c = pool[k]!
    if (model.shapes!.has(c) && commonPair(model.lm, after ? neighbour : c, after ? c : neighbour)) keep.push(c)
  }
  list = Uint16Array.from(keep)
  if (cache.size >= CACHE_MAX) cache.clear()
  cache.set(key, list)
  return list
}

/** Whether ab is a two-character vocabulary word at least as common as WIDE_MIN_UNIGRAM. */
function commonPair(lm: LanguageModel, a: number, b: number): boolean {
  const w = lm.idHashed((Math.imul(a, H1) + b) | 0, (Math.imul(a, H2) + b) | 0, 2)
  return w >= 0 && lm.unigram(w) >= WIDE_MIN_UNIGRAM
}
