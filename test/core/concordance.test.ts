import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/core/store/database'
import { createHandlers } from '../../src/core/services'
import { listCorrections } from '../../src/core/store/queries/knowledge'
import { main } from '../../src/cli/main'
import type { Output } from '../../src/cli/output'
import type { Proposer } from '../../src/core/pipeline/proposal'
import { tempDir } from '../support/tmp'

// Fix everywhere with a concordance: every occurrence with its context, in a page, an edition or
// the store; the chosen ones fixed one revision a page with the articles carried over; the batch
// undone where the page did not move on; the same use case from the CLI.

const identity: Proposer = (text) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })
const b64 = (s: string): string => Buffer.from(s).toString('base64')
const A = '河畔公园今日开园\n园内新栽树木两千株，步道全长三公里。\n游客称赞园内树木茂盛。'
const B = '夜市延长营业时间\n夏季夜市每晚营业至二十三时，树木间挂起彩灯。'
const C = '另一份报纸\n校园里的树木开始发芽。'

async function setup() {
  const file = path.join(tempDir(), 'fix.db')
  const db = openDatabase(file)
  const api = createHandlers({ db, databasePath: file, mode: 'browser', propose: identity })
  await api.importFiles({ files: [{ name: 'a_01.txt', dataBase64: b64(A) }, { name: 'a_02.txt', dataBase64: b64(B) }], edition: '晚报' })
  await api.importFiles({ files: [{ name: 'c_01.txt', dataBase64: b64(C) }], edition: '周报' })
  return { db, file, api }
}

function capture(): Output & { stdout: string[] } {
  const stdout: string[] = []
  return { stdout, out: (l) => stdout.push(l), err: () => undefined, json: (v) => stdout.push(JSON.stringify(v)) }
}

describe('the concordance', () => {
  it('lists every occurrence with its place and context, one character too, by scope', async () => {
    const { db, api } = await setup()
    const edition = (await api.listEditions({})).find((e) => e.name === '晚报')!
    const inEdition = await api.findOccurrences({ pattern: '树木', scope: 'edition', id: edition.id })
    expect(inEdition.occurrences.map((o) => [o.pageId, o.line, o.before.slice(-2), o.after.slice(0, 2)])).toEqual([
      [1, 2, '新栽', '两千'],
      [1, 3, '园内', '茂盛'],
      [2, 2, '时，', '间挂']
    ])
    expect(inEdition.pages).toBe(2)
    expect((await api.findOccurrences({ pattern: '树木', scope: 'all' })).occurrences).toHaveLength(4)
    expect((await api.findOccurrences({ pattern: '树木', scope: 'page', id: 2 })).occurrences).toHaveLength(1)
    expect((await api.findOccurrences({ pattern: '园', scope: 'page', id: 1 })).occurrences.map((o) => o.start)).toEqual([3, 7, 9, 32])
    const limited = await api.findOccurrences({ pattern: '园', scope: 'all', limit: 2 })
    expect(limited).toMatchObject({ truncated: true })
    db.close()
  })

  it('fixes the chosen occurrences one revision a page, carries approved articles over, learns once, and undoes the batch', async () => {
    const { db, api } = await setup()
    const page1 = await api.getPage({ pageId: 1 })
    await api.updateArticles({ pageId: 1, revisionId: page1.revision.id, articles: [{ kind: 'article', startLine: 0, endLine: 3, status: 'approved' }] })
    const found = await api.findOccurrences({ pattern: '树木', scope: 'all' })
    // All but the other paper's.
    const chosen = found.occurrences.filter((o) => o.edition === '晚报').map((o) => ({ pageId: o.pageId, revisionId: o.revisionId, start: o.start }))
    const fixed = await api.applyFix({ pattern: '树木', replacement: '林木', occurrences: chosen })
    expect(fixed).toMatchObject({ occurrences: 3, skipped: 0 })
    expect(fixed.batch.map((b) => b.pageId)).toEqual([1, 2])
    const after = await api.getPage({ pageId: 1 })
    expect(after.revision.text).toBe(A.replaceAll('树木', '林木'))
    expect(after.revision.reason).toBe('fix: 树木 → 林木')
    expect(after.articles.map((a) => [a.status, a.paragraphs.some((p) => p.text.includes('林木'))])).toEqual([['approved', true]])
    expect((await api.getPage({ pageId: 3 })).revision.text).toBe(C)
    expect(listCorrections(db).filter((c) => c.original === '树木')).toHaveLength(1)

    // Page 2 edited since: its part of the undo is skipped, page 1 goes back.
    const page2 = await api.getPage({ pageId: 2 })
    await api.saveRevision({ pageId: 2, baseRevisionId: page2.revision.id, text: page2.revision.text + '\n补记' })
    expect(await api.undoFix({ batch: fixed.batch })).toEqual({ restored: 1, skipped: 1 })
    expect((await api.getPage({ pageId: 1 })).revision.text).toBe(A)
    expect((await api.getPage({ pageId: 1 })).articles[0]!.status).toBe('approved')
    expect((await api.getPage({ pageId: 2 })).revision.text).toContain('林木')

    // A stale concordance changes nothing on the page that moved on.
    const stale = await api.applyFix({ pattern: '园', replacement: '苑', occurrences: [{ pageId: 1, revisionId: page1.revision.id, start: 2 }] })
    expect(stale).toEqual({ batch: [], occurrences: 0, skipped: 1 })
    db.close()
  })

  it('is the same use case from the CLI: galley fix FROM TO --edition NAME | --all [--dry-run]', async () => {
    const { db, file } = await setup()
    db.close()
    const dry = capture()
    expect(await main(['fix', '树木', '林木', '--edition', '晚报', '--dry-run', '--db', file], dry)).toBe(0)
    expect(dry.stdout.at(-1)).toBe('3 occurrences on 2 pages (dry run: nothing changed)')
    expect(dry.stdout[0]).toMatch(/^晚报 .+:2 {2}….*\[树木\]两千/)
    const run = capture()
    expect(await main(['fix', '树木', '林木', '--all', '--db', file], run)).toBe(0)
    expect(run.stdout.at(-1)).toMatch(/^4 occurrences fixed on 3 pages/)
    const check = openDatabase(file)
    const api = createHandlers({ db: check, databasePath: file, mode: 'browser', propose: identity })
    expect((await api.findOccurrences({ pattern: '树木', scope: 'all' })).occurrences).toEqual([])
    expect(await main(['fix', '树木', '--all', '--db', file], capture())).toBe(2)
    check.close()
  })
})
