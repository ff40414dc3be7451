import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadTypoModel } from '../../src/core/typos'
import { NAME3_COST, NAME_COST, OOV3_COST, OOV_COST } from '../../src/core/typos/detect'
import { isHan } from '../../src/core/typos/han'
import { BOUND_MARGIN, LmScorer } from '../../src/core/typos/lmScorer'

// The detector skips a swap whose bound cannot clear its bar (detect.ts): the bound must never be
// below the score it stands for, or a suggestion would be lost. Checked on every position of
// real prose against many replacements, not only the candidates the detector proposes.
const model = loadTypoModel()
const lm = model.lm
const text = readFileSync(join(__dirname, '../fixtures/typos/clean-news.txt'), 'utf8').slice(0, 4000)

/** A small deterministic generator (the test must fail the same way twice). */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
}

describe('the language model bounds of the swap filter', () => {
  it('no trigram probability exceeds the best the word has, nor the best after its left word', () => {
    const best = lm.bestLogProbs()
    const rand = rng(7)
    const words: number[] = []
    for (const m of text.matchAll(/[\u4e00-\u9fff]{1,3}/g)) for (let l = 1; l <= m[0].length; l++) {
      const id = lm.id(m[0].slice(0, l))
      if (id >= 0) words.push(id)
    }
    words.push(lm.unk)
    let checked = 0
    for (let k = 0; k < 20_000; k++) {
      const u = rand() < 0.2 ? -1 : words[Math.floor(rand() * words.length)]!
      const v = words[Math.floor(rand() * words.length)]!
      const w = words[Math.floor(rand() * words.length)]!
      const p = lm.logProb(u, v, w)
      expect(p).toBeLessThanOrEqual(best[w]!)
      expect(p).toBeLessThanOrEqual(lm.boundAfter(v, w))
      checked++
    }
    // Adjacent words of the text itself, where trigrams exist.
    for (let k = 2; k < words.length; k++) {
      const p = lm.logProb(words[k - 2]!, words[k - 1]!, words[k]!)
      expect(p).toBeLessThanOrEqual(best[words[k]!]!)
      expect(p).toBeLessThanOrEqual(lm.boundAfter(words[k - 1]!, words[k]!))
    }
    expect(checked).toBe(20_000)
  })

  it('swapBound is never below swappedAt, and is not far above it for most swaps', () => {
    const scorer = new LmScorer(lm, model.lexicon, OOV_COST, NAME_COST, 0, OOV3_COST, NAME3_COST)
    const rand = rng(11)
    // Replacements: the text's own characters (they make words with their neighbours) and the
    // channel's candidates of the character read.
    const pool = [...new Set(text.replace(/[^\u4e00-\u9fff]/g, ''))].map((c) => c.charCodeAt(0))
    let swaps = 0
    let close = 0
    let refinedOrStopped = 0
    let i = 0
    while (i < text.length) {
      if (!isHan(text.charCodeAt(i))) {
        i++
        continue
      }
      const rs = i
      while (i < text.length && isHan(text.charCodeAt(i))) i++
      const n = i - rs
      if (n < 2) continue
      scorer.load(text, rs, i)
      for (let p = 0; p < n; p++) {
        const e = Math.min(n, p + 5)
        const base = scorer.baseAt(e)
        scorer.prepareBound(p, e)
        const codes = [...model.channel.candidates(text[rs + p]!, 12)].map((c) => c.printed.charCodeAt(0))
        for (let k = 0; k < 8; k++) codes.push(pool[Math.floor(rand() * pool.length)]!)
        for (const code of codes) {
          const bound = scorer.swapBound(p, code, e)
          const score = scorer.swappedAt(p, code, e)
          const what = `${text.slice(rs, rs + n)} @${p} → ${String.fromCharCode(code)}`
          expect(bound + BOUND_MARGIN, what).toBeGreaterThanOrEqual(score)
          // With a bar (the detector's), an answer below it says the score is below it too; a
          // bar the first bound reaches makes it refine (each word through p entered exactly).
          for (const bar of [score - 0.5, score + 0.5, score + 3, bound - 1e-9, (score + bound) / 2]) {
            const answer = scorer.swapBound(p, code, e, bar)
            if (answer < bar) expect(score, `${what} below ${bar}`).toBeLessThan(bar + BOUND_MARGIN)
            else refinedOrStopped++
          }
          swaps++
          if (bound - base < score - base + 25) close++
        }
      }
    }
    expect(swaps).toBeGreaterThan(20_000)
    // A bound that says nothing would let every swap through; most are within 25 nats.
    expect(close / swaps).toBeGreaterThan(0.5)
    expect(refinedOrStopped).toBeGreaterThan(swaps)
  })
})
