import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzePage } from '../../src/core/analysis'
import { readOcrText } from '../../src/core/import/ocr'
import { hintsFromLayout } from '../../src/core/import/ocr/hintsFromLayout'

const OCR = path.resolve(__dirname, '../fixtures/ocr')

describe('hints from the OCR layout', () => {
  it('finds the column break and the running head and foot of a real Tesseract page', () => {
    const { text, geometry } = readOcrText(fs.readFileSync(path.join(OCR, '示例晚报_2026-03-05_03版.alto.xml'), 'utf8'))
    const lines = text.split('\n')
    const hints = hintsFromLayout(text, geometry)
    // one break: where the blocks go on at the top of the next column (Tesseract read the
    // page's last column as one block, so that is the only one)
    expect(hints.columnBreaks!.size).toBe(1)
    const [line] = [...hints.columnBreaks!]
    const lineStart = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0)
    const block = geometry.blocks.findIndex((b) => b.start === lineStart)
    expect(block).toBeGreaterThan(0)
    expect(geometry.blocks[block]!.box![0]).toBeGreaterThan(400)
    expect(geometry.blocks[block]!.box![1]).toBeLessThan(200)
    expect(geometry.blocks[block - 1]!.box![0]).toBeLessThan(200)
    const furniture = [...hints.furnitureLines!].map((l) => lines[l]!)
    expect(furniture.some((l) => l.startsWith('示例晚报2026年3月5日'))).toBe(true)
    expect(furniture.some((l) => l.startsWith('责任编辑'))).toBe(true)
    expect(furniture).toHaveLength(2)
  })

  it('a known column break joins a sentence whose second half looks like a heading; without the hint it stays apart', () => {
    const text = [
      '市民文化节下月开幕',
      '',
      '本报讯（记者 何川）记者从市文化馆了解到，文化节期间市民可以报名参加',
      '',
      '书法展览和摄影比赛',
      '',
      '报名时间为本月二十日至月底，各社区均设有报名点。'
    ].join('\n')
    const plain = analyzePage(text)
    const hinted = analyzePage(text, { columnBreaks: new Set([4]) })
    const body = (p: ReturnType<typeof analyzePage>): string[] => p.articles.flatMap((a) => a.paragraphs.map((x) => x.text))
    expect(body(plain).some((t) => t.endsWith('报名参加'))).toBe(true)
    expect(body(hinted).some((t) => t.includes('报名参加书法展览和摄影比赛'))).toBe(true)
    expect(hinted.joins.find((j) => j.applied)?.reason).toMatch(/column break/)
    // the same break with no hint, and a hint on a title of another article, change nothing
    const title = analyzePage('第一篇的正文到此为止没有句号\n\n第二篇文章的标题\n\n本报讯（记者 田野）第二篇的正文。', { columnBreaks: new Set([2]) })
    expect(title.articles.map((a) => a.title)).toContain('第二篇文章的标题')
  })

  it('lines of blocks outside the text area are furniture', () => {
    const text = '城南新闻 第05版\n\n社区举办义诊活动\n\n本报讯（记者 田野）三月四日，城东社区卫生服务中心举办义诊。'
    const p = analyzePage(text, { furnitureLines: new Set([0]) })
    expect(p.furniture.join()).toContain('城南新闻')
  })

  it('a paragraph Tesseract cut into blocks in a narrow column is one paragraph again; paragraphs that open indented stay apart', () => {
    const read = (page: string): { text: string; lines: string[]; hints: ReturnType<typeof hintsFromLayout>; body: string[] } => {
      const { text, geometry } = readOcrText(fs.readFileSync(path.join(OCR, `${page}.alto.xml`), 'utf8'))
      const hints = hintsFromLayout(text, geometry)
      const body = analyzePage(text, hints).articles.flatMap((a) => a.paragraphs.map((x) => x.text))
      return { text, lines: text.split('\n'), hints, body }
    }
    // 02: 食堂负责人表示，新菜 | 单少油少盐，增加了时令蔬 | 菜和豆制品… are three blocks of one printed paragraph
    const p2 = read('示例晚报_2026-03-05_02版')
    expect([...p2.hints.continuations!].map((l) => p2.lines[l]!.slice(0, 5))).toEqual(['单少油少盐', '菜和豆制品'])
    expect(p2.body.some((t) => t.startsWith('食堂负责人表示，新菜单少油少盐，增加了时令蔬菜和豆制品'))).toBe(true)
    // 03: a paragraph goes on past a full stop (…浓厚兴趣。 | 她打算…): its next line is not indented
    const p3 = read('示例晚报_2026-03-05_03版')
    expect(p3.body.some((t) => t.includes('浓厚兴趣。她打算'))).toBe(true)
    // which the text alone cannot tell from a new paragraph
    const plain3 = analyzePage(p3.text).articles.flatMap((a) => a.paragraphs.map((x) => x.text))
    expect(plain3.some((t) => t.includes('浓厚兴趣。她打算'))).toBe(false)
    // and the other paragraphs of both pages, which open indented, are not run together
    for (const body of [p2.body, p3.body]) expect(body.filter((t) => /^(新建的口袋公园|街道城建办|学校语文教研组|为了让图书漂流)/.test(t))).toHaveLength(2)
  })

  it('a continuation hint never joins across a title or into a byline', () => {
    const text = '第一篇的正文到此为止没有句号\n\n第二篇文章的标题\n\n本报讯（记者 田野）第二篇的正文。'
    const p = analyzePage(text, { continuations: new Set([2, 4]) })
    expect(p.articles.map((a) => a.title)).toContain('第二篇文章的标题')
  })
})
