import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeArchive } from '../../bench/synthetic'
import { openDatabase, type Db } from '../../src/core/store/database'
import { importPaths } from '../../src/core/import/importer'
import { startPagePool } from '../../src/core/workers/pagePool'
import { runSuggestionPass, runSuggestionPassInWorkers } from '../../src/core/pipeline/suggestionPass'
import { refreshSuggestions } from '../../src/core/pipeline/refreshSuggestions'
import { addRevision } from '../../src/core/store/queries/revisions'
import { searchPages } from '../../src/core/store/queries/search'
import { tempDir } from '../support/tmp'

// Worker threads must be invisible in what is stored: the same files give the same store
// whether pages are analysed on workers or on the importing thread.

function archive(pages: number): string {
  const dir = tempDir()
  writeArchive(path.join(dir, 'pages'), { seed: 9090, pages })
  const bad = path.join(dir, 'pages', 'bad')
  fs.mkdirSync(bad)
  fs.writeFileSync(path.join(bad, 'empty.txt'), '')
  fs.writeFileSync(path.join(bad, 'binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10]))
  fs.writeFileSync(path.join(bad, 'blank.txt'), '\n\n   \n')
  return path.join(dir, 'pages')
}

function snapshot(db: Db): unknown {
  return {
    pages: db.prepare('SELECT label, page_order, source_name, sha256, encoding, original_text, status FROM pages ORDER BY sha256').all(),
    revisions: db.prepare('SELECT p.sha256, r.text, r.reason, r.author FROM revisions r JOIN pages p ON p.id = r.page_id ORDER BY p.sha256, r.id').all(),
    articles: db
      .prepare('SELECT p.sha256, a.ord, a.kind, a.start_line, a.end_line, a.title, a.byline, a.body_json, a.flags_json FROM articles a JOIN pages p ON p.id = a.page_id ORDER BY p.sha256, a.ord')
      .all(),
    names: db.prepare('SELECT p.sha256, n.name, n.count FROM page_names n JOIN pages p ON p.id = n.page_id ORDER BY p.sha256, n.name').all(),
    editions: db.prepare('SELECT name, issue_date FROM editions ORDER BY name').all()
  }
}

function suggestions(db: Db): unknown {
  return db
    .prepare(
      `SELECT p.sha256, s.rule, s.start_offset, s.end_offset, s.original, s.replacement, s.confidence, s.message, s.status
         FROM suggestions s JOIN pages p ON p.id = s.page_id ORDER BY p.sha256, s.start_offset, s.rule`
    )
    .all()
}

describe('import on worker threads', () => {
  it('stores exactly what the importing thread stores, failures included', async () => {
    const pages = archive(48)
    const dir = tempDir()
    const onWorkers = openDatabase(path.join(dir, 'workers.db'))
    const here = openDatabase(path.join(dir, 'here.db'))
    const a = await importPaths(onWorkers, [pages], { workers: 2 })
    const b = await importPaths(here, [pages], { workers: 0 })
    expect(a.imported).toBe(48)
    expect(a.failed).toBe(3)
    expect(a.items.map((i) => [i.source, i.status, i.reason])).toEqual(b.items.map((i) => [i.source, i.status, i.reason]))
    expect(a.items.filter((i) => i.status === 'failed').map((i) => i.reason)).toEqual([
      expect.stringMatching(/^binary file/),
      expect.stringMatching(/^blank page \(only white space/),
      expect.stringMatching(/^empty file$/)
    ])
    expect(snapshot(onWorkers)).toEqual(snapshot(here))
    const term = (onWorkers.prepare('SELECT title FROM articles WHERE length(title) >= 4 LIMIT 1').pluck().get() as string).slice(0, 4)
    expect(searchPages(onWorkers, term).map((h) => h.offset)).toEqual(searchPages(here, term).map((h) => h.offset))

    // The typo pass on workers finds what it finds on this thread.
    expect(await runSuggestionPassInWorkers(onWorkers, { workers: 2 })).toBe(48)
    expect(runSuggestionPass(here)).toBe(48)
    expect(suggestions(onWorkers)).toEqual(suggestions(here))
    expect((suggestions(here) as unknown[]).length).toBeGreaterThan(0)

    // Again: every page is known, nothing is analysed or stored twice.
    const before = snapshot(onWorkers)
    const again = await importPaths(onWorkers, [pages], { workers: 2 })
    expect(again.imported).toBe(0)
    expect(again.unchanged).toBe(48)
    expect(snapshot(onWorkers)).toEqual(before)
    onWorkers.close()
    here.close()
  })

  it('never overwrites the suggestions of a revision saved while the workers were busy', async () => {
    const db = openDatabase(path.join(tempDir(), 'g.db'))
    await importPaths(db, [archive(60)], { workers: 1 })
    const ids = db.prepare('SELECT id FROM pages ORDER BY id').pluck().all() as number[]
    const late = ids[ids.length - 1]!
    let saved = 0
    await runSuggestionPassInWorkers(db, {
      workers: 1,
      onProgress: (done) => {
        // After the first slice is written, the editor saves a page of the last slice.
        if (done !== 25 || saved) return
        const text = (db.prepare('SELECT r.text FROM pages p JOIN revisions r ON r.id = p.current_revision_id WHERE p.id = ?').pluck().get(late) as string) + '\n编者按：本文有删节。'
        saved = db.transaction(() => {
          const id = addRevision(db, { pageId: late, text, author: 'editor', reason: 'edit', index: 'replace' })
          refreshSuggestions(db, late, id, text)
          return id
        })()
      }
    })
    expect(saved).toBeGreaterThan(0)
    const page = db.prepare('SELECT current_revision_id AS current, suggestions_revision_id AS suggested FROM pages WHERE id = ?').get(late)
    expect(page).toEqual({ current: saved, suggested: saved })
    const revisions = db.prepare("SELECT DISTINCT revision_id FROM suggestions WHERE page_id = ? AND status = 'open'").pluck().all(late)
    expect(revisions.every((r) => r === saved)).toBe(true)
    db.close()
  })

  it('rejects the jobs of a worker that dies, so the importer can redo them', async () => {
    const entry = path.join(tempDir(), 'dying-worker.js')
    fs.writeFileSync(entry, "require('node:worker_threads').parentPort.on('message', () => process.exit(3))\n")
    const pool = startPagePool(1, entry)!
    expect(pool.size).toBe(1)
    await expect(pool.prepare({ bytes: new Uint8Array([0x41]) })).rejects.toThrow(/exit code 3/)
    await expect(pool.detect('文字')).rejects.toThrow(/no page worker is running/)
    await pool.close()
  })
})
