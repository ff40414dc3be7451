import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/core/store/database'
import { importPaths } from '../../src/core/import/importer'
import { pageLabelInHeader } from '../../src/core/import/pageHeader'
import { dateIn } from '../../src/core/import/naming'
import { listEditions } from '../../src/core/store/queries/editions'
import { listPages } from '../../src/core/store/queries/pages'
import { createHandlers, dispatch } from '../../src/core/services'
import { normaliseIssueDate } from '../../src/core/services/editions'
import type { Proposer } from '../../src/core/pipeline/proposal'
import { main } from '../../src/cli/main'
import type { Output } from '../../src/cli/output'
import { tempDir } from '../support/tmp'

const identity: Proposer = (text) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = []
  const errors: string[] = []
  return { lines, errors, out: (l: string) => lines.push(l), err: (l: string) => errors.push(l), json: (v: unknown) => lines.push(JSON.stringify(v)) } as Output & { lines: string[]; errors: string[] }
}

describe('page labels from the page header', () => {
  it.each([
    ['当前版: 05版\n正文第一行', '05'],
    ['某某日报\n当前版：12版\n', '12'],
    ['第05版\n要闻', '05'],
    ['  第 3 版  综合新闻\n', '03'],
    ['05版：评论\n', '05'],
    ['A3版 要闻\n', 'A03'],
    ['第五版\n', '05'],
    ['第十二版\n', '12'],
    ['港聞　2026年11月30日　星期一　A08\n本港新聞', 'A08'],
    ['B3 財經 2026-12-01 週二\n', 'B03'],
    ['當前版：07版\n', '07']
  ])('reads %j as %s', (text, label) => {
    expect(pageLabelInHeader(text)?.label).toBe(label)
  })

  it('puts every page of a section after those of the sections before it', () => {
    const order = (text: string): number => pageLabelInHeader(text)!.order
    expect(order('A12版 要闻\n')).toBeLessThan(order('B1版 财经\n'))
    expect(order('港聞　2026年11月30日　星期一　A20\n')).toBeLessThan(order('體育　2026年11月30日　星期一　B01\n'))
    expect(order('第12版\n')).toBe(12)
  })

  it('takes a letter and digits alone for a page only on a dated header line', () => {
    // An undated line, or a term with letters and digits in a dated one, names no page.
    expect(pageLabelInHeader('G20 峰会今日开幕\n')).toBeNull()
    expect(pageLabelInHeader('2026年11月30日 G20峰会开幕\n')).toBeNull()
    expect(pageLabelInHeader('C919 首飞\n2026年11月30日\n')).toBeNull()
  })

  it('ignores a page number in a long body line or below the header', () => {
    expect(pageLabelInHeader('标题\n本报讯 记者从市里获悉，相关报道详见今天本报第5版，读者可以对照阅读全部内容，也可以登录本报网站查看更多图片和视频。')).toBeNull()
    expect(pageLabelInHeader(['一', '二', '三', '四', '五', '六', '七', '八', '九', '第05版'].join('\n'))).toBeNull()
    expect(pageLabelInHeader('没有版次的页面\n正文')).toBeNull()
  })
})

describe('issue dates', () => {
  it('reads only real calendar days', () => {
    expect(dateIn('晚报_20240501')?.iso).toBe('2024-05-01')
    expect(dateIn('2024年5月1日')?.iso).toBe('2024-05-01')
    expect(dateIn('2024-02-31')).toBeNull()
    expect(dateIn('2023-02-29')).toBeNull()
    expect(dateIn('2024-02-29')?.iso).toBe('2024-02-29')
  })

  it('normalises what the editor types, and refuses what is not a date', () => {
    expect(normaliseIssueDate('20240501')).toBe('2024-05-01')
    expect(normaliseIssueDate(' 2024年5月1日 ')).toBe('2024-05-01')
    expect(normaliseIssueDate('2024.5.1')).toBe('2024-05-01')
    expect(() => normaliseIssueDate('2024-13-01')).toThrow(/not a calendar date/)
    expect(() => normaliseIssueDate('晚报 2024-05-01')).toThrow(/not a calendar date/)
  })
})

describe('edition metadata', () => {
  async function store(): Promise<{ dir: string; db: ReturnType<typeof openDatabase>; file: string }> {
    const dir = tempDir()
    const folder = path.join(dir, '城市晚报 2024年5月1日')
    fs.mkdirSync(folder)
    // The file names say nothing of the page; the headers do.
    fs.writeFileSync(path.join(folder, 'scan-a.txt'), '城市晚报\n当前版: 05版\n\n标题一\n正文第一段。\n')
    fs.writeFileSync(path.join(folder, 'scan-b.txt'), '第03版 评论\n\n标题二\n正文第二段。\n')
    fs.writeFileSync(path.join(folder, 'scan-c.txt'), '标题三\n正文第三段。\n')
    const file = path.join(dir, 'g.db')
    const db = openDatabase(file)
    const report = await importPaths(db, [folder], { propose: identity })
    expect(report.failed).toBe(0)
    return { dir, db, file }
  }

  it('takes the date from the folder and the labels from the headers, then the file names', async () => {
    const { db } = await store()
    const [edition] = listEditions(db)
    expect(edition).toMatchObject({ name: '城市晚报 2024年5月1日', issueDate: '2024-05-01' })
    const pages = listPages(db, edition!.id)
    expect(pages.map((p) => [p.sourceName, p.label])).toEqual([
      ['scan-b.txt', '03'],
      ['scan-a.txt', '05'],
      ['scan-c.txt', 'scan-c']
    ])
    db.close()
  })

  it('is set through the API, checked by the schema, the service and the database', async () => {
    const { db, file } = await store()
    const handlers = createHandlers({ db, databasePath: file, mode: 'browser' })
    const editionId = listEditions(db)[0]!.id
    expect(await dispatch(handlers, 'setEditionMetadata', { editionId, title: '城市晚报', issueDate: '2024年5月2日' })).toMatchObject({
      ok: true,
      result: { id: editionId, title: '城市晚报', issueDate: '2024-05-02' }
    })
    expect(await dispatch(handlers, 'setEditionMetadata', { editionId, issueDate: 'soon' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(await dispatch(handlers, 'setEditionMetadata', { editionId, title: '  ' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(await dispatch(handlers, 'setEditionMetadata', { editionId })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(await dispatch(handlers, 'setEditionMetadata', { editionId: 999, title: 'x' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await dispatch(handlers, 'setEditionMetadata', { editionId, issueDate: null })).toMatchObject({ ok: true, result: { issueDate: null, title: '城市晚报' } })
    const page = listPages(db)[2]!
    expect(await dispatch(handlers, 'setPageLabel', { pageId: page.id, label: '07' })).toMatchObject({ ok: true, result: { id: page.id, label: '07' } })
    // Whoever writes, the database refuses a value out of shape.
    expect(() => db.prepare('UPDATE editions SET issue_date = ? WHERE id = ?').run('2024-02-31', editionId)).toThrow(/invalid edition/)
    expect(() => db.prepare('UPDATE editions SET title = ? WHERE id = ?').run('', editionId)).toThrow(/invalid edition/)
    expect(() => db.prepare('UPDATE pages SET label = ? WHERE id = ?').run(' ', page.id)).toThrow(/invalid page label/)
    expect(listEditions(db)[0]).toMatchObject({ title: '城市晚报', issueDate: null })
    db.close()
  })

  it('is set from the CLI and shown by galley editions --json', async () => {
    const { db, file } = await store()
    db.close()
    const set = capture()
    expect(await main(['edition', 'set', '城市晚报 2024年5月1日', '--date', '20240503', '--title', '城市晚报', '--db', file], set)).toBe(0)
    expect(set.lines[0]).toContain('2024-05-03')
    const list = capture()
    expect(await main(['editions', '--json', '--db', file], list)).toBe(0)
    expect(JSON.parse(list.lines[0]!)[0]).toMatchObject({ title: '城市晚报', issueDate: '2024-05-03' })
    const bad = capture()
    expect(await main(['edition', 'set', '城市晚报 2024年5月1日', '--date', '2024-02-30', '--db', file], bad)).toBe(2)
    expect(bad.errors.join('\n')).toMatch(/2024-02-30.*not a calendar date/)
    expect(await main(['edition', 'set', 'no such edition', '--title', 'x', '--db', file], capture())).toBe(1)
    expect(await main(['edition', 'set', '--db', file], capture())).toBe(2)
    const label = capture()
    const pageId = 3
    expect(await main(['edition', 'label', String(pageId), 'A1', '--json', '--db', file], label)).toBe(0)
    expect(JSON.parse(label.lines[0]!)).toMatchObject({ id: pageId, label: 'A1' })
  })
})
