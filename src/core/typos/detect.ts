import { isHan } from './han'
import { MAX_WORD } from './lexicon'
import type { TypoModel } from './model'
import { WindowScorer } from './segmenter'

/** Characters either side of a position that the local segmentation looks at. */
const REACH = MAX_WORD - 2
/** Minimum gain in log-probability of the window for a swap to be suggested. */
export const MIN_GAIN = 6
/** How much shape similarity counts against lexical gain when ranking candidates. */
const SHAPE_WEIGHT = 8
/**
 * Credit for a character that forms no attested pair with either neighbour: in clean text
 * nearly every character pairs with a neighbour inside some word, while a misread one often
 * pairs with neither (日煎从 for 日前从).
 */
export const ISOLATED_BONUS = 2.5
/**
 * Extra evidence demanded per decade of the original character's own frequency above 10⁴:
 * a common standalone word (是, 由, 进) is far more often right than a misread.
 */
export const COMMON_PENALTY = 1
// Numerals are all look-alikes of each other (二/三, 十/千) and any of them reads as a word:
// the text cannot tell which number was printed.
const NUMERALS = new Set('〇一二三四五六七八九十百千万亿两零'.split('').map((c) => c.charCodeAt(0)))
/** Two suggestions closer than this compete; the weaker one is dropped. */
const MIN_SPACING = 3

export interface CharCandidate {
  /** Position of the swapped character. */
  pos: number
  replacement: string
  gain: number
  similarity: number
  rank: number
  /** Word of the corrected reading that holds the swapped character. */
  wordStart: number
  wordEnd: number
  wordFreq: number
}

export interface PositionFinding {
  pos: number
  best: CharCandidate
  others: CharCandidate[]
}

/**
 * Swaps each hanzi of the text, one at a time, for each of its look-alikes and keeps the
 * swaps that turn the surrounding characters into a much more probable word sequence.
 * `skip[i] = 1` excludes a position (names, protected terms, learned fixes).
 */
export function findCharSwaps(text: string, skip: Uint8Array, model: TypoModel, minGain = MIN_GAIN): PositionFinding[] {
  const { lexicon: lex, lookalikes: la } = model
  const scorer = new WindowScorer(lex, 2 * REACH + 1)
  const found: PositionFinding[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    if (!isHan(text.charCodeAt(i))) {
      i++
      continue
    }
    let runEnd = i
    while (runEnd < n && isHan(text.charCodeAt(runEnd))) runEnd++
    const runStart = i
    for (let p = runStart; p < runEnd; p++) {
      if (skip[p]) continue
      const code = text.charCodeAt(p)
      const k0 = la.start[code]!
      const k1 = la.start[code + 1]!
      if (k0 === k1) continue
      const left = p > runStart ? text.charCodeAt(p - 1) : -1
      const right = p + 1 < runEnd ? text.charCodeAt(p + 1) : -1
      if (left < 0 && right < 0) continue
      const a = Math.max(runStart, p - REACH)
      const b = Math.min(runEnd, p + REACH + 1)
      const n = b - a
      const at = p - a
      const isolated = !((left >= 0 && lex.pairs.has(left, code)) || (right >= 0 && lex.pairs.has(code, right)))
      const ownFreq = lex.findHashed(code, code, 1)
      const bonus = (isolated ? ISOLATED_BONUS : 0) - COMMON_PENALTY * Math.max(0, Math.log10(ownFreq + 1) - 4)
      const numeral = NUMERALS.has(code)
      let loaded = false
      let base = NaN
      let cands: CharCandidate[] | undefined
      for (let k = k0; k < k1; k++) {
        const alt = la.codes[k]!
        if (numeral && NUMERALS.has(alt)) continue
        if (!((left >= 0 && lex.pairs.has(left, alt)) || (right >= 0 && lex.pairs.has(alt, right)))) continue
        if (!loaded) {
          scorer.load(text, a, b)
          loaded = true
        }
        scorer.codes[at] = alt
        if (!scorer.wordThrough(n, at)) continue
        const score = scorer.score(n)
        const [ws, we] = scorer.wordAt(n, at)
        const wordFreq = we - ws >= 2 ? lex.freqCodes(scorer.codes, ws, we) : 0
        if (Number.isNaN(base)) {
          scorer.codes[at] = code
          base = scorer.score(n)
        }
        const gain = score - base + bonus
        // The gain must come from a word through the swapped character, not from elsewhere.
        if (gain < minGain || we - ws < 2) continue
        const similarity = la.scores[k]!
        ;(cands ??= []).push({
          pos: p,
          replacement: String.fromCharCode(alt),
          gain,
          similarity,
          rank: gain + SHAPE_WEIGHT * Math.log(similarity),
          wordStart: a + ws,
          wordEnd: a + we,
          wordFreq
        })
      }
      if (cands) {
        cands.sort((x, y) => y.rank - x.rank)
        found.push({ pos: p, best: cands[0]!, others: cands.slice(1) })
      }
    }
    i = runEnd
  }
  // One error disturbs its neighbours too: among findings close together keep the strongest.
  const byStrength = [...found].sort((x, y) => y.best.gain - x.best.gain)
  const kept: PositionFinding[] = []
  for (const f of byStrength) if (kept.every((k) => Math.abs(k.pos - f.pos) >= MIN_SPACING)) kept.push(f)
  return kept.sort((x, y) => x.pos - y.pos)
}
