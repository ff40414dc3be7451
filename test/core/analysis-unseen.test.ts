import { describe, expect, it } from 'vitest'
import { generateArchive, groundTruth } from '../../bench/synthetic'
import { analyzePage } from '../../src/core/analysis'

// Pages the rules were not written from: the seeded synthetic archive (its own vocabulary and
// damage) with the titles it generated. The story-boundary cues were chosen looking at this seed's
// misses, so other seeds were kept aside to check them (31337 and 2024, 400 pages each: recall
// 0.979 and 0.975, precision 0.989 and 0.988). The floors sit just below what the rules reached
// here when they were set (recall 0.982, precision 0.989): a guard on generalisation, not a target.
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
    expect(recall).toBeGreaterThanOrEqual(0.975)
    expect(precision).toBeGreaterThanOrEqual(0.985)
  })
})
