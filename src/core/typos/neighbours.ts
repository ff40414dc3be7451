import { findCharSwaps, type PositionFinding, shifted } from './detect'
import { isHan } from './han'
import type { TypoModel } from './model'

/**
 * Characters this close to a finding are judged again with the finding's correction in place.
 * OCR errors cluster (on the OCR dev set 38% of misread characters sit within two characters of
 * another); the first pass judges each against a context its misread neighbour spoils, and keeps
 * only the strongest finding among close ones (detect.ts, MIN_SPACING). Read with the neighbour
 * corrected, the second error's context is whole again: 总晶起过 → 总量起过 → 总量超过.
 */
export const NEIGHBOUR_REACH = 2
/** Rounds of re-judging (a third error beside the second one is rare). */
const ROUNDS = 2

/**
 * The findings plus those the corrected context reveals next to them, by position. Each new
 * finding clears the same threshold as any other, in its run with the earlier corrections made.
 */
export function withNeighbours(text: string, skip: Uint8Array, findings: PositionFinding[], model: TypoModel): PositionFinding[] {
  if (findings.length === 0) return findings
  const all = findings.slice()
  const fixed = new Map<number, string>()
  for (const f of findings) fixed.set(f.pos, f.best.replacement)
  let fresh = findings
  for (let round = 0; round < ROUNDS && fresh.length > 0; round++) {
    const next: PositionFinding[] = []
    const done = new Set<number>()
    for (const f of fresh) {
      let rs = f.pos
      while (rs > 0 && isHan(text.charCodeAt(rs - 1))) rs--
      let re = f.pos + 1
      while (re < text.length && isHan(text.charCodeAt(re))) re++
      if (done.has(rs)) continue
      done.add(rs)
      // The run as corrected so far; only the characters near a correction are judged.
      let run = ''
      const mask = new Uint8Array(re - rs).fill(1)
      for (let k = rs; k < re; k++) run += fixed.get(k) ?? text[k]
      for (let k = rs; k < re; k++) {
        if (!fixed.has(k)) continue
        for (let q = Math.max(rs, k - NEIGHBOUR_REACH); q < Math.min(re, k + NEIGHBOUR_REACH + 1); q++) if (!fixed.has(q) && !skip[q]) mask[q - rs] = 0
      }
      if (mask.every((x) => x === 1)) continue
      for (const g of findCharSwaps(run, mask, model)) {
        const moved = shifted(g, rs)
        if (fixed.has(moved.pos)) continue
        fixed.set(moved.pos, moved.best.replacement)
        next.push(moved)
      }
    }
    all.push(...next)
    fresh = next
  }
  return all.sort((x, y) => x.pos - y.pos)
}
