import fs from 'node:fs'
import path from 'node:path'
import Ajv2020 from 'ajv/dist/2020'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportStore, FORMATS, type JsonEdition } from '../../src/core/export'
import type { Db } from '../../src/core/store/database'
import { listArticles } from '../../src/core/store/queries/articles'
import { getPageRow, listPages } from '../../src/core/store/queries/pages'
import { removeDir, suiteDir } from '../support/tmp'
import { buildStore, EDITION } from '../fixtures/export/buildEdition'

const SCHEMA = path.resolve(__dirname, '../../resources/schema/galley-edition.schema.json')

function filesUnder(root: string, ext: string): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith(ext)).map((f) => path.join(root, f))
}

let dir: string
let db: Db
let out: string

beforeAll(async () => {
  dir = suiteDir('galley-export-formats-')
  ;({ db } = await buildStore(dir))
  out = path.join(dir, 'out')
  exportStore(db, { scope: { all: true }, formats: [...FORMATS], outDir: out, includeUnapproved: true })
})
afterAll(() => {
  db.close()
  removeDir(dir)
})

describe('JSON export', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')))

  it('is valid against the shipped schema, and the schema rejects what it should', () => {
    const files = filesUnder(path.join(out, 'json'), '.json')
    expect(files.length).toBe(3)
    for (const file of files) {
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'))
      expect(validate(doc), `${file}: ${ajv.errorsText(validate.errors)}`).toBe(true)
    }
    const doc = JSON.parse(fs.readFileSync(files[0]!, 'utf8')) as JsonEdition
    const broken = structuredClone(doc) as unknown as { pages: { articles: Record<string, unknown>[] }[] }
    broken.pages[0]!.articles[0]!.approval = 'maybe'
    expect(validate(broken)).toBe(false)
    const extra = structuredClone(doc) as unknown as Record<string, unknown>
    extra.furniture = []
    expect(validate(extra)).toBe(false)
  })

  it('reads back to the same articles as the store holds, in page and reading order', () => {
    const doc = JSON.parse(fs.readFileSync(path.join(out, 'json', `${EDITION.replace(' ', '_')}.json`), 'utf8')) as JsonEdition
    expect(doc.edition).toEqual({ name: EDITION, title: '示例日报', issueDate: '2024-05-01' })
    expect(doc.includesUnapproved).toBe(true)
    const pages = listPages(db).filter((p) => getPageRow(db, p.id)!.editionName === EDITION)
    const expected = pages.flatMap((page) =>
      listArticles(db, page.id)
        .filter((a) => a.kind !== 'furniture' && a.status !== 'rejected')
        .map((a) => ({
          id: a.id,
          kind: a.kind,
          approval: a.status === 'approved' ? 'approved' : 'unapproved',
          page: page.label,
          revisionId: getPageRow(db, page.id)!.currentRevisionId,
          kicker: a.kicker,
          title: a.title,
          subtitle: a.subtitle,
          byline: a.byline,
          // The export drops characters no format can carry (a control character here).
          paragraphs: a.paragraphs.map((p) => ({ role: p.role, text: p.text.replace(/\u0001/g, '') })),
          captions: a.captions,
          flags: a.flags
        }))
    )
    const actual = doc.pages.flatMap((p) =>
      p.articles.map(({ position: _p, headings: _h, ...rest }) => rest)
    )
    expect(actual).toEqual(expected)
    expect(doc.pages.map((p) => p.label)).toEqual(['01', '02'])
  })
})

describe('NITF export', () => {
  it('writes well-formed XML that parses back to the article', () => {
    const files = filesUnder(path.join(out, 'nitf'), '.xml')
    // 5 of the first edition (one unapproved), 1 of the second, 1 unapproved of the third
    expect(files.length).toBe(7)
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['p', 'hl2', 'media', 'classifier'].includes(name) })
    const byId = new Map(
      listPages(db).flatMap((p) => listArticles(db, p.id)).map((a) => [a.id, a])
    )
    for (const file of files) {
      const xml = fs.readFileSync(file, 'utf8')
      expect(XMLValidator.validate(xml), file).toBe(true)
      const doc = parser.parse(xml).nitf
      expect(doc['@version']).toBe('-//IPTC//DTD NITF 3.6//EN')
      const docdata = doc.head.docdata
      const id = Number(/:(\d+)$/.exec(docdata['doc-id']['@id-string'])![1])
      const article = byId.get(id)!
      expect(article, file).toBeDefined()
      expect(docdata['@management-status']).toBe(article.status === 'approved' ? 'usable' : 'withheld')
      expect(docdata['date.issue']['@norm']).toMatch(/^2024050[123]$/)
      const body = doc.body
      if (article.title) {
        expect(body['body.head'].hedline.hl1).toBe(article.title)
        expect(doc.head.title).toBe(article.title)
      }
      if (article.byline) expect(body['body.head'].byline).toBe(article.byline)
      const content = body['body.content'] ?? {}
      const paragraphs = (content.p ?? []).map((p: unknown) => String(p))
      const expected = article.paragraphs.filter((p) => p.role === 'body').map((p) => p.text.replace(/\u0001/g, ''))
      expect(paragraphs).toEqual(expected)
      const subheads = (content.hl2 ?? []).map((h: { '#text': string }) => h['#text'])
      expect(subheads).toEqual(article.paragraphs.filter((p) => p.role === 'subhead').map((p) => p.text))
      const captions = (content.media ?? []).map((m: { 'media-caption': string }) => m['media-caption'])
      expect(captions).toEqual(article.captions)
    }
  })

  it('survives text made of markup, entities and characters XML cannot carry', () => {
    const nasty = filesUnder(path.join(out, 'nitf'), '.xml').find((f) => f.includes('绿色出行'))!
    const xml = fs.readFileSync(nasty, 'utf8')
    expect(xml).not.toContain('\u0001')
    expect(xml).toContain('&lt;可以&gt;')
    expect(xml).toContain(']]&gt;')
    expect(new XMLParser().parse(xml).nitf.body['body.content'].p[0]).toContain('公交卡 & 地铁卡 <可以> 通用')
  })
})

describe('Markdown and text export', () => {
  it('writes front matter a YAML reader can take, and UTF-8 text without BOM', () => {
    for (const file of filesUnder(path.join(out, 'md'), '.md')) {
      const text = fs.readFileSync(file, 'utf8')
      const m = /^---\n([\s\S]*?)\n---\n/.exec(text)
      expect(m, file).not.toBeNull()
      // Every value is JSON-compatible YAML: read it as such.
      const fields = Object.fromEntries(
        m![1]!.split('\n').map((line) => {
          const i = line.indexOf(': ')
          return [line.slice(0, i), JSON.parse(line.slice(i + 2))]
        })
      )
      expect(Object.keys(fields)).toEqual(expect.arrayContaining(['title', 'byline', 'edition', 'date', 'page']))
      expect(fields.date).toMatch(/^2024-05-0[123]$/)
    }
    for (const file of filesUnder(path.join(out, 'txt'), '.txt')) {
      const bytes = fs.readFileSync(file)
      expect(bytes[0]).not.toBe(0xef)
      expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes).endsWith('\n')).toBe(true)
    }
  })
})
