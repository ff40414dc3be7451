import { DAMAGE_FREE } from './damage'
import { JUDGE } from './judgeWeights'
import type { TypoModel } from './model'

/**
 * A second opinion on findings close to a flagged one (learnt channel). The evidence of detect.ts adds the language
 * model's gain, the channel's log-odds and the damage prior with weight 1 each; on real OCR
 * errors they are not worth the same (a nat of channel is worth less than a nat of language
 * model), and what the evidence leaves out tells misreadings from right text too: how rare the
 * character as read is (engines on a poor scan print rare characters that right text seldom
 * holds), how often the engines were seen making this very misreading, how damaged the stretch
 * is, and how many other findings sit close by (OCR errors cluster; a lone finding on a clean
 * page is usually a rare word read right).
 *
 * A logistic model over these (judgeWeights.ts, fitted by scripts/ocr/fit-judge.mjs on the OCR
 * dev set, its truths and clean-news.txt: nothing held out, nothing of ../shared) scores the
 * findings of detect.ts's judgePool. A finding that clears MIN_EVIDENCE_LEARNT on its evidence
 * alone is flagged as before; a second pass over each run adds, within NEAR_REACH of such a
 * finding, candidates down to POOL_EVIDENCE, and the judge flags those it scores 0 or more.
 * `near` counts the findings of the first kind close by. The judge decides nothing on its own:
 * it learnt from a dev set where errors crowd (a misreading every 50 characters), and on clean
 * text with a lone error it dropped what the evidence finds (look-alikes injected into
 * clean-news.txt, typos-accuracy.test.ts: recall 0.865 -> 0.745 when it decided every finding).
 *
 * npm run eval:typos -- --clean ../shared/dev-pages/rmrb: OCR dev recall 0.296 -> 0.330 at
 * precision 0.974, top-1 0.272 -> 0.286; held-out 0.251 -> 0.281 at 0.978, top-1 0.221 -> 0.231;
 * rmrb 35 character fixes, clean-news.txt 5 (both unchanged).
 */

/** Other findings this close (and at least NEAR_FROM away, beyond the spoiled context) count as close by. */
export const NEAR_REACH = 10
export const NEAR_FROM = 2
/** Close findings counted at most (2 and 3 gave the same figures, 1 a little less). */
export const NEAR_CAP = 2
/** Broken neighbours (damage.ts) beyond DAMAGE_FREE counted at most. */
export const DAMAGE_COUNTED = 12
/** ln P of a character the language model does not hold as a word of its own. */
const RARE_FLOOR = -20

/** Names of the features, in the order of judgeFeatures (and of the weights). */
export const FEATURES = ['lmGain', 'channel', 'damage', 'readRarity', 'observed', 'near'] as const

export interface JudgeWeights {
  weights: number[]
  bias: number
}

const unigrams = new WeakMap<TypoModel, Float32Array>()

/** ln P of the character as a one-character word of the language model (RARE_FLOOR if it is none). */
export function charLogProb(model: TypoModel, code: number): number {
  let table = unigrams.get(model)
  if (!table) unigrams.set(model, (table = new Float32Array(0x10000).fill(NaN)))
  let v = table[code]!
  if (Number.isNaN(v)) {
    const w = model.lm.id(String.fromCharCode(code))
    v = table[code] = w >= 0 ? Math.max(RARE_FLOOR, model.lm.unigram(w)) : RARE_FLOOR
  }
  return v
}

/**
 * The features of a candidate `replacement` where `read` was read: the language model's gain and
 * the channel's ln P(read | replacement) (detect.ts; as log-odds against a right reading), the
 * damage at the position (broken neighbours), the negative log-probability of the character as
 * read, ln(1 + times the engines read the replacement so), and the first-pass findings close by.
 */
export function judgeFeatures(model: TypoModel, read: string, replacement: string, lmGain: number, channel: number, damage: number, near: number): number[] {
  const readRight = model.channel.logProb(read, read)
  return [
    lmGain,
    channel - readRight,
    Math.min(DAMAGE_COUNTED, Math.max(0, damage - DAMAGE_FREE)),
    -charLogProb(model, read.charCodeAt(0)),
    Math.log1p(model.channel.observed(read, replacement)),
    Math.min(NEAR_CAP, near)
  ]
}

/** The judge's score (log-odds that the finding is a misreading; flagged from 0 on). */
export function judgeScore(features: number[], judge: JudgeWeights = JUDGE): number {
  let s = judge.bias
  for (let k = 0; k < features.length; k++) s += judge.weights[k]! * features[k]!
  return s
}

/**
 * For each position (ascending), how many of the others lie within NEAR_REACH of it but at least
 * NEAR_FROM away.
 */
export function nearCounts(positions: number[], counted: boolean[] = positions.map(() => true)): number[] {
  const out = new Array<number>(positions.length)
  let lo = 0
  let hi = 0
  for (let k = 0; k < positions.length; k++) {
    const p = positions[k]!
    while (positions[lo]! < p - NEAR_REACH) lo++
    while (hi < positions.length && positions[hi]! <= p + NEAR_REACH) hi++
    let near = 0
    for (let q = lo; q < hi; q++) if (counted[q] && Math.abs(positions[q]! - p) >= NEAR_FROM) near++
    out[k] = near
  }
  return out
}


