import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzePage } from '../../src/core/analysis'

// Hand-written pages in the style of docs/newspaper-pages.md, kept apart from the annotated
// suite: only their titles and subheads are recorded. They were written to check the story
// boundaries on pages unlike the generated ones, and two of their stories (a bylineless story
// opening with a quote right after a report, and one right after a feature's subheads) are
// beyond the present cues: the floor leaves room for exactly those.
const DIR = join(__dirname, '..', 'fixtures', 'analysis-heldout')
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as Record<string, { titles: string[]; subheads: string[] }>

describe('analysis on hand-written held-out pages', () => {
  it('finds their titles and keeps their subheads', () => {
    const squash = (s: string): string => s.replace(/\s+/g, '')
    let expected = 0
    let found = 0
    let proposed = 0
    let right = 0
    let subheads = 0
    let subheadsKept = 0
    for (const [file, want] of Object.entries(truth)) {
      const p = analyzePage(readFileSync(join(DIR, file), 'utf8'))
      const titles = p.articles.filter((a) => a.kind === 'article' && a.title).map((a) => squash(a.title))
      const gotSubheads = p.articles.flatMap((a) => a.paragraphs.filter((x) => x.role === 'subhead').map((x) => squash(x.text)))
      const wantTitles = want.titles.map(squash)
      expected += wantTitles.length
      proposed += titles.length
      found += wantTitles.filter((t) => titles.includes(t)).length
      right += titles.filter((t) => wantTitles.includes(t)).length
      subheads += want.subheads.length
      subheadsKept += want.subheads.map(squash).filter((s) => gotSubheads.includes(s)).length
    }
    const recall = found / expected
    const precision = right / proposed
    console.log(`held-out pages: ${expected} titles, recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)}; subheads kept ${subheadsKept}/${subheads}`)
    expect(recall).toBeGreaterThanOrEqual(0.88)
    expect(precision).toBeGreaterThanOrEqual(0.95)
    expect(subheadsKept).toBe(subheads)
  })
})
