import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/core/store/database'
import { importPaths } from '../../src/core/import/importer'
import { listEditions } from '../../src/core/store/queries/editions'
import { listPages } from '../../src/core/store/queries/pages'
import { currentText } from '../../src/core/store/queries/revisions'
import type { Proposer } from '../../src/core/pipeline/proposal'
import { gb18030Bytes } from '../support/gb18030'
import { SAMPLES, tempDir } from '../support/tmp'

const identity: Proposer = (text) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })
const PAGE = '城南街道启动老旧小区改造\r\n\r\n本报讯（记者 王小明）近日，城南街道三个社区试点加装电梯。\r\n'

function counts(db: ReturnType<typeof openDatabase>): Record<string, number> {
  const n = (t: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n
  return { pages: n('pages'), revisions: n('revisions'), editions: n('editions') }
}

describe('import', () => {
  it('imports the sample folder and changes nothing the second time', async () => {
    const db = openDatabase(path.join(tempDir(), 'g.db'))
    const first = await importPaths(db, [SAMPLES], { edition: '样例', propose: identity })
    expect(first.imported).toBe(fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).length)
    expect(first.failed).toBe(0)
    const before = counts(db)
    const second = await importPaths(db, [SAMPLES], { edition: '样例', propose: identity })
    expect(second.imported).toBe(0)
    expect(second.unchanged).toBe(first.imported)
    expect(counts(db)).toEqual(before)
    const pages = listPages(db)
    expect(pages.map((p) => p.order)).toEqual([...pages.map((p) => p.order)].sort((a, b) => a - b))
    db.close()
  })

  it('stores the import revision of an LF page as a reference to its original, and a CRLF page\'s normalised text as a copy', async () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'b_01.txt'), PAGE.replace(/\r\n/g, '\n'))
    fs.writeFileSync(path.join(dir, 'b_02.txt'), PAGE.replace('近日', '昨日'))
    const db = openDatabase(path.join(tempDir(), 'g.db'))
    const report = await importPaths(db, [dir], { propose: identity })
    expect(report.imported).toBe(2)
    const rows = db
      .prepare("SELECT p.source_name AS name, r.is_original AS ref, length(r.text) AS stored, v.text = p.original_text AS same FROM revision_rows r JOIN revisions v ON v.id = r.id JOIN pages p ON p.id = r.page_id WHERE r.reason = 'import' ORDER BY p.source_name")
      .all()
    expect(rows).toEqual([
      { name: 'b_01.txt', ref: 1, stored: 0, same: 1 },
      { name: 'b_02.txt', ref: 0, stored: PAGE.replace(/\r\n/g, '\n').length, same: 0 }
    ])
    for (const page of listPages(db)) expect(currentText(db, page.id)).toBe(PAGE.replace(/\r\n/g, '\n').replace('近日', page.sourceName === 'b_02.txt' ? '昨日' : '近日'))
    db.close()
  })

  it('detects and records every encoding, keeps the original, and normalises line endings in the working text', async () => {
    const dir = tempDir()
    const files: Record<string, Buffer> = {
      'a_01.txt': Buffer.from(PAGE, 'utf8'),
      'a_02.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PAGE.replace('近日', '昨日'), 'utf8')]),
      'a_03.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PAGE.replace('近日', '前日'), 'utf16le')]),
      'a_04.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(PAGE.replace('近日', '今日'), 'utf16le').swap16()]),
      'a_05.txt': gb18030Bytes(PAGE.replace('近日', '日前').replace(/\r\n/g, '\r'))
    }
    for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), bytes)
    const db = openDatabase(path.join(tempDir(), 'g.db'))
    const report = await importPaths(db, [dir], { propose: identity })
    expect(report.failed).toBe(0)
    expect(report.items.map((i) => i.encoding)).toEqual(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030'])
    const rows = db.prepare('SELECT id, original_text AS original, encoding FROM pages ORDER BY page_order').all() as { id: number; original: string }[]
    expect(rows[0]!.original).toBe(PAGE)
    for (const row of rows) {
      expect(row.original).toMatch(/\r/)
      const working = currentText(db, row.id)!
      expect(working).not.toMatch(/\r/)
      expect(working).toContain('城南街道启动老旧小区改造\n\n本报讯')
    }
    db.close()
  })

  it('reports every bad input in one line and imports the rest of the batch', async () => {
    const dir = tempDir()
    const bad = path.join(dir, 'bad')
    fs.mkdirSync(bad)
    fs.writeFileSync(path.join(bad, 'empty.txt'), '')
    fs.writeFileSync(path.join(bad, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]))
    fs.writeFileSync(path.join(bad, 'undecodable.txt'), Buffer.from([0xff, 0xfe, 0xfd, 0x81, 0xff, 0x80, 0x41]).subarray(2))
    fs.writeFileSync(path.join(bad, 'huge.txt'), Buffer.alloc(20 * 1024 * 1024 + 10, 0x61))
    fs.writeFileSync(path.join(bad, 'good_02.txt'), PAGE)
    const emptyFolder = path.join(dir, 'nothing-here')
    fs.mkdirSync(emptyFolder)
    fs.writeFileSync(path.join(emptyFolder, 'notes.md'), '# not a page')
    const db = openDatabase(path.join(tempDir(), 'g.db'))
    const report = await importPaths(db, [bad, emptyFolder, path.join(dir, 'missing.txt')], { propose: identity })
    expect(report.imported).toBe(1)
    const reasons = Object.fromEntries(report.items.filter((i) => i.status === 'failed').map((i) => [path.basename(i.source), i.reason]))
    expect(reasons['empty.txt']).toMatch(/empty/)
    expect(reasons['binary.txt']).toMatch(/binary/)
    expect(reasons['undecodable.txt']).toMatch(/undecodable/)
    expect(reasons['huge.txt']).toMatch(/too large/)
    expect(reasons['nothing-here']).toMatch(/no \.txt/)
    expect(reasons['missing.txt']).toMatch(/no such file/)
    for (const reason of Object.values(reasons)) expect(reason).not.toMatch(/\n/)
    expect(counts(db).pages).toBe(1)
    db.close()
  })

  it('never leaves half a page when storing fails', async () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'p_01.txt'), PAGE)
    fs.writeFileSync(path.join(dir, 'p_02.txt'), PAGE + '第二版')
    const db = openDatabase(path.join(tempDir(), 'g.db'))
    let calls = 0
    const failing: Proposer = (text) => ({
      ...identity(text),
      workingText: text + '!',
      // The second page's proposal has an article of an invalid kind: the insert fails mid-page.
      articles: ++calls === 2 ? [{ kind: 'bogus' as never, startLine: 0, endLine: 1, kicker: null, title: '', subtitle: null, headings: [], byline: null, paragraphs: [], captions: [], flags: [], confidence: 1 }] : []
    })
    const report = await importPaths(db, [dir], { propose: failing })
    expect(report.imported).toBe(1)
    expect(report.failed).toBe(1)
    expect(report.items[1]!.reason).toMatch(/cannot store page/)
    expect(counts(db)).toEqual({ pages: 1, revisions: 2, editions: 1 })
    db.close()
  })

  it('names editions after the folder or a date in the file name, unless told', async () => {
    const dir = tempDir()
    const folder = path.join(dir, '晚报2024春')
    fs.mkdirSync(folder)
    fs.writeFileSync(path.join(folder, '03版.txt'), PAGE)
    fs.writeFileSync(path.join(folder, '01版.txt'), PAGE + '一')
    fs.writeFileSync(path.join(dir, '2024-03-05_p02.txt'), PAGE + '二')
    const db = openDatabase(path.join(tempDir(), 'g.db'))
    await importPaths(db, [folder, path.join(dir, '2024-03-05_p02.txt')], { propose: identity })
    const editions = listEditions(db)
    expect(editions.map((e) => [e.name, e.issueDate])).toEqual([
      ['2024-03-05', '2024-03-05'],
      ['晚报2024春', null]
    ])
    const spring = listPages(db, editions[1]!.id)
    expect(spring.map((p) => p.label)).toEqual(['01', '03'])
    db.close()
  })
})
