import type { LanguageModel } from './lm'

/**
 * Local damage: OCR errors cluster where a scan is poor (a smudge, a fold, a faint line); on
 * the OCR dev set 38% of misread characters sit within two characters of another. Where the
 * characters around a position make no word with their neighbours either, a misreading there
 * is more likely a priori than on a clean stretch, and the detector asks for less evidence.
 *
 * The damage at a position is the number of other "broken" characters (hanzi that form a
 * vocabulary word with neither neighbour) within DAMAGE_REACH characters of it, inside its run
 * of hanzi (a run's findings depend on its characters alone: detect.ts scores a recurring run
 * once). Clean prose has about one broken character in ten (names, rare words, one-character
 * words); a poor scan clusters them.
 *
 * The prior term added to a candidate's evidence (ln odds) is DAMAGE_STEP for each broken
 * neighbour beyond DAMAGE_FREE, at most DAMAGE_CAP (the learnt channel's bar of 4.25 nats never
 * drops below 2). DAMAGE_FREE is where clean prose stops: of the broken characters of
 * clean-news.txt and of the OCR dev set's truths 6% have more than 3 broken neighbours within 8
 * characters, of the misread ones in the OCR text 43% (scripts/ocr/analyse-misses.mjs buckets
 * what is still missed). With the
 * wide candidates below, `npm run eval:typos`: dev recall 0.181 -> 0.207 (precision 1.0 ->
 * 0.975), held-out 0.141 -> 0.176 (0.846 -> 0.854), clean-news.txt unchanged (3 alarms). With
 * the prior from 2 broken neighbours on, dev recall was 0.218 but clean pages raised half as
 * many false alarms again.
 */
export const DAMAGE_REACH = 8
export const DAMAGE_FREE = 3
export const DAMAGE_STEP = 1
export const DAMAGE_CAP = 2.25
/**
 * From this damage on, the context proposes every character its neighbours make a word with,
 * not only those close in shape (contextCandidates.ts, `wide`): in a damaged stretch engines
 * misread far beyond shape, and the lowered bar lets a strong language-model gain through.
 */
export const WIDE_FROM = DAMAGE_FREE + 1

/**
 * Per position of run [rs, re) of `text` (hanzi only), whether the character is broken, and
 * into `damage` (offsets from rs) the count of broken characters within DAMAGE_REACH of it.
 */
export function localDamage(text: string, rs: number, re: number, lm: LanguageModel, broken: Uint8Array, damage: Uint8Array): void {
  const n = re - rs
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(rs + k)
    const l = k > 0 ? lm.pair(text.charCodeAt(rs + k - 1), c) : false
    const r = k + 1 < n ? lm.pair(c, text.charCodeAt(rs + k + 1)) : false
    broken[k] = l || r ? 0 : 1
  }
  // Sliding window sum over [k − REACH, k + REACH], the position itself left out.
  let sum = 0
  for (let k = 0; k < Math.min(n, DAMAGE_REACH + 1); k++) sum += broken[k]!
  for (let k = 0; k < n; k++) {
    damage[k] = Math.min(255, sum - broken[k]!)
    const add = k + DAMAGE_REACH + 1
    const drop = k - DAMAGE_REACH
    if (add < n) sum += broken[add]!
    if (drop >= 0) sum -= broken[drop]!
  }
}

/** The prior term (nats) for a position with this damage. */
export function damagePrior(damage: number): number {
  return Math.min(DAMAGE_CAP, DAMAGE_STEP * Math.max(0, damage - DAMAGE_FREE))
}
