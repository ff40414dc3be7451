import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeArchive } from '../../bench/synthetic'
import { openDatabase } from '../../src/core/store/database'
import { createHandlers } from '../../src/core/services'
import { assertBuilt, callApi, collect, galley, invariants, serve } from '../support/galleyProcess'
import { removeDir, suiteDir } from '../support/tmp'

const identity = (text: string) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })

describe('one database, several processes', () => {
  let dir: string
  beforeAll(() => {
    assertBuilt()
    dir = suiteDir('galley-concurrency-')
  })
  afterAll(() => removeDir(dir))

  it('imports, edits and searches from three processes at once without "database is locked"', async () => {
    const db = path.join(dir, 'shared.db')
    const seedArchive = path.join(dir, 'seed')
    writeArchive(seedArchive, { seed: 5, pages: 16 })
    expect((await collect(galley(['import', seedArchive, '--db', db]))).code).toBe(0)
    const archive = path.join(dir, 'big')
    writeArchive(archive, { seed: 6, pages: 400 })

    const editor = await serve(db)
    const searcher = await serve(db)
    const importer = collect(galley(['import', archive, '--db', db]))
    let importing = true
    void importer.then(() => (importing = false))

    const pages = (await callApi(editor.port, editor.token, 'listPages', {})).body.result as { id: number }[]
    const failures: string[] = []
    let saves = 0
    let searches = 0
    const edits = (async () => {
      for (let i = 0; importing || i < 30; i++) {
        const pageId = pages[i % pages.length]!.id
        const page = await callApi(editor.port, editor.token, 'getPage', { pageId })
        const saved = await callApi(editor.port, editor.token, 'saveRevision', {
          pageId,
          baseRevisionId: page.body.result.revision.id,
          text: page.body.result.revision.text + `\n并发编辑${i}`
        })
        if (saved.body.ok) saves++
        else failures.push(`save: ${saved.body.error?.message}`)
      }
    })()
    const finds = (async () => {
      const terms = ['社', '社区', '志愿服务', '的', '年']
      for (let i = 0; importing || i < 30; i++) {
        const found = await callApi(searcher.port, searcher.token, 'search', { query: terms[i % terms.length]! })
        if (found.body.ok) searches++
        else failures.push(`search: ${found.body.error?.message}`)
      }
    })()
    const [imported] = await Promise.all([importer, edits, finds])
    editor.child.kill('SIGTERM')
    searcher.child.kill('SIGTERM')

    expect(imported.stderr).not.toMatch(/locked|busy/i)
    expect(imported.code).toBe(0)
    expect(failures).toEqual([])
    expect(saves).toBeGreaterThanOrEqual(30)
    expect(searches).toBeGreaterThanOrEqual(30)
    expect(invariants(db)).toMatchObject({ integrity: 'ok', pages: 416, indexed: 416, broken: 0 })
    console.log(`concurrency: 400-page import alongside ${saves} saves and ${searches} searches, no lock errors`)
    // A guard against a hang, not a speed check (the 400-page import runs beside the saves).
  }, 240_000)

  it('refuses the later of two saves made on the same revision (no lost update)', async () => {
    const file = path.join(dir, 'lost-update.db')
    const a = openDatabase(file)
    const b = openDatabase(file)
    const ha = createHandlers({ db: a, databasePath: file, mode: 'browser', propose: identity })
    const hb = createHandlers({ db: b, databasePath: file, mode: 'browser', propose: identity })
    const data = Buffer.from('社区新闻。').toString('base64')
    await ha.importFiles({ files: [{ name: '01.txt', dataBase64: data }] })
    const pageA = await ha.getPage({ pageId: 1 })
    const pageB = await hb.getPage({ pageId: 1 })
    await ha.saveRevision({ pageId: 1, baseRevisionId: pageA.revision.id, text: '甲的修改' })
    const late = await (async () => hb.saveRevision({ pageId: 1, baseRevisionId: pageB.revision.id, text: '乙的修改' }))().then(
      () => null,
      (error: { code?: string }) => error
    )
    expect(late?.code).toBe('conflict')
    expect((await hb.getPage({ pageId: 1 })).revision.text).toBe('甲的修改')
    a.close()
    b.close()
  })
})
