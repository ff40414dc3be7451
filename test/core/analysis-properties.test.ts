// Properties analyzePage must keep on any input: the cleaned text is a fixed point, no text is
// lost, headings are never glued to body text, describeArticle agrees, and nothing throws.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzePage, describeArticle, type PageProposal } from '../../src/core/analysis'

const DIR = join(__dirname, '..', 'fixtures', 'analysis')
// the hand-written held-out pages too: only their titles are recorded, but every property holds
const HELD_OUT = join(__dirname, '..', 'fixtures', 'analysis-heldout')
const fixtures = [DIR, HELD_OUT].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }))
)

function norm(s: string): string {
  const full: Record<string, string> = { ',': '，', '(': '（', ')': '）', ':': '：', ';': '；', '?': '？', '!': '！' }
  return s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '').replace(/[,():;?!]/g, (c) => full[c]!)
}

/** Every visible character of the input is still in the proposal's structured fields. */
function lost(input: string, p: PageProposal): string {
  const lines = p.workingText.split('\n')
  const parts = [...p.furniture]
  for (const a of p.articles) parts.push(...a.headings, ...a.paragraphs.map((x) => x.text), ...a.captions)
  for (const b of p.blocks) if (b.role === 'byline') parts.push(lines[b.line]!)
  const have = new Map<string, number>()
  for (const c of norm(parts.join(''))) have.set(c, (have.get(c) ?? 0) + 1)
  let missing = ''
  for (const c of norm(input)) {
    const n = have.get(c) ?? 0
    if (n === 0) missing += c
    else have.set(c, n - 1)
  }
  return missing
}

function shape(p: PageProposal): unknown {
  return p.articles.map((a) => ({ kind: a.kind, title: a.title, start: a.startLine, end: a.endLine, paragraphs: a.paragraphs.length }))
}

/** Structural invariants every proposal keeps. */
function checkInvariants(input: string, p: PageProposal): void {
  const lines = p.workingText.split('\n')
  const nonEmpty = lines.map((l, i) => (l.trim() === '' ? -1 : i)).filter((i) => i >= 0)
  expect(p.blocks.map((b) => b.line)).toEqual(nonEmpty)
  for (const b of p.blocks) {
    if (b.role === 'furniture') expect(b.article).toBeNull()
    else expect(b.article).not.toBeNull()
  }
  for (const a of p.articles) {
    expect(a.startLine).toBeLessThanOrEqual(a.endLine)
    expect(a.confidence).toBeGreaterThanOrEqual(0)
    expect(a.confidence).toBeLessThanOrEqual(1)
  }
  for (const d of p.duplicates) expect(p.workingText.slice(d.start, d.end)).toBe(d.text)
  expect(p.text).toBe(input.replace(/\r\n?/g, '\n'))
}

// ---- a generator of made-up pages from generic pieces, with breaks in random places ----------

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}
const HAN = '社区街道居民志愿服务活动开展工作群众生活环境文明城市建设发展组织党员干部学习教育中心项目管理企业经济文化健康安全检查整治宣传'
function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!
}
function words(r: () => number, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += HAN[Math.floor(r() * HAN.length)]
  return s
}
function sentence(r: () => number): string {
  const clauses = 1 + Math.floor(r() * 3)
  const parts: string[] = []
  for (let i = 0; i < clauses; i++) parts.push(words(r, 6 + Math.floor(r() * 12)))
  return parts.join(pick(r, [',', '，', '、'])) + pick(r, ['。', '。', '！', '。”'])
}
function randomPage(seed: number): string {
  const r = rng(seed)
  const blocks: string[] = []
  if (r() < 0.3) blocks.push('当前版: 0' + (1 + Math.floor(r() * 8)) + '版 上一版 下一版')
  const articles = 1 + Math.floor(r() * 5)
  for (let a = 0; a < articles; a++) {
    if (r() < 0.3) blocks.push(words(r, 4) + ' ' + words(r, 4))
    blocks.push(words(r, 5 + Math.floor(r() * 10)))
    if (r() < 0.2) blocks.push('——' + words(r, 10))
    const paras = 1 + Math.floor(r() * 5)
    for (let k = 0; k < paras; k++) {
      let p = ''
      const n = 1 + Math.floor(r() * 4)
      for (let m = 0; m < n; m++) p += sentence(r)
      if (k === 0 && r() < 0.7) p = `本报讯(记者 ${words(r, 3)})` + p
      if (r() < 0.3 && p.length > 12) {
        const cut = 4 + Math.floor(r() * (p.length - 8))
        blocks.push(p.slice(0, cut))
        if (r() < 0.2) blocks.push(`${words(r, 12)}。 本报记者 ${words(r, 3)} 摄`)
        blocks.push(p.slice(cut))
      } else blocks.push(p)
      if (k > 0 && r() < 0.1) blocks.push(words(r, 6))
    }
    if (r() < 0.2) blocks.push('本报记者 ' + words(r, 3))
  }
  if (r() < 0.3) blocks.push('报料热线\n1' + Math.floor(r() * 1e10) + '\n责任编辑: ' + words(r, 2))
  return blocks.map((b) => (r() < 0.2 ? '\u3000\u3000' + b : b)).join(r() < 0.5 ? '\n\n' : '\n\n\n')
}

const randomPages = Array.from({ length: 60 }, (_, i) => ({ name: `random-${i}`, text: randomPage(i + 1) }))

describe('analyzePage properties', () => {
  for (const { name, text } of [...fixtures, ...randomPages]) {
    it(`${name}: the working text is a fixed point with the same articles`, () => {
      const p = analyzePage(text)
      const q = analyzePage(p.workingText)
      expect(q.workingText).toBe(p.workingText)
      expect(shape(q)).toEqual(shape(p))
      checkInvariants(text, p)
    })
    it(`${name}: no text lost`, () => {
      expect(lost(text, analyzePage(text))).toBe('')
    })
  }

  for (const { name, text } of fixtures) {
    it(`${name}: titles and subheads are never glued to body text`, () => {
      const p = analyzePage(text)
      // headings: the proposal's own, and the hand-annotated ones where the page has them
      const headings = new Set(p.articles.flatMap((a) => [...a.headings, ...a.paragraphs.filter((x) => x.role === 'subhead').map((x) => x.text)]).map(norm))
      const expectedFile = join(DIR, name.replace(/\.txt$/, '.expected.json'))
      if (existsSync(expectedFile)) {
        const e = JSON.parse(readFileSync(expectedFile, 'utf8')) as { articles: { kicker: string | null; title: string; subtitle: string | null; paragraphs: { role: string; text: string }[] }[] }
        for (const a of e.articles)
          for (const h of [a.kicker, a.title, a.subtitle, ...a.paragraphs.filter((x) => x.role === 'subhead').map((x) => x.text)]) if (h) headings.add(norm(h))
      }
      // glued = a heading line and the input line next to it found run together in one paragraph
      const lines = text.split(/\r\n?|\n/).map(norm).filter((l) => l !== '')
      const body = p.articles.flatMap((a) => a.paragraphs.filter((x) => x.role === 'body').map((x) => norm(x.text)))
      for (let i = 0; i + 1 < lines.length; i++) {
        const [x, y] = [lines[i]!, lines[i + 1]!]
        if (!headings.has(x) && !headings.has(y)) continue
        for (const b of body) expect(b.includes(x + y), `${x} glued to ${y}`).toBe(false)
      }
    })
    it(`${name}: describeArticle re-derives each article from its lines`, () => {
      const p = analyzePage(text)
      const lines = p.workingText.split('\n')
      p.articles.forEach((a, i) => {
        const own = p.blocks.filter((b) => b.article === i).map((b) => lines[b.line]!)
        const d = describeArticle(own, a.kind)
        expect({ title: d.title, subtitle: d.subtitle, byline: d.byline, paragraphs: d.paragraphs, captions: d.captions }).toEqual({
          title: a.title,
          subtitle: a.subtitle,
          byline: a.byline,
          paragraphs: a.paragraphs,
          captions: a.captions
        })
        if (a.section === null) expect(d.kicker).toBe(a.kicker)
      })
    })
  }

  describe('never throws, on any string', () => {
    const garbage = Array.from({ length: 20_000 }, (_, i) => String.fromCharCode((i * 7919) % 65_536)).join('')
    const cases: [string, string][] = [
      ['empty', ''],
      ['only white space', ' \t\u3000\u00a0\n\n  \r\n'],
      ['only punctuation', '，。、；：？！“”（）,.;:?!()'.repeat(200)],
      ['binary garbage', garbage],
      ['lone surrogates and NUL', '\ud800\udc00\ud800\u0000\udfff本报讯(记者\u0000王小明)'],
      ['100,000 blank lines', '\n'.repeat(100_000)],
      ['a single 5 MB line', '社区志愿者开展清理行动,'.repeat(440_000)],
      ['many short lines', Array.from({ length: 20_000 }, (_, i) => (i % 3 ? '街道社区' : '组织志愿者开展活动,')).join('\n\n')],
      ['unbalanced brackets', '((((((((((本报讯(记者'.repeat(1000)],
      ['bylines only', '本报记者 王小明\n\n'.repeat(500)]
    ]
    for (const [label, input] of cases) {
      it(label, () => {
        const p = analyzePage(input)
        checkInvariants(input, p)
        expect(lost(input, p)).toBe('')
      })
    }
    it('non-string input', () => {
      expect(() => analyzePage(undefined as unknown as string)).not.toThrow()
      expect(() => analyzePage(42 as unknown as string)).not.toThrow()
      expect(() => describeArticle(null as unknown as string[])).not.toThrow()
    })
  })
})
