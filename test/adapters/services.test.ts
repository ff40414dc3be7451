import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import type { Output } from '../../src/cli/output'
import { openDatabase } from '../../src/core/store/database'
import { importPaths } from '../../src/core/import/importer'
import { pagesWithStaleSuggestions } from '../../src/core/store/queries/suggestions'
import { listArticles } from '../../src/core/store/queries/articles'
import { getPageSummary, listPages } from '../../src/core/store/queries/pages'
import { listBackups } from '../../src/core/store/backup'
import { AUTO_APPROVE_CONFIDENCE } from '../../src/core/pipeline/approve'
import { openAppSession } from '../../src/core/services/session'
import { log, setLogSink } from '../../src/core/log'
import { SAMPLES, tempDir } from '../support/tmp'
import { assertBuilt, collect, serve } from '../support/galleyProcess'

// The adapters over the one set of handlers: what the CLI does is what the UI does.

function quiet(): Output & { data: unknown[]; stdout: string[] } {
  const data: unknown[] = []
  const stdout: string[] = []
  return { data, stdout, out: (l) => stdout.push(l), err: () => undefined, json: (v) => data.push(v) }
}

/** A database with the samples imported and their suggestion pass not yet run (as after an interrupted import). */
async function importedWithoutPass(): Promise<string> {
  const file = path.join(tempDir(), 'galley.db')
  const db = openDatabase(file)
  await importPaths(db, [SAMPLES], { edition: '样例', workers: 0 })
  db.close()
  return file
}

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('the adapters call the same handlers', () => {
  it('galley show runs the pending suggestion pass the workbench runs when it opens a page', async () => {
    const file = await importedWithoutPass()
    let db = openDatabase(file)
    const pageId = listPages(db)[0]!.id
    expect(pagesWithStaleSuggestions(db, [pageId])).toEqual([pageId])
    db.close()
    const shown = quiet()
    expect(await main(['show', String(pageId), '--json', '--db', file], shown)).toBe(0)
    expect(shown.data[0]).toHaveProperty('suggestions')
    db = openDatabase(file)
    expect(pagesWithStaleSuggestions(db, [pageId])).toEqual([])
    db.close()
  })

  it('galley approve --all is the UI approve; without --all it leaves the unconfident or flagged articles', async () => {
    const cliFile = await importedWithoutPass()
    const uiFile = await importedWithoutPass()
    const db = openDatabase(cliFile)
    const pages = listPages(db)
    const expectedLeft = pages.map((p) => listArticles(db, p.id).filter((a) => a.kind !== 'furniture' && !(a.confidence >= AUTO_APPROVE_CONFIDENCE && a.flags.length === 0)).length)
    db.close()

    expect(expectedLeft.some((n) => n > 0)).toBe(true)
    const partial = quiet()
    expect(await main(['approve', '--edition', '样例', '--json', '--db', cliFile], partial)).toBe(0)
    expect((partial.data[0] as { left: number }[]).map((r) => r.left)).toEqual(expectedLeft)
    expect(await main(['approve', '--edition', '样例', '--all', '--db', cliFile], quiet())).toBe(0)

    const session = openAppSession({ databasePath: uiFile, mode: 'browser' })
    for (const page of pages) await session.handlers.approvePage({ pageId: page.id, flagged: true })
    session.close()

    const state = (file: string) => {
      const d = openDatabase(file)
      const out = listPages(d).map((p) => ({ status: getPageSummary(d, p.id)!.status, articles: listArticles(d, p.id).map((a) => [a.kind, a.status]) }))
      d.close()
      return out
    }
    const cli = state(cliFile)
    expect(cli).toEqual(state(uiFile))
    expect(cli.every((p) => p.status === 'approved')).toBe(true)
  })

  it('the app session (browser mode too) takes the daily backup when it opens and one on quit', async () => {
    const file = await importedWithoutPass()
    const session = openAppSession({ databasePath: file, mode: 'browser', backups: true })
    await waitFor(() => listBackups(file).some((b) => b.endsWith('-daily.db')))
    // The daily one is not due again the same day.
    const again = openAppSession({ databasePath: file, mode: 'browser', backups: true })
    await again.quit()
    await session.quit()
    const names = listBackups(file).map((b) => path.basename(b))
    expect(names.filter((n) => n.endsWith('-daily.db'))).toHaveLength(1)
    expect(names.some((n) => n.endsWith('-quit.db'))).toBe(true)

    const without = await importedWithoutPass()
    const plain = openAppSession({ databasePath: without, mode: 'browser' })
    await plain.quit()
    expect(listBackups(without)).toEqual([])
  })

  it('the app logs to galley.log beside its database', async () => {
    const file = await importedWithoutPass()
    const session = openAppSession({ databasePath: file, mode: 'browser', logFile: true })
    try {
      log.warn('a warning for the test')
      const text = fs.readFileSync(path.join(path.dirname(file), 'galley.log'), 'utf8')
      expect(text).toMatch(/ WARN a warning for the test\n$/)
    } finally {
      session.close()
      setLogSink()
    }
  })

  it('galley serve (browser mode, a real process) takes the daily backup, and one on quit when stopped', async () => {
    assertBuilt()
    const file = await importedWithoutPass()
    const { child } = await serve(file)
    await waitFor(() => listBackups(file).some((b) => b.endsWith('-daily.db')), 15_000)
    const exited = collect(child)
    child.kill('SIGTERM')
    await exited
    expect(listBackups(file).some((b) => b.endsWith('-quit.db'))).toBe(true)
  }, 30_000)
})
