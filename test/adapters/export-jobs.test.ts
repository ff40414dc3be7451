import fs from 'node:fs'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MARKER } from '../../src/core/export'
import { createHandlers, dispatch } from '../../src/core/services'
import { openDatabase, type Db } from '../../src/core/store/database'
import { startServer, type RunningServer } from '../../src/server/server'
import type { Proposer } from '../../src/core/pipeline/proposal'
import type { ArticleInput } from '../../src/core/store/queries/articles'
import type { EditionSummary, ExportJob, PageSummary } from '../../src/shared/types'
import { removeDir, suiteDir } from '../support/tmp'
import { lineArticle } from '../support/articles'
import { assertBuilt, collect, galley } from '../support/galleyProcess'

// The export as the app runs it: a job started over HTTP, whose progress the window polls
// while the server goes on answering, and which can be cancelled without a trace.

const PAGES = 40
const ARTICLES_PER_PAGE = 60

/** Every non-empty line is an article: a store big enough for an export to take a while. */
const linePerArticle: Proposer = (text) => {
  const articles: ArticleInput[] = []
  text.split('\n').forEach((line, i) => line.trim() !== '' && articles.push(lineArticle(line, i)))
  return { workingText: text, reason: 'import', articles, suggestions: [], analyzerVersion: 0 }
}

function pageText(page: number): string {
  const lines: string[] = []
  for (let a = 0; a < ARTICLES_PER_PAGE; a++) lines.push(`第${page}版第${a}篇稿件标题 正文内容记录社区新闻，居民生活点滴与城市变化。`.repeat(3))
  return lines.join('\n')
}

let dir: string
let dbPath: string
let db: Db
let server: RunningServer

async function call<T>(method: string, args: unknown): Promise<{ status: number; ok: boolean; result: T; error?: { code: string; message: string } }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Galley-Token': server.token },
    body: JSON.stringify(args)
  })
  const body = (await res.json()) as { ok: boolean; result: T; error?: { code: string; message: string } }
  return { status: res.status, ...body }
}

async function waitFor(jobId: number): Promise<ExportJob> {
  for (;;) {
    const status = (await call<ExportJob>('exportStatus', { jobId })).result
    if (status.state !== 'running') return status
    await new Promise((r) => setTimeout(r, 20))
  }
}

const exportsDir = (): string => path.join(dir, 'exports')
const entries = (): string[] => (fs.existsSync(exportsDir()) ? fs.readdirSync(exportsDir()).sort() : [])

beforeAll(async () => {
  dir = suiteDir('galley-export-jobs-')
  dbPath = path.join(dir, 'galley.db')
  db = openDatabase(dbPath)
  const handlers = createHandlers({ db, databasePath: dbPath, mode: 'browser', propose: linePerArticle })
  const files = Array.from({ length: PAGES }, (_, i) => ({
    name: `${String(i + 1).padStart(2, '0')}版.txt`,
    dataBase64: Buffer.from(pageText(i + 1)).toString('base64')
  }))
  const imported = await dispatch(handlers, 'importFiles', { files, edition: '大样 2024-06-01' })
  expect(imported).toMatchObject({ ok: true, result: { imported: PAGES } })
  server = await startServer({ handlers, rendererRoot: dir })
})
afterAll(async () => {
  await server.close()
  db.close()
  removeDir(dir)
})

describe('export jobs over the browser-mode API', () => {
  it('reports progress while the server keeps answering, then the finished folder', async () => {
    const editions = (await call<EditionSummary[]>('listEditions', {})).result
    const started = await call<ExportJob>('startExport', { scope: 'edition', id: editions[0]!.id, formats: ['json', 'md', 'txt', 'html', 'nitf'], includeUnapproved: true })
    expect(started.ok).toBe(true)
    expect(started.result).toMatchObject({ state: 'running', result: null, error: null })
    const seen: ExportJob[] = []
    let answeredMeanwhile = 0
    for (;;) {
      const status = (await call<ExportJob>('exportStatus', { jobId: started.result.jobId })).result
      seen.push(status)
      if (status.state !== 'running') break
      // Other requests are served while the job runs.
      if ((await call<PageSummary[]>('listPages', {})).result.length === PAGES) answeredMeanwhile++
    }
    const total = PAGES * ARTICLES_PER_PAGE
    const last = seen.at(-1)!
    expect(last).toMatchObject({ state: 'done', done: total, total, error: null })
    expect(seen.some((s) => s.state === 'running' && s.done > 0 && s.done < total), 'a status part-way through').toBe(true)
    expect(answeredMeanwhile).toBeGreaterThan(0)
    // done never goes back.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done)
    expect(last.result).toMatchObject({ articles: total, files: total * 3 + 3 })
    expect(path.dirname(last.result!.outDir)).toBe(exportsDir())
    expect(fs.readdirSync(last.result!.outDir).sort()).toEqual([MARKER, 'html', 'json', 'manifest.json', 'md', 'nitf', 'txt'])
    expect(entries()).toEqual([path.basename(last.result!.outDir)])
  })

  it('clears the staging folder of an export whose process died, and leaves a live one and an unmarked one alone', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!
    const abandoned = path.join(exportsDir(), `.all-20240101-000000.partial-${dead}-0badcafe`)
    const running = path.join(exportsDir(), `.all-20240101-000000.partial-${process.ppid}-0badcafe`)
    const unmarked = path.join(exportsDir(), `.all-20240101-000000.partial-${dead}-0ddba11a`)
    for (const d of [abandoned, running, unmarked]) fs.mkdirSync(path.join(d, 'txt'), { recursive: true })
    for (const d of [abandoned, running]) fs.writeFileSync(path.join(d, MARKER), JSON.stringify({ writtenBy: 'Galley 0.1.0' }))
    const before = entries()
    const [page] = (await call<PageSummary[]>('listPages', {})).result
    const started = await call<ExportJob>('startExport', { scope: 'page', id: page!.id, formats: ['json'] })
    expect(fs.existsSync(abandoned)).toBe(false)
    expect(fs.existsSync(running)).toBe(true)
    expect(fs.existsSync(unmarked)).toBe(true)
    fs.rmSync(running, { recursive: true })
    fs.rmSync(unmarked, { recursive: true })
    await waitFor(started.result.jobId)
    expect(entries().filter((e) => !before.includes(e))).toHaveLength(1)
  })

  it('cancels a running export and leaves no folder behind', async () => {
    const before = entries()
    const started = await call<ExportJob>('startExport', { scope: 'all', formats: ['md', 'txt', 'nitf'], includeUnapproved: true })
    expect(started.result.state).toBe('running')
    const cancelled = await call<ExportJob>('cancelExport', { jobId: started.result.jobId })
    expect(cancelled.result).toMatchObject({ jobId: started.result.jobId, state: 'cancelled', result: null })
    expect(cancelled.result.done).toBeLessThan(PAGES * ARTICLES_PER_PAGE)
    expect(entries()).toEqual(before)
    expect((await call<ExportJob>('exportStatus', { jobId: started.result.jobId })).result.state).toBe('cancelled')
    // Cancelling a finished job changes nothing.
    expect((await call<ExportJob>('cancelExport', { jobId: started.result.jobId })).result.state).toBe('cancelled')
  })

  it('refuses bad requests with one clear line', async () => {
    const unknownJob = await call('exportStatus', { jobId: 999 })
    expect(unknownJob).toMatchObject({ status: 404, ok: false, error: { code: 'not-found', message: 'export job 999 does not exist' } })
    expect(await call('cancelExport', { jobId: 'x' })).toMatchObject({ status: 400, error: { code: 'invalid-argument' } })
    expect(await call('startExport', { scope: 'page', formats: ['txt'] })).toMatchObject({
      status: 400,
      error: { code: 'invalid-argument', message: 'startExport: id: id is needed for an edition or a page' }
    })
    expect(await call('startExport', { scope: 'edition', id: 999, formats: ['txt'] })).toMatchObject({ status: 404, error: { message: 'edition 999 does not exist' } })
    expect(await call('startExport', { scope: 'page', id: 999, formats: ['txt'] })).toMatchObject({ status: 404, error: { message: 'page 999 does not exist' } })
    expect(await call('startExport', { scope: 'all', formats: [] })).toMatchObject({ status: 400, error: { code: 'invalid-argument' } })
    for (const e of [unknownJob.error!.message]) expect(e).not.toContain('\n')
  })

  it('awaits the same job for exportEdition', async () => {
    const pages = (await call<PageSummary[]>('listPages', {})).result
    const done = await call<{ outDir: string; files: number; articles: number }>('exportEdition', { scope: 'page', id: pages[0]!.id, formats: ['txt'], includeUnapproved: true })
    expect(done.result).toMatchObject({ files: ARTICLES_PER_PAGE + 1, articles: ARTICLES_PER_PAGE })
    expect(path.basename(done.result.outDir)).toMatch(new RegExp(`^page-${pages[0]!.id}-\\d{8}-\\d{6}(-\\d+)?$`))
  })

  it('galley export stops on Ctrl+C and removes its half-written folder', async () => {
    assertBuilt()
    const parent = path.join(dir, 'cli')
    fs.mkdirSync(parent)
    const out = path.join(parent, 'out')
    const child = galley(['export', '--all', '--include-unapproved', '--out', out, '--db', dbPath])
    const done = collect(child)
    // Interrupt once the export is under way (its staging folder exists).
    const deadline = Date.now() + 30_000
    while (!fs.readdirSync(parent).some((n) => n.startsWith('.out.partial-')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5))
    child.kill('SIGINT')
    const { code, stderr } = await done
    expect(stderr).toMatch(/galley export: export cancelled; nothing was written/)
    expect(code).toBe(1)
    expect(fs.readdirSync(parent)).toEqual([])
  })
})
