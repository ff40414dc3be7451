import { describe, expect, it } from 'vitest'
import { generateArchive, groundTruth } from '../../bench/synthetic'
import { analyzePage } from '../../src/core/analysis'

// Pages nobody tuned the rules on: the seeded synthetic archive (its own vocabulary and damage)
// with the titles it generated. A floor below the hand-annotated suite's, as a guard on
// generalisation rather than a target.
describe('analysis on unseen pages', () => {
  it('finds the titles of 200 generated pages', () => {
    const squash = (s: string): string => s.replace(/\s+/g, '')
    let expected = 0
    let found = 0
    let proposed = 0
    let right = 0
    for (const page of generateArchive({ seed: 4242, pages: 200 })) {
      const truth = groundTruth(page).titles.map(squash)
      const titles = analyzePage(page.text)
        .articles.filter((a) => a.kind === 'article' && a.title)
        .map((a) => squash(a.title))
      expected += truth.length
      proposed += titles.length
      found += truth.filter((t) => titles.includes(t)).length
      right += titles.filter((t) => truth.includes(t)).length
    }
    const recall = found / expected
    const precision = right / proposed
    console.log(`unseen pages: ${expected} titles, recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)}`)
    expect(recall).toBeGreaterThanOrEqual(0.9)
    expect(precision).toBeGreaterThanOrEqual(0.93)
  })
})
