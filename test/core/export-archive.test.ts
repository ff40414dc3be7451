import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportStore } from '../../src/core/export'
import { importPaths } from '../../src/core/import/importer'
import { approveProposals } from '../../src/core/pipeline/approve'
import { createHandlers } from '../../src/core/services'
import { openDatabase, type Db } from '../../src/core/store/database'
import { listPages } from '../../src/core/store/queries/pages'
import { currentRevision } from '../../src/core/store/queries/revisions'
import { parseXml, descendants } from '../../src/core/import/ocr/xmlTree'
import { renderEditionTei } from '../../src/core/export/formats/tei'
import type { ExportArticle, ExportEdition } from '../../src/core/export/types'
import { removeDir, suiteDir } from '../support/tmp'

// The archive formats from real Tesseract pages (test/fixtures/ocr) and a plain text page,
// validated with xmllint against the official schemas kept in test/fixtures/schemas.
const OCR = path.resolve(__dirname, '../fixtures/ocr')
const SCHEMAS = path.resolve(__dirname, '../fixtures/schemas')
const P2 = '示例晚报_2026-03-05_02版'
const P3 = '示例晚报_2026-03-05_03版'
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0

let dir: string
let db: Db
let out: string

function xmllint(schema: string, files: string[]): { ok: boolean; output: string } {
  const kind = schema.endsWith('.rng') ? '--relaxng' : '--schema'
  const run = spawnSync('xmllint', ['--noout', '--nonet', kind, path.join(SCHEMAS, schema), ...files], { encoding: 'utf8' })
  return { ok: run.status === 0, output: run.stderr }
}

function filesUnder(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.xml')).map((f) => path.join(root, f))
}

beforeAll(async () => {
  dir = suiteDir('galley-archive-')
  const input = path.join(dir, 'in')
  fs.mkdirSync(input)
  fs.copyFileSync(path.join(OCR, `${P3}.alto.xml`), path.join(input, `${P3}.alto.xml`))
  fs.copyFileSync(path.join(OCR, `${P3}.jpg`), path.join(input, `${P3}.jpg`))
  fs.copyFileSync(path.join(OCR, `${P2}.hocr`), path.join(input, `${P2}.hocr`))
  fs.copyFileSync(path.join(OCR, `${P2}.png`), path.join(input, `${P2}.png`))
  fs.writeFileSync(path.join(input, '示例晚报_2026-03-05_04版.txt'), '社区举办春季义诊活动\n\n本报讯（记者 田野）三月四日，城东社区卫生服务中心在社区广场举办义诊，二十多名医生为居民测量血压、解答健康问题。\n')
  const file = path.join(dir, 'g.db')
  db = openDatabase(file)
  const report = await importPaths(db, [input], { edition: '示例晚报 2026-03-05', workers: 0 })
  expect(report.failed).toBe(0)
  // the editor corrects an OCR error on the ALTO page: 中名 → 中旬
  const api = createHandlers({ db, databasePath: file, mode: 'browser' })
  const page3 = listPages(db).find((p) => p.sourceName.startsWith(P3))!
  const revision = currentRevision(db, page3.id)!
  expect(revision.text).toContain('中名')
  await api.saveRevision({ pageId: page3.id, baseRevisionId: revision.revisionId, text: revision.text.replace('中名', '中旬') })
  approveProposals(db, listPages(db).map((p) => p.id), 'all')
  out = path.join(dir, 'out')
  exportStore(db, { scope: { edition: '示例晚报 2026-03-05' }, formats: ['alto', 'page', 'tei'], outDir: out })
  if (process.env.KEEP_EXPORT) fs.cpSync(out, process.env.KEEP_EXPORT, { recursive: true })
})
afterAll(() => {
  db.close()
  removeDir(dir)
})

describe.skipIf(!hasXmllint)('archive exports (xmllint; skipped without libxml2-utils)', () => {
  it('writes ALTO 4 a page, valid against alto-4-4.xsd, with the scan\'s coordinates where the page had them', () => {
    const files = filesUnder(path.join(out, 'alto'))
    expect(files).toHaveLength(3)
    const result = xmllint('alto-4-4.xsd', files)
    expect(result.output).toMatch(/validates/)
    expect(result.ok, result.output).toBe(true)
    const page3 = parseXml(fs.readFileSync(files.find((f) => f.endsWith('03.xml'))!, 'utf8'))
    const strings = descendants(page3, 'String')
    // the corrected word straddles a printed line (…四月中 / 旬开幕…): the text of the block holds
    // it, and the String with 旬 sits on the second line
    expect(strings.map((s) => s.attrs.CONTENT).join('')).toContain('四月中旬开幕')
    const corrected = strings.find((s) => s.attrs.CONTENT!.startsWith('旬开幕'))
    expect(corrected, 'the corrected text is exported line by line').toBeDefined()
    // on the printed line the OCR file had, within the page
    const [x, y, w, h] = ['HPOS', 'VPOS', 'WIDTH', 'HEIGHT'].map((a) => Number(corrected!.attrs[a])) as [number, number, number, number]
    expect(w).toBeGreaterThan(50)
    expect(h).toBeGreaterThan(10)
    expect(x + w).toBeLessThanOrEqual(1240)
    expect(y + h).toBeLessThanOrEqual(1754)
    expect(strings.filter((s) => s.attrs.HPOS !== undefined).length / strings.length).toBeGreaterThan(0.8)
    expect(descendants(page3, 'fileName')[0]!.text).toBe(`${P3}.jpg`)
    // the text page has no coordinates at all
    const page4 = parseXml(fs.readFileSync(files.find((f) => f.endsWith('04.xml'))!, 'utf8'))
    expect(descendants(page4, 'String').length).toBeGreaterThan(0)
    expect(descendants(page4, 'String').every((s) => s.attrs.HPOS === undefined)).toBe(true)
  })

  it('writes PAGE XML 2019 a page, valid against its schema, regions grouped by article in the reading order', () => {
    const files = filesUnder(path.join(out, 'page'))
    expect(files).toHaveLength(3)
    const result = xmllint('pagecontent-2019-07-15.xsd', files)
    expect(result.ok, result.output).toBe(true)
    const page2 = parseXml(fs.readFileSync(files.find((f) => f.endsWith('02.xml'))!, 'utf8'))
    const groups = descendants(page2, 'OrderedGroupIndexed')
    expect(groups.length).toBeGreaterThanOrEqual(2)
    expect(groups.every((g) => g.attrs.type === 'article')).toBe(true)
    const regions = descendants(page2, 'TextRegion')
    expect(regions.some((r) => r.attrs.type === 'heading')).toBe(true)
    expect(regions.filter((r) => descendants(r, 'Coords')[0]!.attrs.points !== '0,0 0,0').length / regions.length).toBeGreaterThan(0.8)
  })

  it('the schemas are real: a broken ALTO or PAGE file fails them', () => {
    const alto = fs.readFileSync(filesUnder(path.join(out, 'alto'))[0]!, 'utf8')
    const bad = path.join(dir, 'bad-alto.xml')
    fs.writeFileSync(bad, alto.replace(/ PHYSICAL_IMG_NR="[^"]*"/, ''))
    expect(xmllint('alto-4-4.xsd', [bad]).ok).toBe(false)
    const page = fs.readFileSync(filesUnder(path.join(out, 'page'))[0]!, 'utf8')
    fs.writeFileSync(bad, page.replace(/<Coords points="[^"]*"\/>/, '<Coords points="nowhere"/>'))
    expect(xmllint('pagecontent-2019-07-15.xsd', [bad]).ok).toBe(false)
  })

  it('writes TEI P5 an edition: pages, articles with heads, bylines, paragraphs and captions, valid against TEI Lite', () => {
    const files = filesUnder(path.join(out, 'tei'))
    expect(files).toHaveLength(1)
    const result = xmllint('tei_lite.rng', files)
    expect(result.output).toMatch(/validates/)
    expect(result.ok, result.output).toBe(true)
    const tei = parseXml(fs.readFileSync(files[0]!, 'utf8'))
    expect(tei.ns).toBe('http://www.tei-c.org/ns/1.0')
    const pages = descendants(tei, 'div').filter((d) => d.attrs.type === 'page')
    expect(pages.map((p) => p.attrs.n)).toEqual(['02', '03', '04'])
    const articles = descendants(tei, 'div').filter((d) => d.attrs.type === 'article')
    expect(articles.length).toBeGreaterThanOrEqual(4)
    for (const a of articles) {
      // TEI's div: heads and byline first, then at least one paragraph, section or figure
      const names = a.children.map((c) => c.name)
      const firstBody = names.findIndex((n) => n !== 'head' && n !== 'byline')
      expect(firstBody, names.join(',')).toBeGreaterThan(-1)
      expect(names.slice(firstBody).every((n) => n === 'p' || n === 'div' || n === 'figure'), names.join(',')).toBe(true)
    }
    expect(descendants(tei, 'byline').length).toBeGreaterThanOrEqual(2)
    expect(descendants(tei, 'figure').length).toBeGreaterThanOrEqual(1)
    expect(fs.readFileSync(files[0]!, 'utf8')).toContain('中旬')
  })

  it('every shape of article is valid TEI Lite: kicker, subtitle, byline, sections, captions alone, an empty section, unapproved, an empty edition', () => {
    const article = (over: Partial<ExportArticle>): ExportArticle => ({
      id: 1, kind: 'article', position: 1, approved: true, kicker: null, title: '', subtitle: null, headings: [], byline: null, paragraphs: [], captions: [], flags: [], ...over
    })
    const edition: ExportEdition = {
      id: 1, name: '样报 2026-03-05', title: '样报', issueDate: '2026-03-05',
      pages: [
        { id: 1, label: '01', order: 1, sourceName: 'p01.txt', revisionId: 1, articles: [
          article({ id: 1, kicker: '引题 & <肩题>', title: '主题', subtitle: '副题', byline: '本报记者 某某', paragraphs: [
            { role: 'body', text: '导语。' }, { role: 'subhead', text: '小标题一' }, { role: 'body', text: '正文。' }, { role: 'subhead', text: '空的小标题' }
          ], captions: ['图为现场。'] }),
          article({ id: 2, kind: 'caption', captions: ['一张图片的说明。', '另一张。'] }),
          article({ id: 3, kind: 'fragment', approved: false, paragraphs: [{ role: 'body', text: '上接第一版的一段。' }] }),
          article({ id: 4, title: '只有小标题', paragraphs: [{ role: 'subhead', text: '一' }, { role: 'body', text: '文。' }] }),
          article({ id: 5, title: '空文' })
        ] }
      ]
    }
    const empty: ExportEdition = { id: 2, name: '空报', title: '空报', issueDate: null, pages: [] }
    const shapes = path.join(dir, 'shapes.xml')
    const none = path.join(dir, 'empty.xml')
    fs.writeFileSync(shapes, renderEditionTei(edition))
    fs.writeFileSync(none, renderEditionTei(empty))
    const result = xmllint('tei_lite.rng', [shapes, none])
    expect(result.ok, result.output).toBe(true)
    const tei = parseXml(fs.readFileSync(shapes, 'utf8'))
    expect(descendants(tei, 'figure')).toHaveLength(3)
    expect(descendants(tei, 'div').filter((d) => d.attrs.type === 'section')).toHaveLength(3)
    expect(descendants(tei, 'div').filter((d) => d.attrs.subtype === 'unapproved').map((d) => d.attrs.type)).toEqual(['fragment'])
  })

  it('the TEI Lite schema is real: a byline after a paragraph, an element TEI Lite lacks, or a missing header fail it', () => {
    const tei = fs.readFileSync(filesUnder(path.join(out, 'tei'))[0]!, 'utf8')
    const bad = path.join(dir, 'bad-tei.xml')
    const broken = [
      tei.replace(/(<byline>[^<]*<\/byline>)(\s*)(<p>[^<]*<\/p>)/, '$3$2$1'),
      tei.replace('<byline>', '<persName>').replace('</byline>', '</persName>'),
      tei.replace(/<teiHeader>[\s\S]*<\/teiHeader>/, ''),
      tei.replace('<date when="2026-03-05">', '<date when="2026-02-30">')
    ]
    for (const text of broken) {
      expect(text).not.toBe(tei)
      fs.writeFileSync(bad, text)
      expect(xmllint('tei_lite.rng', [bad]).ok).toBe(false)
    }
  })
})
