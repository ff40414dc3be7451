import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/core/store/database'
import { createHandlers } from '../../src/core/services'
import { reproposalStatus, scheduleReproposal } from '../../src/core/learning/reproposalJobs'
import { acquireReproposalPool, closeReproposalPool, releaseReproposalPool, warmReproposalPool } from '../../src/core/learning/reproposalPool'
import { openAppSession } from '../../src/core/services/session'
import { importRules } from '../../src/core/store/queries/learning'
import { pagesWithStaleSuggestions } from '../../src/core/store/queries/suggestions'
import { runSuggestionPass } from '../../src/core/pipeline/suggestionPass'
import { lineTemplate } from '../../src/core/analysis'
import { tempDir } from '../support/tmp'
import { b64, learningPages } from '../support/learningPages'

// Proposing many untouched pages again runs their analysis on worker threads, edition by
// edition, and writes the outcomes on the main thread: the pages must end as they end when
// everything runs on one thread, their typos carried to their new text and marked current.

const { PAGE_B, NOTICE } = learningPages
const PLACES = ['光明', '朝阳', '红星', '幸福', '和平', '团结', '新华', '建设']

async function store(name: string): Promise<{ db: Db; publicationId: number }> {
  const file = path.join(tempDir(), name)
  const db = openDatabase(file)
  const api = createHandlers({ db, databasePath: file, mode: 'browser' })
  // 24 pages of three editions (enough for the job to start workers), an OCR slip (态愿者) in each, their typo pass done
  for (let e = 0; e < 3; e++) {
    const files = PLACES.map((place, i) => ({ name: `晚报_2024-06-0${e + 1}_${String(i + 1).padStart(2, '0')}.txt`, dataBase64: b64(PAGE_B.replace('光明社区', `${place}社区`).replace('八十余个', ['八十余个', '九十余个', '七十余个'][e]!).replace('志愿者', '态愿者')) }))
    await api.importFiles({ files, edition: `晚报 2024-06-0${e + 1}`, publication: '晚报' })
  }
  runSuggestionPass(db)
  return { db, publicationId: (await api.listPublications({}))[0]!.id }
}

function snapshot(db: Db): unknown[] {
  return (db.prepare('SELECT id FROM pages ORDER BY id').pluck().all() as number[]).map((pageId) => {
    const articles = db.prepare('SELECT kind, start_line, end_line, title, body_json FROM articles WHERE page_id = ? ORDER BY ord').all(pageId)
    const text = db.prepare('SELECT r.text FROM pages p JOIN revisions r ON r.id = p.current_revision_id WHERE p.id = ?').pluck().get(pageId)
    const suggestions = db.prepare("SELECT rule, start_offset, end_offset, original, replacement FROM suggestions WHERE page_id = ? AND status = 'open' ORDER BY start_offset, rule").all(pageId)
    const changes = (db.prepare('SELECT changes_json FROM page_reproposals WHERE page_id = ? ORDER BY id').pluck().all(pageId) as string[]).map((j) => JSON.parse(j))
    return { pageId, articles, text, suggestions, changes }
  })
}

describe('proposing many pages again', () => {
  it('gives on worker threads what it gives on one thread, typos carried and current', async () => {
    const rule = { template: lineTemplate(NOTICE), role: 'furniture' as const, lines: 2, pages: 1, example: NOTICE }
    const results = []
    for (const workers of [2, 0]) {
      const { db, publicationId } = await store(`w${workers}.db`)
      const { changes } = importRules(db, publicationId, [rule])
      await scheduleReproposal(db, publicationId, changes, { workers })
      const last = reproposalStatus(db, publicationId).last!
      expect(last).toMatchObject({ pages: 24, analysed: 24, changed: 24 })
      // every page's suggestions are those of its current text: nothing left for a typo pass
      expect(pagesWithStaleSuggestions(db)).toEqual([])
      results.push(snapshot(db))
      db.close()
    }
    const [inWorkers, inThread] = results as [ReturnType<typeof snapshot>, ReturnType<typeof snapshot>]
    expect(inWorkers).toEqual(inThread)
    const page = inWorkers[0] as { text: string; suggestions: { original: string }[]; changes: { message: string }[][] }
    // the OCR slip is still flagged on the new text, where it now stands
    const slip = page.suggestions.find((s) => s.original === '态') as { start_offset: number } | undefined
    expect(page.text.slice(slip!.start_offset, slip!.start_offset + 3)).toBe('态愿者')
    expect(page.changes[0]!.map((c) => c.message)).toContain(`from an imported profile: \`${rule.template}\` lines are furniture`)
    // two stores of 24 pages imported and checked for typos: slow on a loaded machine
  }, 240_000)

  it('keeps its workers for the next job, one job at a time, with the same outcome as one thread', async () => {
    const rule = { template: lineTemplate(NOTICE), role: 'furniture' as const, lines: 2, pages: 1, example: NOTICE }
    const results = []
    for (const kept of [true, false]) {
      const { db, publicationId } = await store(`kept-${String(kept)}.db`)
      const { changes } = importRules(db, publicationId, [rule])
      await scheduleReproposal(db, publicationId, changes, kept ? { workersFrom: 1 } : { workers: 0 })
      expect(reproposalStatus(db, publicationId).last).toMatchObject({ pages: 24, analysed: 24, changed: 24 })
      expect(pagesWithStaleSuggestions(db)).toEqual([])
      results.push(snapshot(db))
      if (kept) {
        // the job gave its workers back, still running: the next job has them, and only one job at a time
        const pool = acquireReproposalPool(db)
        expect(pool?.live).toBeGreaterThan(0)
        expect(acquireReproposalPool(db)).toBeNull()
        releaseReproposalPool(db, pool!)
        expect(acquireReproposalPool(db)).toBe(pool)
        releaseReproposalPool(db, pool!)
        await closeReproposalPool(db)
        expect(pool!.live).toBe(0)
      }
      db.close()
    }
    expect(results[0]).toEqual(results[1])
  }, 240_000)

  it('lets the process end while its kept workers wait for the next job', () => {
    // a process that readies the pool (workers started, typo model loading) and has nothing else to do
    const file = path.join(tempDir(), 'exit.db')
    const script = `const { openDatabase } = require(${JSON.stringify(path.resolve('src/core/store/database.ts'))});
const { warmReproposalPool } = require(${JSON.stringify(path.resolve('src/core/learning/reproposalPool.ts'))});
const db = openDatabase(${JSON.stringify(file)});
warmReproposalPool(db);
setTimeout(() => process.stdout.write('waited'), 500);`
    const started = Date.now()
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 60_000 })
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe('waited')
    // it ends once its own work is done, not when the pool's idle time (minutes) runs out
    expect(run.status).toBe(0)
    expect(Date.now() - started).toBeLessThan(60_000)
  }, 90_000)

  it('ends the kept workers when the app closes their database (not minutes later, holding their models)', async () => {
    const session = openAppSession({ databasePath: path.join(tempDir(), 'closing.db'), mode: 'browser' })
    const db = session.db()!
    warmReproposalPool(db)
    const pool = acquireReproposalPool(db)
    expect(pool?.live).toBeGreaterThan(0)
    releaseReproposalPool(db, pool!)
    session.close()
    for (let waited = 0; pool!.live > 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50))
    expect(pool!.live).toBe(0)
  }, 60_000)
})
