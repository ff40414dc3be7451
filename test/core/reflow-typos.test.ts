import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectTypos } from '../../src/core/pipeline/refreshSuggestions'
import { planReflow, typosAfterReflow } from '../../src/core/pipeline/reflowTypos'
import { analyzePage } from '../../src/core/analysis'

// A page proposed again with another structure gets a new text laid out differently (paragraphs
// joined or split, a caption moved out of a paragraph): its typos are carried with its lines and
// only what the layout changed is read again. They must be what detecting the whole page gives.

const dir = path.join(__dirname, '..', 'fixtures', 'analysis')
const pages = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => fs.readFileSync(path.join(dir, f), 'utf8').replace(/\r\n?/g, '\n'))
const sorted = <T extends { start: number; end: number }>(list: T[]): T[] => list.sort((a, b) => a.start - b.start || a.end - b.end)

/** Layouts of a page: the analysis' own working text, and, near the middle, two lines joined, a line broken in two, a line moved below the next. */
function layouts(before: string): string[] {
  const lines = before.split('\n')
  const out: string[] = [analyzePage(before).workingText]
  // at a line near the middle of the page, the first from there with text
  for (let i = Math.floor(lines.length / 2); i + 1 < lines.length; i++) {
    if (lines[i]!.trim() === '') continue
    const [line, next] = [lines[i]!, lines[i + 1]!]
    out.push([...lines.slice(0, i), line + next, ...lines.slice(i + 2)].join('\n'))
    if (line.length > 8) out.push([...lines.slice(0, i), line.slice(0, 5), line.slice(5), ...lines.slice(i + 1)].join('\n'))
    out.push([...lines.slice(0, i), next, line, ...lines.slice(i + 2)].join('\n'))
    break
  }
  return out
}

describe('typos after a page is laid out again', () => {
  it('are what a detection of the whole page gives', () => {
    expect(pages.length).toBeGreaterThan(0)
    let compared = 0
    let withTypos = 0
    for (const before of pages) {
      const onBefore = detectTypos(before, {})
      if (onBefore.length > 0) withTypos++
      for (const after of layouts(before)) {
        expect(typosAfterReflow(onBefore, before, after)).toEqual(sorted(detectTypos(after, {})))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(20)
    expect(withTypos).toBeGreaterThan(0)
  })

  it('reads again only what the layout changed', () => {
    const before = pages.find((p) => p.length > 1500)!
    const lines = before.split('\n')
    // two paragraphs joined into one, as a proposal that reads them as one paragraph lays them out
    const i = lines.findIndex((l, k) => l.length > 20 && lines[k + 1] === '' && (lines[k + 2]?.length ?? 0) > 20)
    expect(i).toBeGreaterThanOrEqual(0)
    const after = [...lines.slice(0, i), lines[i]! + lines[i + 2]!, ...lines.slice(i + 3)].join('\n')
    const plan = planReflow(detectTypos(before, {}), before, after)
    // one seam, where the two meet: a few characters with their context, not the page
    expect(plan.windows).toHaveLength(1)
    expect(plan.text.length).toBeLessThan(60)
    // a paragraph broken in two (a caption taken out of it): the seam where it was broken
    const j = lines.findIndex((l) => l.length > 60)
    const broken = [...lines.slice(0, j), lines[j]!.slice(0, 30), lines[j]!.slice(30), ...lines.slice(j + 1)].join('\n')
    const split = planReflow(detectTypos(before, {}), before, broken)
    expect(split.windows).toHaveLength(1)
    expect(split.text.length).toBeLessThan(60)
    expect(planReflow([], before, before).windows).toEqual([])
  })
})
