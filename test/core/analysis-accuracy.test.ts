// Accuracy of analyzePage over the annotated pages in test/fixtures/analysis: each page X.txt has
// X.expected.json written by hand (articles, paragraphs after joins with the source lines they
// come from, captions, furniture). Prints a table of figures and fails below the agreed floors.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzePage, type PageProposal, type ProposedArticle } from '../../src/core/analysis'

const DIR = join(__dirname, '..', 'fixtures', 'analysis')

interface ExpectedText {
  text: string
  lines: number[]
}
interface ExpectedArticle {
  kind: string
  section: string | null
  kicker: string | null
  title: string
  subtitle: string | null
  byline: string | null
  paragraphs: (ExpectedText & { role: string })[]
  captions: ExpectedText[]
  flags: string[]
}
interface Expected {
  page: string
  articles: ExpectedArticle[]
  furniture: string[]
  duplicates: string[]
}

/** White space removed, punctuation width normalised: how texts are compared. */
function norm(s: string | null | undefined): string {
  const full: Record<string, string> = { ',': '，', '(': '（', ')': '）', ':': '：', ';': '；', '?': '？', '!': '！' }
  return (s ?? '').replace(/[\s\u00a0\u3000]+/g, '').replace(/[,():;?!]/g, (c) => full[c]!)
}

function keyOf(a: { title: string; paragraphs: { text: string }[]; captions: (string | { text: string })[] }): string {
  if (a.title) return 't:' + norm(a.title)
  const cap = a.captions[0]
  const first = a.paragraphs[0]?.text ?? (typeof cap === 'string' ? cap : cap?.text) ?? ''
  return 'p:' + norm(first).slice(0, 20)
}

/** Expected articles paired in order with the proposed ones that have the same title/opening. */
function align(expected: ExpectedArticle[], got: ProposedArticle[]): (ProposedArticle | null)[] {
  const used = new Set<number>()
  let from = 0
  return expected.map((e) => {
    const k = keyOf(e)
    for (let i = from; i < got.length; i++) {
      if (!used.has(i) && keyOf(got[i]!) === k) {
        used.add(i)
        from = i + 1
        return got[i]!
      }
    }
    return null
  })
}

function charCounts(s: string): Map<string, number> {
  const m = new Map<string, number>()
  for (const c of norm(s)) m.set(c, (m.get(c) ?? 0) + 1)
  return m
}

/** Characters of the page that appear in no structured field of the proposal. */
function lostText(page: string, p: PageProposal): string {
  const lines = p.workingText.split('\n')
  const parts: string[] = [...p.furniture]
  for (const a of p.articles) parts.push(...a.headings, ...a.paragraphs.map((x) => x.text), ...a.captions)
  for (const b of p.blocks) if (b.role === 'byline') parts.push(lines[b.line]!)
  const have = charCounts(parts.join(''))
  let lost = ''
  for (const [c, n] of charCounts(page)) if ((have.get(c) ?? 0) < n) lost += c
  return lost
}

const pages = readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => {
    const expected = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Expected
    const text = readFileSync(join(DIR, expected.page), 'utf8')
    return { name: expected.page, expected, text, proposal: analyzePage(text) }
  })

interface Tally {
  hit: number
  total: number
}
const tally = (): Tally => ({ hit: 0, total: 0 })
const ratio = (t: Tally): number => (t.total === 0 ? 1 : t.hit / t.total)

describe('analyzePage accuracy on annotated pages', () => {
  const f = {
    joinTruePos: 0,
    joinPredicted: 0,
    joinExpected: 0,
    articlesExact: tally(),
    titles: tally(),
    kinds: tally(),
    kickers: tally(),
    subtitles: tally(),
    bylines: tally(),
    captions: tally(),
    flags: tally(),
    furniturePrecision: tally(),
    furnitureRecall: tally(),
    duplicates: tally()
  }
  const problems: string[] = []
  const rows: Record<string, string | number>[] = []

  for (const { name, expected, proposal } of pages) {
    const got = align(expected.articles, proposal.articles)
    const expJoins = new Set<string>()
    for (const a of expected.articles)
      for (const t of [...a.paragraphs, ...a.captions]) for (let i = 1; i < t.lines.length; i++) expJoins.add(`${t.lines[i - 1]}>${t.lines[i]}`)
    const gotJoins = new Set(proposal.joins.filter((j) => j.applied).map((j) => `${j.fromLine}>${j.toLine}`))
    const tp = [...gotJoins].filter((j) => expJoins.has(j)).length
    f.joinTruePos += tp
    f.joinPredicted += gotJoins.size
    f.joinExpected += expJoins.size
    for (const j of gotJoins) if (!expJoins.has(j)) problems.push(`${name}: unexpected join ${j}`)
    for (const j of expJoins) if (!gotJoins.has(j)) problems.push(`${name}: missed join ${j}`)

    let exact = 0
    expected.articles.forEach((e, i) => {
      const g = got[i] ?? null
      const label = `${name} #${i} ${e.title || e.kind}`
      const check = (t: Tally, ok: boolean, what: string): void => {
        t.total++
        if (ok) t.hit++
        else problems.push(`${label}: ${what}`)
      }
      const paraOk =
        g !== null &&
        g.paragraphs.length === e.paragraphs.length &&
        g.paragraphs.every((p, k) => p.role === e.paragraphs[k]!.role && norm(p.text) === norm(e.paragraphs[k]!.text))
      check(f.articlesExact, paraOk, g ? `paragraphs differ (${g.paragraphs.length} vs ${e.paragraphs.length})` : 'not found')
      if (paraOk) exact++
      check(f.titles, g !== null && norm(g.title) === norm(e.title), `title ${JSON.stringify(g?.title)}`)
      check(f.kinds, g?.kind === e.kind, `kind ${g?.kind}`)
      check(f.kickers, g !== null && norm(g.kicker) === norm(e.kicker), `kicker ${JSON.stringify(g?.kicker)} (want ${JSON.stringify(e.kicker)})`)
      check(f.subtitles, g !== null && norm(g.subtitle) === norm(e.subtitle), `subtitle ${JSON.stringify(g?.subtitle)}`)
      check(f.bylines, g !== null && norm(g.byline) === norm(e.byline), `byline ${JSON.stringify(g?.byline)} (want ${JSON.stringify(e.byline)})`)
      check(
        f.captions,
        g !== null && g.captions.length === e.captions.length && g.captions.every((c, k) => norm(c) === norm(e.captions[k]!.text)),
        `captions ${JSON.stringify(g?.captions)}`
      )
      check(f.flags, g !== null && [...g.flags].sort().join() === [...e.flags].sort().join(), `flags ${JSON.stringify(g?.flags)}`)
    })

    const gotFurniture = new Set(proposal.furniture.map(norm))
    const expFurniture = new Set(expected.furniture.map(norm))
    for (const x of gotFurniture) {
      f.furniturePrecision.total++
      if (expFurniture.has(x)) f.furniturePrecision.hit++
      else problems.push(`${name}: not furniture: ${x}`)
    }
    for (const x of expFurniture) {
      f.furnitureRecall.total++
      if (gotFurniture.has(x)) f.furnitureRecall.hit++
      else problems.push(`${name}: furniture missed: ${x}`)
    }
    const gotDups = proposal.duplicates.map((d) => norm(d.text))
    for (const d of expected.duplicates) {
      f.duplicates.total++
      if (gotDups.includes(norm(d))) f.duplicates.hit++
    }
    f.duplicates.total += gotDups.filter((d) => !expected.duplicates.map(norm).includes(d)).length

    rows.push({
      page: name,
      articles: `${exact}/${expected.articles.length}`,
      joins: `${tp}/${expJoins.size} (+${gotJoins.size - tp})`,
      furniture: `${proposal.furniture.length}/${expected.furniture.length}`
    })
  }

  const joinPrecision = f.joinPredicted === 0 ? 1 : f.joinTruePos / f.joinPredicted
  const joinRecall = f.joinExpected === 0 ? 1 : f.joinTruePos / f.joinExpected
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`
  console.log(`analysis accuracy over ${pages.length} annotated pages`)
  console.table(rows)
  console.table({
    'join precision': pct(joinPrecision),
    'join recall': pct(joinRecall),
    'articles with exact paragraphs': pct(ratio(f.articlesExact)),
    'titles right': pct(ratio(f.titles)),
    'kinds right': pct(ratio(f.kinds)),
    'kickers right': pct(ratio(f.kickers)),
    'subtitles right': pct(ratio(f.subtitles)),
    'bylines right': pct(ratio(f.bylines)),
    'captions right': pct(ratio(f.captions)),
    'flags right': pct(ratio(f.flags)),
    'furniture precision': pct(ratio(f.furniturePrecision)),
    'furniture recall': pct(ratio(f.furnitureRecall)),
    'duplicates right': pct(ratio(f.duplicates))
  })
  if (problems.length) console.log('differences:\n  ' + problems.join('\n  '))

  it('has at least thirteen annotated pages', () => {
    expect(pages.length).toBeGreaterThanOrEqual(13)
  })
  it('rejoins split paragraphs with precision and recall of at least 0.97', () => {
    expect(joinPrecision).toBeGreaterThanOrEqual(0.97)
    expect(joinRecall).toBeGreaterThanOrEqual(0.97)
  })
  it('gets at least 95% of articles exactly right (paragraphs) and 95% of titles', () => {
    expect(ratio(f.articlesExact)).toBeGreaterThanOrEqual(0.95)
    expect(ratio(f.titles)).toBeGreaterThanOrEqual(0.95)
  })
  it('gets kinds, bylines and furniture mostly right', () => {
    expect(ratio(f.kinds)).toBeGreaterThanOrEqual(0.95)
    expect(ratio(f.bylines)).toBeGreaterThanOrEqual(0.9)
    expect(ratio(f.furnitureRecall)).toBeGreaterThanOrEqual(0.95)
    expect(ratio(f.furniturePrecision)).toBeGreaterThanOrEqual(0.95)
  })

  for (const { name, expected, text, proposal } of pages) {
    it(`${name}: no furniture or caption text inside an article body`, () => {
      // a navigation entry repeats a title that the body may quote: only text that the
      // hand-made paragraphs do not contain counts as an intruder
      const bodies = expected.articles.flatMap((a) => a.paragraphs.map((p) => norm(p.text)))
      const intruders = [...expected.furniture, ...expected.articles.flatMap((a) => a.captions.map((c) => c.text))]
        .map(norm)
        .filter((t) => t.length >= 4 && !bodies.some((b) => b.includes(t)))
      for (const a of proposal.articles)
        for (const p of a.paragraphs) for (const t of intruders) expect(norm(p.text).includes(t), `${t} in ${p.text}`).toBe(false)
    })
    it(`${name}: no text lost`, () => {
      expect(lostText(text, proposal)).toBe('')
    })
  }
})
