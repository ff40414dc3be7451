import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/core/store/database'
import { importPaths } from '../../src/core/import/importer'
import { readOcrText } from '../../src/core/import/ocr'
import { createServices } from '../../src/core/services'
import { getPageGeometry, getPageImage } from '../../src/core/store/queries/scans'
import { getPageRow } from '../../src/core/store/queries/pages'
import { mediaFolder, mediaPath } from '../../src/core/media/mediaStore'
import type { Proposer } from '../../src/core/pipeline/proposal'
import { tempDir } from '../support/tmp'

// Real Tesseract output (test/fixtures/ocr, remade by scripts/ocr-fixtures/make.py), real files,
// real SQLite.
const OCR = path.resolve(__dirname, '../fixtures/ocr')
const P2 = '示例晚报_2026-03-05_02版'
const P3 = '示例晚报_2026-03-05_03版'
const identity: Proposer = (text) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')
const count = (db: Db, table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n

function fixture(name: string): string {
  return fs.readFileSync(path.join(OCR, name), 'utf8')
}

function folderWith(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir()
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content)
  return dir
}

describe('reading OCR output', () => {
  it('reads the same page alike from ALTO, hOCR and PAGE 2013/2019', () => {
    for (const page of [P2, P3]) {
      const alto = readOcrText(fixture(`${page}.alto.xml`))
      const hocr = readOcrText(fixture(`${page}.hocr`))
      const p2013 = readOcrText(fixture(`${page}.page2013.xml`))
      const p2019 = readOcrText(fixture(`${page}.page2019.xml`))
      expect(alto.geometry.version).toBe('ALTO v3')
      expect(hocr.geometry.version).toBe('hOCR')
      expect(p2013.geometry.version).toBe('PAGE 2013-07-15')
      expect(p2019.geometry.version).toBe('PAGE 2019-07-15')
      for (const other of [hocr, p2013, p2019]) {
        expect(other.text).toBe(alto.text)
        expect(other.geometry.lines.length).toBe(alto.geometry.lines.length)
      }
      expect(alto.geometry.imageName).toMatch(new RegExp(`^${page}\\.(png|jpg)$`))
      expect(hocr.geometry.imageName).toBe(alto.geometry.imageName)
      expect([alto.geometry.width, alto.geometry.height]).toEqual([1240, 1754])
    }
  })

  it('lays the text out as text pages are: paragraphs apart by blank lines, printed lines joined, offsets and boxes for every line', () => {
    const { text, geometry } = readOcrText(fixture(`${P3}.alto.xml`))
    const truth = JSON.parse(fixture(`${P3}.truth.json`)) as { articles: { title: string }[] }
    // the title printed over two lines is one line of text
    expect(text.split('\n')).toContain(truth.articles[0]!.title)
    expect(text).not.toMatch(/\n{3}/)
    expect(text).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/)
    let previousEnd = 0
    for (const line of geometry.lines) {
      expect(line.start).toBeGreaterThanOrEqual(previousEnd)
      expect(line.end).toBeGreaterThan(line.start)
      expect(text.slice(line.start, line.end)).not.toContain('\n')
      const [x, y, w, h] = line.box!
      expect(x).toBeGreaterThanOrEqual(0)
      expect(y).toBeGreaterThanOrEqual(0)
      expect(x + w).toBeLessThanOrEqual(geometry.width)
      expect(y + h).toBeLessThanOrEqual(geometry.height)
      previousEnd = line.end
    }
    // every word's offsets hold its text from the file
    expect(geometry.words.length).toBeGreaterThan(300)
    for (const block of geometry.blocks) expect(text.slice(block.start, block.end).trim()).not.toBe('')
    // the column break: the paragraph that ends a column and the one that starts the next are two blocks
    const breakAt = geometry.blocks.findIndex((b, i) => i > 0 && b.box![1] < geometry.blocks[i - 1]!.box![1] && b.box![0] > geometry.blocks[i - 1]!.box![0] + 200)
    expect(breakAt).toBeGreaterThan(0)
  })

  it('follows a PAGE reading order that differs from the order of the regions in the file', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">
 <Metadata><Creator>t</Creator><Created>2026-01-01T00:00:00</Created><LastChange>2026-01-01T00:00:00</LastChange></Metadata>
 <Page imageFilename="scan.tif" imageWidth="100" imageHeight="100">
  <ReadingOrder><OrderedGroup id="g"><RegionRefIndexed index="1" regionRef="a"/><RegionRefIndexed index="0" regionRef="b"/></OrderedGroup></ReadingOrder>
  <TextRegion id="a" type="paragraph"><Coords points="0,50 100,50 100,60 0,60"/><TextLine id="a1"><Coords points="0,50 100,50 100,60 0,60"/><TextEquiv><Unicode>后读的段落。</Unicode></TextEquiv></TextLine></TextRegion>
  <TextRegion id="b" type="header"><Coords points="0,0 100,0 100,10 0,10"/><TextLine id="b1"><Coords points="0,0 100,0 100,10 0,10"/><TextEquiv><Unicode>先读的标题 &amp; 书眉</Unicode></TextEquiv></TextLine></TextRegion>
 </Page>
</PcGts>`
    const { text, geometry } = readOcrText(xml)
    expect(text).toBe('先读的标题 & 书眉\n\n后读的段落。')
    expect(geometry.blocks.map((b) => b.area)).toEqual(['margin', 'text'])
    expect(geometry.imageName).toBe('scan.tif')
  })
})

describe('importing OCR output', () => {
  it('imports an ALTO page with its scan: the derived text as the original, the geometry beside it, the scan in media/ by its SHA-256', async () => {
    const jpg = fs.readFileSync(path.join(OCR, `${P3}.jpg`))
    const dir = folderWith({ [`${P3}.alto.xml`]: fixture(`${P3}.alto.xml`), [`${P3}.jpg`]: jpg })
    const dbFile = path.join(tempDir(), 'g.db')
    const db = openDatabase(dbFile)
    const report = await importPaths(db, [dir], { propose: identity })
    expect(report).toMatchObject({ imported: 1, failed: 0 })
    const pageId = report.items[0]!.pageId!
    const row = getPageRow(db, pageId)!
    expect(row.originalText).toBe(readOcrText(fixture(`${P3}.alto.xml`)).text)
    expect(row.sha256).toBe(sha(fs.readFileSync(path.join(dir, `${P3}.alto.xml`))))
    const geometry = getPageGeometry(db, pageId)!
    expect(geometry.format).toBe('alto')
    expect(geometry.lines.length).toBeGreaterThan(40)
    const image = getPageImage(db, pageId)!
    expect(image).toMatchObject({ sha256: sha(jpg), mediaType: 'image/jpeg', width: 1240, height: 1754, sourceName: `${P3}.jpg` })
    const stored = mediaPath(mediaFolder(dbFile), image.sha256, image.mediaType)
    expect(fs.readFileSync(stored).equals(jpg)).toBe(true)
    // geometry and image rows are as immutable as the original
    expect(() => db.prepare("UPDATE page_geometry SET geometry_json = '{}'").run()).toThrow(/immutable/)
    expect(() => db.prepare('UPDATE page_images SET width = 1').run()).toThrow(/immutable/)
    // the same files again change nothing
    const again = await importPaths(db, [dir], { propose: identity })
    expect(again).toMatchObject({ imported: 0, unchanged: 1 })
    expect(count(db, 'page_images')).toBe(1)
    db.close()
  })

  it('finds the scan by the page file\'s base name when the XML names none, and keeps one copy of a scan two pages share', async () => {
    const png = fs.readFileSync(path.join(OCR, `${P2}.png`))
    const hocr = fixture(`${P2}.hocr`).replace(/image "[^"]*"; /, '')
    const dir = folderWith({ 'p02.hocr': hocr, 'p02.png': png, 'p02b.txt': '另一版的文字。\n', 'p02b.PNG': png })
    const dbFile = path.join(tempDir(), 'g.db')
    const db = openDatabase(dbFile)
    const report = await importPaths(db, [dir], { propose: identity, edition: '测试' })
    expect(report).toMatchObject({ imported: 2, failed: 0 })
    for (const item of report.items) expect(getPageImage(db, item.pageId!)!.sha256).toBe(sha(png))
    const files = fs.readdirSync(mediaFolder(dbFile), { recursive: true }).filter((f) => String(f).endsWith('.png'))
    expect(files).toHaveLength(1)
    // a plain text page without a scan has neither
    db.close()
  })

  it('imports uploads (the dialog and drag and drop) with their scans matched by name in the same folder of the upload, whichever request brought them', async () => {
    const png = fs.readFileSync(path.join(OCR, `${P2}.png`))
    const dbFile = path.join(tempDir(), 'g.db')
    const db = openDatabase(dbFile)
    const { handlers } = createServices({ db, databasePath: dbFile, mode: 'browser', propose: identity })
    const job = await handlers.startImport({ edition: '上传' })
    await handlers.sendImportFiles({ jobId: job.jobId, files: [{ name: `${P2}.page2019.xml`, folder: 'a', dataBase64: Buffer.from(fixture(`${P2}.page2019.xml`)).toString('base64') }] })
    // The same scan name in another folder of the upload is not this page's.
    await handlers.sendImportFiles({ jobId: job.jobId, files: [{ name: `${P2}.png`, folder: 'b', dataBase64: Buffer.from('not this one').toString('base64') }] })
    await handlers.sendImportFiles({ jobId: job.jobId, files: [{ name: `${P2}.png`, folder: 'a', dataBase64: png.toString('base64') }] })
    await handlers.runImport({ jobId: job.jobId })
    let status = await handlers.importStatus({ jobId: job.jobId })
    while (!['done', 'failed', 'cancelled'].includes(status.state)) {
      await new Promise((r) => setTimeout(r, 10))
      status = await handlers.importStatus({ jobId: job.jobId })
    }
    const report = status.report!
    expect(report).toMatchObject({ imported: 1, failed: 0 })
    expect(getPageGeometry(db, report.items[0]!.pageId!)!.version).toBe('PAGE 2019-07-15')
    expect(getPageImage(db, report.items[0]!.pageId!)!.sha256).toBe(sha(png))
    db.close()
  })

  const hostile: Record<string, string> = {
    'laughs.xml': `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><alto><Layout><Page><PrintSpace><TextBlock><TextLine><String CONTENT="&lol2;"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>`,
    'external.xml': `<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><alto><Layout><Page><PrintSpace><TextBlock><TextLine><String CONTENT="&xxe;"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>`,
    'huge-attribute.xml': `<alto><Layout><Page><PrintSpace><TextBlock><TextLine><String CONTENT="${'字'.repeat(1_100_000)}"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>`,
    'deep.xml': `<alto>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</alto>`,
    'broken.xml': fixture(`${P2}.alto.xml`).slice(0, 3000),
    'not-ocr.xml': '<?xml version="1.0"?><rss><channel><title>新闻</title></channel></rss>',
    'bad-coordinate.xml': fixture(`${P2}.alto.xml`).replace(/(<String ID="string_3" )HPOS="\d+"/, '$1HPOS="left"'),
    'two-pages.hocr': fixture(`${P2}.hocr`).replace('</body>', `<div class='ocr_page' title='bbox 0 0 10 10'></div></body>`),
    'no-text.xml': '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page WIDTH="10" HEIGHT="10"><PrintSpace/></Page></Layout></alto>'
  }

  it('refuses malformed and hostile XML with one line each, writes nothing for them, and goes on with the batch', async () => {
    const dir = folderWith({ ...hostile, 'good.xml': fixture(`${P2}.alto.xml`) })
    const dbFile = path.join(tempDir(), 'g.db')
    const db = openDatabase(dbFile)
    const report = await importPaths(db, [dir], { propose: identity, edition: '坏文件' })
    expect(report.items.filter((i) => i.status === 'imported').map((i) => path.basename(i.source))).toEqual(['good.xml'])
    expect(report.failed).toBe(Object.keys(hostile).length)
    const reasons = Object.fromEntries(report.items.filter((i) => i.status === 'failed').map((i) => [path.basename(i.source), i.reason!]))
    for (const reason of Object.values(reasons)) {
      expect(reason).not.toContain('\n')
      expect(reason.length).toBeLessThan(200)
    }
    expect(reasons['laughs.xml']).toMatch(/internal DTD/)
    expect(reasons['external.xml']).toMatch(/internal DTD/)
    expect(reasons['huge-attribute.xml']).toMatch(/attribute CONTENT .* characters long/)
    expect(reasons['deep.xml']).toMatch(/nested|malformed/)
    expect(reasons['broken.xml']).toMatch(/^malformed XML/)
    expect(reasons['not-ocr.xml']).toMatch(/neither ALTO, hOCR nor PAGE \(root element <rss>\)/)
    expect(reasons['bad-coordinate.xml']).toMatch(/HPOS is not a coordinate \(left\)/)
    expect(reasons['two-pages.hocr']).toMatch(/2 pages/)
    expect(reasons['no-text.xml']).toMatch(/without any text/)
    expect(count(db, 'pages')).toBe(1)
    expect(count(db, 'page_geometry')).toBe(1)
    expect(fs.existsSync(mediaFolder(dbFile))).toBe(false)
    db.close()
  })

  it('imports a page whose scan is not an image, or is cut short, without it: one line each naming the scan and the reason', async () => {
    const jpeg = fs.readFileSync(path.join(OCR, `${P3}.jpg`))
    const png = fs.readFileSync(path.join(OCR, `${P2}.png`))
    const dir = folderWith({
      'p01.txt': '本报讯 今天天气晴朗。\n',
      'p01.png': 'not a png at all',
      'p02.txt': '本报讯 明天多云。\n',
      'p02.jpg': jpeg.subarray(0, jpeg.length >> 1),
      'p03.txt': '本报讯 后天有雨。\n',
      'p03.png': png.subarray(0, png.length - 100),
      // what some cameras append after the end marker is let be
      'p04.txt': '本报讯 周末放晴。\n',
      'p04.jpg': Buffer.concat([jpeg, Buffer.from('camera trailer')]),
      'p05.txt': '本报讯 下周降温。\n',
      'p05.png': Buffer.concat([png, Buffer.from('trailing bytes')])
    })
    const dbFile = path.join(tempDir(), 'g.db')
    const db = openDatabase(dbFile)
    const report = await importPaths(db, [dir], { propose: identity, edition: '坏图' })
    expect(report.imported).toBe(5)
    expect(report.failed).toBe(3)
    const failures = report.items.filter((i) => i.status === 'failed').map((i) => `${path.basename(i.source)}: ${i.reason}`)
    expect(failures).toEqual([
      'p01.png: not a PNG, JPEG, TIFF, WebP or PDF file (p01.txt is imported without it)',
      'p02.jpg: the JPEG file is cut short (no end marker after its pixels) (p02.txt is imported without it)',
      'p03.png: the PNG file is cut short (no IEND chunk at its end) (p03.txt is imported without it)'
    ])
    expect(report.items.filter((i) => i.status === 'failed').every((i) => i.source.startsWith(dir))).toBe(true)
    expect(count(db, 'pages')).toBe(5)
    expect(count(db, 'page_images')).toBe(2)
    // only the whole scans are stored
    expect((fs.readdirSync(mediaFolder(dbFile), { recursive: true }) as string[]).filter((f) => /\.(png|jpg)$/.test(f))).toHaveLength(2)
    db.close()
  })

  const tesseract = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' })
  const hasTesseract = tesseract.status === 0 && /chi_sim/.test(tesseract.stdout)
  it.skipIf(!hasTesseract)('imports what the installed Tesseract writes now, ALTO and hOCR alike (skipped without tesseract chi_sim)', async () => {
    const dir = tempDir()
    fs.copyFileSync(path.join(OCR, `${P2}.png`), path.join(dir, 'scan.png'))
    execFileSync('tesseract', [path.join(dir, 'scan.png'), path.join(dir, 'scan'), '-l', 'chi_sim', 'alto', 'hocr'], { stdio: 'ignore' })
    fs.renameSync(path.join(dir, 'scan.xml'), path.join(dir, 'scan.alto.xml'))
    const alto = readOcrText(fs.readFileSync(path.join(dir, 'scan.alto.xml'), 'utf8'))
    const hocr = readOcrText(fs.readFileSync(path.join(dir, 'scan.hocr'), 'utf8'))
    expect(hocr.text).toBe(alto.text)
    const db = openDatabase(path.join(tempDir(), 'g.db'))
    const report = await importPaths(db, [path.join(dir, 'scan.alto.xml')], { propose: identity, edition: '实时' })
    expect(report).toMatchObject({ imported: 1, failed: 0 })
    expect(getPageImage(db, report.items[0]!.pageId!)!.sha256).toBe(sha(fs.readFileSync(path.join(dir, 'scan.png'))))
    db.close()
  })
})
