// Accuracy of the look-alike detector on text it was not written against: clean news text
// (test/fixtures/typos/clean-news.txt, written for this test) with look-alike substitutions
// injected at random, judged with the real language model and confusion model of
// resources/typos. Both halves are reported apart, so that a threshold fitted to one shows.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectSuspicious, loadTypoModel } from '../../src/core/typos'
import { falseAlarms, scoreInjected } from '../fixtures/typos/evaluate'

const model = loadTypoModel()
const clean = readFileSync(join(__dirname, '..', 'fixtures', 'typos', 'clean-news.txt'), 'utf8')
const cut = clean.indexOf('\n\n', Math.floor(clean.length / 2))
const halves = { tuning: clean.slice(0, cut), heldOut: clean.slice(cut) }
const SEEDS = [1, 2, 3, 4, 5]

function report(label: string, text: string) {
  const s = scoreInjected(text, model, SEEDS)
  const fa = falseAlarms(text, model)
  console.log(
    `[typos] ${label}: ${text.length} chars × ${SEEDS.length} seeds, ${s.injected} injected; ` +
      `recall ${s.recall.toFixed(3)}, right fix first ${s.firstRankRate.toFixed(3)}, ` +
      `false alarms on clean text ${fa.count} (${fa.per2000.toFixed(2)} per 2,000 chars), ` +
      `stray suggestions on injected text ${((s.spurious * 2000) / s.chars).toFixed(2)} per 2,000 chars`
  )
  return { s, fa }
}

describe('look-alike detector accuracy', () => {
  it('has enough clean text to measure on', () => {
    expect(clean.length).toBeGreaterThanOrEqual(20_000)
  })

  it('finds injected look-alike errors with few false alarms', () => {
    const tuning = report('tuning half', halves.tuning)
    const heldOut = report('held-out half', halves.heldOut)
    const all = report('whole text', clean)
    console.log(`[typos] misses (whole text, first 15):\n  ${all.s.misses.slice(0, 15).join('\n  ')}`)
    console.log(`[typos] wrong fix first:\n  ${all.s.wrongFix.join('\n  ')}`)
    console.log(`[typos] false alarms on clean text:\n  ${all.fa.examples.join('\n  ')}`)
    expect(all.s.recall).toBeGreaterThanOrEqual(0.7)
    expect(all.s.firstRankRate).toBeGreaterThanOrEqual(0.7)
    // The floor for clean news text.
    expect(all.fa.per2000).toBeLessThanOrEqual(0.5)
    // Neither half may collapse: a threshold that only fits one would.
    expect(Math.min(tuning.s.recall, heldOut.s.recall)).toBeGreaterThanOrEqual(0.7)
    expect(Math.max(tuning.fa.per2000, heldOut.fa.per2000)).toBeLessThanOrEqual(1)
    expect(tuning.s.injected + heldOut.s.injected).toBeGreaterThan(150)
  })

  it('reports what it finds on the sample pages', () => {
    const dir = '/work/shared/samples'
    if (!existsSync(dir)) {
      console.log('[typos] no sample pages at', dir)
      return
    }
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
      const text = readFileSync(join(dir, f), 'utf8')
      const found = detectSuspicious(text, {}, model)
      console.log(`[typos] sample ${f}: ${text.length} chars, ${found.length} suggestions`)
      for (const s of found.slice(0, 10))
        console.log(`    ${s.rule} ${JSON.stringify(text.slice(Math.max(0, s.start - 6), s.end + 6))} ${s.original}→${s.replacement} (${s.confidence}) ${s.message}`)
    }
  })
})
