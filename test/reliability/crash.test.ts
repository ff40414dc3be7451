import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeArchive } from '../../bench/synthetic'
import { mulberry32 } from '../../bench/synthetic/prng'
import { assertBuilt, callApi, collect, galley, invariants, serve } from '../support/galleyProcess'
import { removeDir, suiteDir } from '../support/tmp'

// SIGKILL at random moments: after each kill the database must pass SQLite's integrity check,
// hold every page whole or not at all, and keep every revision saved before the kill.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('crash safety', () => {
  let dir: string
  let archive: string
  beforeAll(() => {
    assertBuilt()
    dir = suiteDir('galley-crash-')
    archive = path.join(dir, 'archive')
    writeArchive(archive, { seed: 99, pages: 500 })
  })
  afterAll(() => removeDir(dir))

  it('survives 20+ kills during a 500-page import, and the import then completes', async () => {
    const db = path.join(dir, 'import.db')
    const random = mulberry32(2024)
    // How long an uninterrupted import takes here, to spread the kills over all of it.
    const probeDb = path.join(dir, 'probe.db')
    let started = Date.now()
    expect((await collect(galley(['--version']))).code).toBe(0)
    const startup = Date.now() - started
    started = Date.now()
    const probe = await collect(galley(['import', archive, '--db', probeDb]))
    expect(probe.code).toBe(0)
    // An import stores the pages, then checks their characters: 1,000 units of work in all.
    let perUnit = Math.max(0.1, (Date.now() - started - startup) / 1000)
    const remainingWork = (): number => {
      if (!fs.existsSync(db)) return 1000
      const d = new Database(db, { readonly: true })
      const pages = d.prepare('SELECT COUNT(*) FROM pages').pluck().get() as number
      const unchecked = d.prepare('SELECT COUNT(*) FROM pages WHERE suggestions_revision_id IS NULL OR suggestions_revision_id != current_revision_id').pluck().get() as number
      d.close()
      return 500 - pages + unchecked
    }

    // Each kill lands while work is left: a random point of what is left.
    let kills = 0
    let lastPages = 0
    for (let round = 0; round < 80 && kills < 22; round++) {
      const remaining = remainingWork()
      if (remaining <= 0) break
      const child = galley(['import', archive, '--db', db])
      const done = collect(child)
      await sleep(Math.floor(startup * 0.8 + random.next() * remaining * perUnit))
      const killed = child.kill('SIGKILL')
      const result = await done
      if (killed && result.signal === 'SIGKILL') kills++
      // Finished before the kill: the probe ran slower than this import (a loaded machine), so
      // the next kills come sooner rather than the store filling before twenty of them.
      else perUnit /= 2
      const state = invariants(db)
      expect(state.integrity).toBe('ok')
      expect(state.broken).toBe(0)
      expect(state.indexed).toBe(state.pages)
      expect(state.pages).toBeGreaterThanOrEqual(lastPages)
      lastPages = state.pages
    }
    console.log(`crash safety: ${kills} kills during the import, the store whole after each`)
    expect(kills).toBeGreaterThanOrEqual(20)
    const finish = await collect(galley(['import', archive, '--db', db]))
    expect(finish.code).toBe(0)
    const state = invariants(db)
    expect(state).toMatchObject({ integrity: 'ok', pages: 500, indexed: 500, broken: 0 })
    expect(remainingWork()).toBe(0)
    // Every page exactly once, the same as an import that was never interrupted.
    const hashes = (file: string) => {
      const d = new Database(file, { readonly: true })
      const h = d.prepare('SELECT sha256 FROM pages ORDER BY sha256').pluck().all()
      d.close()
      return h
    }
    expect(hashes(db)).toEqual(hashes(probeDb))
  }, 240_000) // ~25 imports of 500 pages: minutes on a loaded two-core machine, bounded by 80 rounds

  it('keeps every acknowledged edit through kills of the server', async () => {
    const db = path.join(dir, 'edit.db')
    expect((await collect(galley(['import', path.join(archive, (await import('node:fs')).readdirSync(archive)[0]!), '--db', db]))).code).toBe(0)
    const random = mulberry32(77)
    const acknowledged = new Map<number, string>()
    for (let round = 0; round < 6; round++) {
      const { child, port, token } = await serve(db)
      const exited = collect(child)
      const pages = (await callApi(port, token, 'listPages', {})).body.result as { id: number }[]
      // One save first, so that the kill lands among saves, not during the server's warm-up.
      const warm = (await callApi(port, token, 'getPage', { pageId: pages[0]!.id })).body.result
      const warmText = `${warm.revision.text}\n预热${round}`
      const first = await callApi(port, token, 'saveRevision', { pageId: pages[0]!.id, baseRevisionId: warm.revision.id, text: warmText })
      if (first.body.ok) acknowledged.set(first.body.result.revisionId, warmText)
      const deadline = Date.now() + 300 + random.next() * 700
      const killAt = sleep(deadline - Date.now()).then(() => child.kill('SIGKILL'))
      try {
        for (let i = 0; Date.now() < deadline + 100; i++) {
          const pageId = pages[i % pages.length]!.id
          const page = (await callApi(port, token, 'getPage', { pageId })).body.result
          const text = `${page.revision.text}\n编辑${round}-${i}`
          const saved = await callApi(port, token, 'saveRevision', { pageId, baseRevisionId: page.revision.id, text })
          if (saved.body.ok) acknowledged.set(saved.body.result.revisionId, text)
        }
      } catch {
        // the server died mid-request: that request was never acknowledged
      }
      await killAt
      await exited
      const state = invariants(db)
      expect(state.integrity).toBe('ok')
      expect(state.broken).toBe(0)
      const d = new Database(db, { readonly: true })
      for (const [id, text] of acknowledged) {
        expect(d.prepare('SELECT text FROM revisions WHERE id = ?').pluck().get(id)).toBe(text)
      }
      d.close()
    }
    expect(acknowledged.size).toBeGreaterThan(20)
  })
})
