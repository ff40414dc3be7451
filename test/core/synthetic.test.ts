import { describe, expect, it } from 'vitest'
import type { PageTruth, SyntheticPage } from '../../bench/synthetic/index'
import { generateArchive, groundTruth, MAX_PAGE_BYTES, MIN_PAGE_BYTES } from '../../bench/synthetic/index'
import { LOOKALIKE } from '../../bench/synthetic/lookalikes'

const HAN = /[\u4e00-\u9fff]/
const isHan = (c: string | undefined): boolean => c !== undefined && HAN.test(c)

function archive(seed: number, pages: number): { page: SyntheticPage; truth: PageTruth }[] {
  return [...generateArchive({ seed, pages })].map((page) => ({ page, truth: groundTruth(page) }))
}

const sample = archive(2024, 100)
const pagesWhere = (f: (p: { page: SyntheticPage; truth: PageTruth }) => boolean): number => sample.filter(f).length

describe('synthetic archive: determinism and shape', () => {
  it('gives byte-identical pages for the same seed and different ones for another seed', () => {
    const a = [...generateArchive({ seed: 7, pages: 24 })]
    const b = [...generateArchive({ seed: 7, pages: 24 })]
    const c = [...generateArchive({ seed: 8, pages: 24 })]
    expect(b.map((p) => p.text)).toEqual(a.map((p) => p.text))
    expect(b.map((p) => p.fileName)).toEqual(a.map((p) => p.fileName))
    expect(c.filter((p, i) => p.text === a[i]?.text)).toHaveLength(0)
  })

  it('does not depend on how many pages are asked for', () => {
    const short = [...generateArchive({ seed: 11, pages: 10 })]
    const long = [...generateArchive({ seed: 11, pages: 30 })]
    expect(long.slice(0, 10).map((p) => p.text)).toEqual(short.map((p) => p.text))
  })

  it('groups pages into editions of 8 on consecutive days', () => {
    const pages = [...generateArchive({ seed: 3, pages: 20 })]
    const editions = [...new Set(pages.map((p) => p.edition))]
    expect(editions).toHaveLength(3)
    expect(editions.map((e) => pages.filter((p) => p.edition === e).length)).toEqual([8, 8, 4])
    for (let i = 1; i < editions.length; i++) {
      const gap = Date.parse(editions[i] as string) - Date.parse(editions[i - 1] as string)
      expect(gap).toBe(86_400_000)
    }
    pages.forEach((p, i) => {
      expect(p.pageNo).toBe((i % 8) + 1)
      expect(p.date).toBe(p.edition)
      expect(p.edition).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(p.fileName).toBe(`${p.edition}_${String(p.pageNo).padStart(2, '0')}版.txt`)
    })
  })

  it('keeps every page between 5 and 15 KB of UTF-8', () => {
    for (const page of generateArchive({ seed: 99, pages: 400 })) {
      const bytes = Buffer.byteLength(page.text, 'utf8')
      expect(bytes).toBeGreaterThanOrEqual(MIN_PAGE_BYTES)
      expect(bytes).toBeLessThanOrEqual(MAX_PAGE_BYTES)
    }
    expect(MIN_PAGE_BYTES).toBeGreaterThanOrEqual(5 * 1024)
    expect(MAX_PAGE_BYTES).toBeLessThanOrEqual(15 * 1024)
  })

  it('refuses ground truth for a page it did not make', () => {
    const first = sample[0]?.page as SyntheticPage
    expect(() => groundTruth({ ...first })).toThrow()
  })
})

describe('synthetic archive: page anatomy', () => {
  it('puts 2 to 6 articles on a page, with titles on lines of their own', () => {
    for (const { page, truth } of sample) {
      expect(truth.articles.length).toBeGreaterThanOrEqual(2)
      expect(truth.articles.length).toBeLessThanOrEqual(6)
      const lines = new Set(page.text.split('\n').map((l) => l.trim()))
      for (const t of truth.titles) {
        expect(t.length).toBeGreaterThanOrEqual(4)
        expect(t.length).toBeLessThanOrEqual(25)
        expect(t).not.toMatch(/[。！？!?，,；;：:（(]/)
        expect(lines.has(t)).toBe(true)
      }
    }
  })

  it('carries the furniture, bylines and captions of a city paper', () => {
    const has = (re: RegExp): number => pagesWhere(({ page }) => re.test(page.text))
    expect(has(/当前版[:：] \d\d版 上一版 下一版/)).toBeGreaterThan(25)
    expect(has(/^标题导航$/m)).toBeGreaterThan(12)
    expect(has(/报料热线/)).toBeGreaterThan(12)
    expect(has(/报料邮箱[:：\n]\s*[a-z0-9]+@[a-z0-9.]+/)).toBeGreaterThan(12)
    expect(has(/责任编辑|本版编辑/)).toBeGreaterThan(50)
    expect(has(/^\s*本报讯[(（](记者|通讯员) [\u4e00-\u9fff]/m)).toBeGreaterThan(80)
    expect(has(/^本报记者 [\u4e00-\u9fff]{2,3}/m)).toBeGreaterThan(25)
    expect(has(/本报记者 [\u4e00-\u9fff]{2,3} 摄\s*$/m)).toBeGreaterThan(10)
    expect(has(/资料图片/)).toBeGreaterThan(5)
    expect(has(/^——[\u4e00-\u9fff]/m)).toBeGreaterThan(10)
    const all = sample.flatMap(({ truth }) => truth.articles)
    expect(all.filter((a) => a.kicker).length).toBeGreaterThan(20)
    expect(all.filter((a) => a.subheads.length > 0).length).toBeGreaterThan(5)
    expect(all.filter((a) => a.banner).length).toBeGreaterThan(10)
  })

  it('writes numbers, times, percentages, phone numbers and dates', () => {
    const text = sample.map(({ page }) => page.text).join('\n')
    expect(text).toMatch(/\d+(\.\d)?%/)
    expect(text).toMatch(/\d{1,2}:\d\d/)
    expect(text).toMatch(/\d{1,2}月\d{1,2}日/)
    expect(text).toMatch(/\d{1,3},\d{3}/)
    expect(text).toMatch(/1[35789]\d{9}|0\d{3}-\d{7}/)
    expect(text).toMatch(/12345/)
  })

  it('has a varied, Chinese character distribution', () => {
    const counts = new Map<string, number>()
    let han = 0
    for (const { page } of sample) {
      for (const c of page.text) {
        if (!isHan(c)) continue
        han++
        counts.set(c, (counts.get(c) ?? 0) + 1)
      }
    }
    expect(counts.size).toBeGreaterThan(1200)
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1])
    // The most common character of news prose is a function word, at a few percent.
    expect((top[0]?.[1] ?? 0) / han).toBeLessThan(0.05)
    expect(top.slice(0, 30).map(([c]) => c)).toEqual(expect.arrayContaining(['的', '区']))
  })
})

describe('synthetic archive: damage at the expected rates', () => {
  it('uses half-width punctuation on about half the pages and full width on the rest', () => {
    const half = sample.filter(({ truth }) => truth.halfWidth)
    expect(half.length).toBeGreaterThan(30)
    expect(half.length).toBeLessThan(70)
    const halfComma = /[\u4e00-\u9fff],[\u4e00-\u9fff]/g
    for (const { page, truth } of sample) {
      const n = page.text.match(halfComma)?.length ?? 0
      if (truth.halfWidth) expect(n).toBeGreaterThan(20)
      else expect(n).toBe(0)
      expect(truth.cleanText).not.toMatch(halfComma)
    }
  })

  it('injects look-alike characters about once per 500 characters, and says where', () => {
    let chars = 0
    let typos = 0
    for (const { page, truth } of sample) {
      chars += page.text.length
      typos += truth.injectedTypos.length
      for (const t of truth.injectedTypos) {
        expect(page.text[t.offset]).toBe(t.wrong)
        expect(LOOKALIKE.get(t.right)).toContain(t.wrong)
      }
    }
    expect(typos / chars).toBeGreaterThan(1 / 650)
    expect(typos / chars).toBeLessThan(1 / 400)
  })

  it('splits paragraphs at column breaks, often between two Han characters', () => {
    let breaks = 0
    let hanHan = 0
    for (const { page, truth } of sample) {
      for (const b of truth.columnBreaks) {
        expect(page.text.slice(b.from, b.to)).toMatch(/^[ \u3000\u00a0]*\n\n$/)
        if (isHan(page.text[b.from - 1]) && isHan(page.text[b.to])) hanHan++
        breaks++
      }
    }
    expect(pagesWhere(({ truth }) => truth.columnBreaks.length > 0)).toBeGreaterThan(70)
    expect(breaks / sample.length).toBeGreaterThan(3)
    expect(hanHan / breaks).toBeGreaterThan(0.4)
  })

  it('adds odd white space: indentation, trailing spaces, stray spaces, no-break runs', () => {
    expect(pagesWhere(({ truth }) => truth.indentedParagraphs > 0)).toBeGreaterThan(25)
    expect(pagesWhere(({ page }) => /^[\u3000\u00a0 ]+[\u4e00-\u9fff]/m.test(page.text))).toBeGreaterThan(25)
    expect(pagesWhere(({ truth }) => truth.trailingSpaceLines > 0)).toBeGreaterThan(25)
    expect(pagesWhere(({ page }) => /[^\s][ \u3000\u00a0]+$/m.test(page.text))).toBeGreaterThan(25)
    expect(pagesWhere(({ truth }) => truth.strayOffsets.length > 0)).toBeGreaterThan(25)
    expect(pagesWhere(({ page }) => /\u00a0\u00a0/.test(page.text))).toBeGreaterThan(5)
    for (const { page, truth } of sample) {
      for (const o of truth.strayOffsets) {
        expect(page.text[o]).toMatch(/^[ \u00a0]$/)
        expect(isHan(page.text[o - 1]) && isHan(page.text[o + 1])).toBe(true)
      }
    }
  })

  it('sometimes repeats a paragraph start at the end of the page', () => {
    const dups = sample.filter(({ truth }) => truth.duplicate !== null)
    expect(dups.length).toBeGreaterThanOrEqual(2)
    expect(dups.length).toBeLessThanOrEqual(20)
    const squeeze = (s: string): string => s.replace(/[\s\u3000\u00a0]/g, '')
    for (const { page, truth } of dups) {
      const d = truth.duplicate as NonNullable<PageTruth['duplicate']>
      expect(d.sourceOffset).toBeGreaterThanOrEqual(0)
      expect(d.sourceOffset).toBeLessThan(d.offset)
      const copy = squeeze(page.text.slice(d.offset, d.offset + d.length))
      const source = squeeze(page.text.slice(d.sourceOffset, d.sourceOffset + d.length + 200)).slice(0, copy.length)
      let differ = 0
      for (let i = 0; i < copy.length; i++) if (copy[i] !== source[i]) differ++
      // Only the source's own look-alike typos may tell them apart.
      expect(differ).toBeLessThanOrEqual(3)
      expect(copy.length).toBeGreaterThan(20)
    }
  })

  it('sometimes cuts an article mid-sentence or starts one mid-sentence', () => {
    const arts = sample.flatMap(({ truth }) => truth.articles)
    expect(arts.filter((a) => a.truncated === 'end').length).toBeGreaterThanOrEqual(4)
    expect(arts.filter((a) => a.truncated === 'start').length).toBeGreaterThanOrEqual(2)
    expect(pagesWhere(({ page }) => /[(（]下转第\d\d版[)）]/.test(page.text))).toBeGreaterThan(0)
  })

  it('misspells a reporter on some pages of some editions', () => {
    const variants = sample.flatMap(({ page, truth }) => truth.nameVariants.map((v) => ({ page, v })))
    expect(variants.length).toBeGreaterThan(0)
    for (const { page, v } of variants) {
      expect(page.text.startsWith(v.printed, v.offset)).toBe(true)
      expect(v.printed).not.toBe(v.canonical)
      expect(v.printed.length).toBe(v.canonical.length)
    }
  })

  it('keeps a clean text with full-width punctuation, joined paragraphs and no stray space', () => {
    for (const { truth } of sample) {
      expect(truth.cleanText).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]{2}[，。]/)
      expect(truth.cleanText).not.toMatch(/^[\u3000\u00a0 ]/m)
      for (const t of truth.titles) expect(truth.cleanText).toContain(t)
    }
  })
})
