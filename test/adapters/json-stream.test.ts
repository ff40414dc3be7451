import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { writeJson } from '../../src/cli/jsonStream'

const written = (value: unknown): { text: string; pieces: number; longest: number } => {
  const pieces: string[] = []
  writeJson(value, (s) => pieces.push(s))
  return { text: pieces.join(''), pieces: pieces.length, longest: Math.max(...pieces.map((p) => p.length)) }
}

describe('JSON written in pieces', () => {
  it('is byte for byte JSON.stringify(value, null, 2) and a newline, on any value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(written(v).text).toBe(JSON.stringify(v, null, 2) + '\n')
      }),
      { numRuns: 2000 }
    )
  })

  it('is the same on long strings cut into pieces: astral characters, lone surrogates, escapes', () => {
    const piece = 1 << 18
    const values = [
      'a' + '𠮷'.repeat(piece),
      'x'.repeat(piece - 1) + '\ud800' + 'y' + '"\\\n'.repeat(1000),
      '𠮷'.repeat(piece) + '\udc00',
      { text: '测'.repeat(3 * piece + 7), list: ['\u2028'.repeat(piece + 1)] }
    ]
    for (const v of values) expect(written(v).text).toBe(JSON.stringify(v, null, 2) + '\n')
  })

  it('is the same on a large analysis-shaped document, never held as one string', () => {
    const paragraph = '城南街道启动老旧小区改造，三个社区试点加装电梯。\n"引号" \\ 反斜杠 \u2028'
    const text = paragraph.repeat(60_000)
    const doc = {
      source: 'page.txt',
      encoding: 'utf-8',
      text,
      skipped: undefined,
      articles: Array.from({ length: 3000 }, (_, k) => ({ kind: 'article', title: `标题${k}`, byline: k % 2 ? undefined : '记者', paragraphs: [{ text: paragraph.repeat(k % 40) }], flags: [], when: new Date(0) })),
      furniture: [],
      suggestions: [{ rule: 'typo', start: 1, end: 2, original: '认', replacement: '人', confidence: 0.9, message: 'm' }]
    }
    const out = written(doc)
    expect(out.text).toBe(JSON.stringify(doc, null, 2) + '\n')
    expect(out.pieces).toBeGreaterThanOrEqual(4)
    // The longest piece is the page's text, not the document.
    expect(out.longest).toBeLessThan(JSON.stringify(text).length + 4 * 1024 * 1024)
    expect(out.longest).toBeLessThan(out.text.length / 2)
  })
})
