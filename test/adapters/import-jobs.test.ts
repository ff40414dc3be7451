import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../src/core/services'
import { openDatabase, type Db } from '../../src/core/store/database'
import { startServer, type RunningServer } from '../../src/server/server'
import { listPages } from '../../src/core/store/queries/pages'
import { pagesWithStaleSuggestions } from '../../src/core/store/queries/suggestions'
import { getPageImage } from '../../src/core/store/queries/scans'
import { checkDatabase } from '../../src/core/store/backup'
import { openAppSession } from '../../src/core/services/session'
import type { ImportJob } from '../../src/shared/types'
import { removeDir, suiteDir } from '../support/tmp'

// The app's import as a job over HTTP, on a real SQLite file, with the standard analysis on
// worker threads: files sent in batches and kept on disk until the import takes them, progress
// by file, failures by name, one suggestion pass at the end, and a cancel that keeps the pages
// stored and imports nothing more.

const OCR = path.resolve(__dirname, '../fixtures/ocr')
const P2 = '示例晚报_2026-03-05_02版'

function pageText(n: number): string {
  const lines = [`第${n}版要闻`, '', `社区新闻第${n}篇 城南街道启动老旧小区改造`, '', `本报讯（记者 王小明）城南街道启动老旧小区改造，第${n}个社区试点加装电梯，居民反映良好。`]
  return lines.join('\n') + '\n'
}

const b64 = (data: string | Uint8Array): string => Buffer.from(data).toString('base64')
const BINARY = new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256))

let dir: string
let dbPath: string
let db: Db
let services: Services
let server: RunningServer

beforeEach(async () => {
  dir = suiteDir('galley-import-jobs-')
  dbPath = path.join(dir, 'galley.db')
  db = openDatabase(dbPath)
  services = createServices({ db, databasePath: dbPath, mode: 'browser' })
  server = await startServer({ handlers: services.handlers, rendererRoot: dir })
})

afterEach(async () => {
  await services.imports.stopAll()
  await server.close()
  db.close()
  removeDir(dir)
})

async function call<T>(method: string, args: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Galley-Token': server.token },
    body: JSON.stringify(args)
  })
  const body = (await res.json()) as { ok: boolean; result: T; error?: { code: string; message: string } }
  if (!body.ok) throw new Error(`${method}: ${body.error?.code}: ${body.error?.message}`)
  return body.result
}

/** Every status the window would have seen, polling, until the job ends. */
async function follow(jobId: number, until?: (job: ImportJob) => boolean): Promise<ImportJob[]> {
  const seen: ImportJob[] = []
  for (;;) {
    const job = await call<ImportJob>('importStatus', { jobId })
    seen.push(job)
    if (!['receiving', 'running', 'checking'].includes(job.state) || until?.(job)) return seen
    await new Promise((r) => setTimeout(r, 5))
  }
}

const stagingFolders = (): string[] => fs.readdirSync(dir).filter((n) => n.startsWith('.galley-import-'))

describe('import as a job', () => {
  it('imports an upload sent in batches, with a bad file in the middle of a batch, its scan from another batch, and one suggestion pass at the end', async () => {
    const started = await call<ImportJob>('startImport', { edition: '晚报' })
    expect(started).toMatchObject({ state: 'receiving', origin: 'upload', received: 0 })
    expect(stagingFolders()).toHaveLength(1)
    // Batch 1: two pages, a binary file between them, a file the window could not read, and an OCR page whose scan comes later.
    await call('sendImportFiles', {
      jobId: started.jobId,
      files: [
        { name: 'a_01.txt', folder: '三月', dataBase64: b64(pageText(1)) },
        { name: 'b_02.txt', folder: '三月', dataBase64: b64(BINARY) },
        { name: 'c_03.txt', folder: '三月', refused: 'cannot read the file: NotReadableError' },
        { name: 'd_04.txt', folder: '三月', dataBase64: b64(pageText(4)) },
        { name: 'e_05.txt', folder: '三月', dataBase64: 'not base64!' },
        { name: `${P2}.page2019.xml`, folder: '三月', dataBase64: b64(fs.readFileSync(path.join(OCR, `${P2}.page2019.xml`))) }
      ]
    })
    // Batch 2: more pages and the scan of the OCR page.
    const files = Array.from({ length: 30 }, (_, i) => ({ name: `f_${String(i + 10).padStart(2, '0')}.txt`, folder: '三月', dataBase64: b64(pageText(i + 10)) }))
    const afterSend = await call<ImportJob>('sendImportFiles', { jobId: started.jobId, files: [...files, { name: `${P2}.png`, folder: '三月', dataBase64: b64(fs.readFileSync(path.join(OCR, `${P2}.png`))) }] })
    expect(afterSend.state).toBe('receiving')
    // Nothing is imported before runImport.
    expect(listPages(db)).toHaveLength(0)
    const running = await call<ImportJob>('runImport', { jobId: started.jobId })
    expect(running.state).toBe('running')
    const seen = await follow(started.jobId)
    const last = seen.at(-1)!
    expect(last.state).toBe('done')
    expect(last).toMatchObject({ imported: 33, unchanged: 0, failed: 3, total: 36, done: 36, current: null, notImported: 0, error: null })
    expect(last.failures.map((f) => f.source)).toEqual(['三月/b_02.txt', '三月/c_03.txt', '三月/e_05.txt'])
    expect(last.failures[0]!.reason).toMatch(/binary|undecodable/)
    expect(last.failures[1]!.reason).toBe('cannot read the file: NotReadableError')
    expect(last.failures[2]!.reason).toMatch(/not valid base64/)
    // Progress as the window sees it: never more done than total, a file named while running, then the one pass.
    for (const s of seen) expect(s.done).toBeLessThanOrEqual(Math.max(s.total, s.done))
    const checking = seen.filter((s) => s.state === 'checking')
    for (const s of checking) expect(s.done).toBe(36)
    expect(last.toCheck).toBe(33)
    expect(last.checked).toBe(33)
    expect(pagesWithStaleSuggestions(db)).toEqual([])
    // The pages, in their edition, the OCR page with the scan sent in the other batch.
    const pages = listPages(db)
    expect(pages).toHaveLength(33)
    const ocr = pages.find((p) => p.sourceName === `${P2}.page2019.xml`)!
    expect(getPageImage(db, ocr.id)?.mediaType).toBe('image/png')
    // The upload's folder is gone; the job's report names every file.
    expect(stagingFolders()).toEqual([])
    expect(last.report!.items).toHaveLength(36)
    expect(checkDatabase(db).ok).toBe(true)
  }, 120_000)

  it('stops on cancel: the pages stored before it stay whole, the rest are not imported, and no suggestion pass runs', async () => {
    const N = 400
    const job = await call<ImportJob>('startImport', { edition: '取消' })
    for (let start = 0; start < N; start += 200) {
      const files = Array.from({ length: 200 }, (_, i) => ({ name: `p_${String(start + i).padStart(4, '0')}.txt`, dataBase64: b64(pageText(start + i).repeat(100)) }))
      await call('sendImportFiles', { jobId: job.jobId, files })
    }
    await call('runImport', { jobId: job.jobId })
    const seen = await follow(job.jobId, (s) => s.done >= 20)
    const before = seen.at(-1)!
    expect(before.state).toBe('running')
    expect(before.current).toMatch(/^p_\d{4}\.txt$/)
    const stopped = await call<ImportJob>('cancelImport', { jobId: job.jobId })
    expect(stopped.state).toBe('cancelled')
    expect(stopped.done).toBeLessThan(N)
    expect(stopped.imported).toBe(stopped.done)
    expect(stopped.notImported).toBe(N - stopped.done)
    expect(stopped.report!.imported).toBe(stopped.imported)
    // What the job says it stored is what the store holds, every page whole; nothing more arrives later.
    const pages = listPages(db)
    expect(pages).toHaveLength(stopped.imported)
    expect(pages.every((p) => p.articleCount > 0)).toBe(true)
    await new Promise((r) => setTimeout(r, 500))
    expect(listPages(db)).toHaveLength(stopped.imported)
    // No suggestion pass after a cancel: the pages get theirs when opened or at the next import.
    expect(stopped.toCheck).toBe(0)
    expect(pagesWithStaleSuggestions(db)).toHaveLength(stopped.imported)
    expect(stagingFolders()).toEqual([])
    expect(checkDatabase(db).ok).toBe(true)
    // The next import takes the rest, and its one pass checks every page waiting.
    const again = await call<ImportJob>('startImport', { edition: '取消' })
    await call('sendImportFiles', { jobId: again.jobId, files: [{ name: 'p_9999.txt', dataBase64: b64(pageText(9999)) }] })
    await call('runImport', { jobId: again.jobId })
    const done = (await follow(again.jobId)).at(-1)!
    expect(done).toMatchObject({ state: 'done', imported: 1, toCheck: stopped.imported + 1 })
    expect(pagesWithStaleSuggestions(db)).toEqual([])
  }, 120_000)

  it('drops an upload cancelled while receiving: nothing imported, its folder gone, no more files taken', async () => {
    const job = await call<ImportJob>('startImport', {})
    await call('sendImportFiles', { jobId: job.jobId, files: [{ name: 'a_01.txt', dataBase64: b64(pageText(1)) }] })
    const stopped = await call<ImportJob>('cancelImport', { jobId: job.jobId })
    expect(stopped).toMatchObject({ state: 'cancelled', imported: 0, notImported: 1 })
    expect(listPages(db)).toHaveLength(0)
    expect(stagingFolders()).toEqual([])
    await expect(call('sendImportFiles', { jobId: job.jobId, files: [{ name: 'b_02.txt', dataBase64: b64(pageText(2)) }] })).rejects.toThrow(/conflict.*takes no more files/)
    await expect(call('runImport', { jobId: job.jobId })).rejects.toThrow(/conflict/)
  })

  it('imports files named on this machine as the same job (the desktop menu), followed and listed through the contract', async () => {
    const folder = path.join(dir, 'pages', '2026-03-05')
    fs.mkdirSync(folder, { recursive: true })
    for (let i = 1; i <= 6; i++) fs.writeFileSync(path.join(folder, `p_0${i}.txt`), i === 3 ? Buffer.from(BINARY) : pageText(i))
    const started = services.imports.startFromPaths([path.join(dir, 'pages'), path.join(dir, 'missing')])
    expect(started).toMatchObject({ origin: 'paths', state: 'running' })
    const listed = await call<ImportJob[]>('listImportJobs', {})
    expect(listed[0]!.jobId).toBe(started.jobId)
    const last = (await follow(started.jobId)).at(-1)!
    expect(last).toMatchObject({ state: 'done', imported: 5, failed: 2, toCheck: 5 })
    expect(last.failures.map((f) => path.basename(f.source))).toEqual(['missing', 'p_03.txt'])
    expect(listPages(db).map((p) => p.sourceName)).toEqual(['p_01.txt', 'p_02.txt', 'p_04.txt', 'p_05.txt', 'p_06.txt'])
  }, 60_000)

  it('the app session (the desktop shell) imports by path as a job its window follows, and quitting stops it with the stored pages kept', async () => {
    const file = path.join(dir, 'app', 'galley.db')
    fs.mkdirSync(path.dirname(file))
    const folder = path.join(dir, 'menu')
    fs.mkdirSync(folder)
    for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(folder, `p_${String(i).padStart(4, '0')}.txt`), pageText(i).repeat(20))
    const session = openAppSession({ databasePath: file, mode: 'desktop' })
    const started = session.startImportFromPaths([folder])!
    let status = await session.handlers.importStatus({ jobId: started.jobId })
    while (status.done < 5) {
      await new Promise((r) => setTimeout(r, 5))
      status = await session.handlers.importStatus({ jobId: started.jobId })
    }
    expect((await session.handlers.listImportJobs({}))[0]).toMatchObject({ jobId: started.jobId, origin: 'paths' })
    await session.quit()
    const after = openDatabase(file)
    const stored = listPages(after).length
    after.close()
    expect(stored).toBeGreaterThanOrEqual(5)
    expect(stored).toBeLessThan(300)
  }, 60_000)

  it('removes the upload folders of processes that are gone, and leaves an unmarked one alone', async () => {
    const dead = path.join(dir, '.galley-import-999999-0123abcd')
    fs.mkdirSync(path.join(dead, '1'), { recursive: true })
    fs.writeFileSync(path.join(dead, '.galley-import'), 'marker')
    fs.writeFileSync(path.join(dead, '1', 'a.txt'), 'left by a killed process')
    const stranger = path.join(dir, '.galley-import-999998-0123abcd')
    fs.mkdirSync(stranger)
    fs.writeFileSync(path.join(stranger, 'mine.txt'), 'not Galley’s')
    const job = await call<ImportJob>('startImport', {})
    expect(fs.existsSync(dead)).toBe(false)
    expect(fs.existsSync(path.join(stranger, 'mine.txt'))).toBe(true)
    await call('cancelImport', { jobId: job.jobId })
  })

  it('importFiles is the same job, awaited: one call, one report', async () => {
    const report = await call<{ imported: number; failed: number; items: { source: string; reason?: string }[] }>('importFiles', {
      files: [
        { name: 'a_01.txt', folder: '晚报', dataBase64: b64(pageText(1)) },
        { name: 'a_01.txt', folder: '晚报', dataBase64: b64(pageText(2)) },
        { name: 'b_02.txt', dataBase64: b64(pageText(3)) }
      ]
    })
    expect(report.imported).toBe(2)
    expect(report.failed).toBe(1)
    expect(report.items.find((i) => i.reason)!).toMatchObject({ source: '晚报/a_01.txt', reason: expect.stringMatching(/holds a_01\.txt twice in one folder/) })
    expect(stagingFolders()).toEqual([])
  }, 60_000)
})
