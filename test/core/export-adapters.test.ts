import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { MARKER } from '../../src/core/export'
import type { Output } from '../../src/cli/output'
import { createHandlers, dispatch } from '../../src/core/services'
import { openDatabase, type Db } from '../../src/core/store/database'
import { listEditions } from '../../src/core/store/queries/editions'
import { removeDir, suiteDir, tempDir } from '../support/tmp'
import { buildStore, EDITION } from '../fixtures/export/buildEdition'

function capture(): Output & { stdout: string[]; stderr: string[]; data: unknown[] } {
  const o = { stdout: [] as string[], stderr: [] as string[], data: [] as unknown[] }
  return { ...o, out: (l) => o.stdout.push(l), err: (l) => o.stderr.push(l), json: (v) => o.data.push(v) }
}

let dir: string
let db: Db
let file: string
let pageOne: number

beforeAll(async () => {
  dir = suiteDir('galley-export-adapters-')
  ;({ db, file, pageOne } = await buildStore(dir))
})
afterAll(() => {
  db.close()
  removeDir(dir)
})

describe('galley export', () => {
  it('exports an edition in the chosen formats', async () => {
    const out = path.join(tempDir(), 'cli-out')
    const o = capture()
    const code = await main(['export', '--edition', EDITION, '--format', 'json,md', '--out', out, '--db', file, '--json'], o)
    expect(o.stderr).toEqual([])
    expect(code).toBe(0)
    expect(o.data[0]).toEqual({ outDir: path.resolve(out), files: 1 + 4 + 1, articles: 4 })
    expect(fs.readdirSync(out).sort()).toEqual([MARKER, 'json', 'manifest.json', 'md'])
  })

  it('exports a page, or all, with every format by default, and single-file Markdown', async () => {
    const out = path.join(tempDir(), 'cli-page')
    const o = capture()
    expect(await main(['export', '--page', String(pageOne), '--out', out, '--include-unapproved', '--single-file', '--db', file], o)).toBe(0)
    expect(o.stdout.join('\n')).toMatch(/^3 articles exported, \d+ files in /)
    expect(fs.readdirSync(out).sort()).toEqual([MARKER, 'alto', 'html', 'json', 'manifest.json', 'md', 'nitf', 'page', 'tei', 'txt'])
    expect(fs.readdirSync(path.join(out, 'md'))).toEqual([`${EDITION.replace(' ', '_')}.md`])
    const all = capture()
    expect(await main(['export', '--all', '--format', 'txt', '--out', path.join(tempDir(), 'cli-all'), '--db', file], all)).toBe(0)
    expect(all.stdout.join('\n')).toMatch(/^5 articles exported/)
  })

  it('refuses an existing folder without --force (exit 1), and with it replaces only an export of its own', async () => {
    const out = path.join(tempDir(), 'cli-existing')
    expect(await main(['export', '--edition', EDITION, '--format', 'json', '--out', out, '--db', file], capture())).toBe(0)
    const o = capture()
    expect(await main(['export', '--edition', EDITION, '--format', 'txt', '--out', out, '--db', file], o)).toBe(1)
    expect(o.stderr.join('\n')).toMatch(/already exists.*--force/)
    expect(fs.readdirSync(out).sort()).toEqual([MARKER, 'json', 'manifest.json'])
    expect(await main(['export', '--edition', EDITION, '--format', 'txt', '--out', out, '--force', '--db', file], capture())).toBe(0)
    expect(fs.readdirSync(out).sort()).toEqual([MARKER, 'manifest.json', 'txt'])

    const mine = path.join(tempDir(), 'mine')
    fs.mkdirSync(mine)
    fs.writeFileSync(path.join(mine, 'old.txt'), 'old')
    const refused = capture()
    expect(await main(['export', '--edition', EDITION, '--format', 'txt', '--out', mine, '--force', '--db', file], refused)).toBe(1)
    expect(refused.stderr).toEqual([`galley export: ${mine} is not a folder galley export wrote (it has no ${MARKER} marker); --force replaces only such a folder`])
    expect(fs.readdirSync(mine)).toEqual(['old.txt'])
  })

  it('says when nothing is approved, and fails on an unknown edition', async () => {
    const none = capture()
    expect(await main(['export', '--edition', '示例日报 2024-05-03', '--out', path.join(tempDir(), 'n'), '--db', file], none)).toBe(0)
    expect(none.stderr.join('\n')).toMatch(/no approved articles.*--include-unapproved/)
    const missing = capture()
    expect(await main(['export', '--edition', '没有', '--out', path.join(tempDir(), 'm'), '--db', file], missing)).toBe(1)
    expect(missing.stderr.join('\n')).toMatch(/no edition named 没有/)
  })

  it.each([
    [['--out', 'x'], /exactly one of/],
    [['--edition', 'a', '--all', '--out', 'x'], /exactly one of/],
    [['--all'], /--out DIR is required/],
    [['--all', '--format', 'pdf', '--out', 'x'], /unknown format pdf/],
    [['--page', 'abc', '--out', 'x'], /--page needs a page id/]
  ])('exits 2 on usage errors: %j', async (args, message) => {
    const o = capture()
    expect(await main(['export', ...args, '--db', file], o)).toBe(2)
    expect(o.stderr.join('\n')).toMatch(message)
  })
})

describe('exportEdition API method', () => {
  it('writes a timestamped folder under exports/ beside the database and reports it', async () => {
    const dbFile = path.join(tempDir(), 'data', 'galley.db')
    fs.mkdirSync(path.dirname(dbFile))
    // A copy of a WAL database: checkpoint first so that the main file holds everything.
    db.pragma('wal_checkpoint(TRUNCATE)')
    fs.copyFileSync(file, dbFile)
    const copy = openDatabase(dbFile)
    try {
      const handlers = createHandlers({ db: copy, databasePath: dbFile, mode: 'browser', propose: () => { throw new Error('unused') } })
      const edition = listEditions(copy).find((e) => e.name === EDITION)!
      const first = await dispatch(handlers, 'exportEdition', { scope: 'edition', id: edition.id, formats: ['json', 'html'] })
      expect(first.ok).toBe(true)
      const result = (first as { result: { outDir: string; files: number; articles: number } }).result
      expect(path.dirname(result.outDir)).toBe(path.join(path.dirname(dbFile), 'exports'))
      expect(path.basename(result.outDir)).toMatch(/^示例日报_2024-05-01-\d{8}-\d{6}$/)
      expect(result).toMatchObject({ files: 3, articles: 4 })
      // A second export in the same second gets a folder of its own.
      const second = await dispatch(handlers, 'exportEdition', { scope: 'edition', id: edition.id, formats: ['json'] })
      expect((second as { result: { outDir: string } }).result.outDir).not.toBe(result.outDir)

      const all = await dispatch(handlers, 'exportEdition', { scope: 'all', formats: ['txt'], includeUnapproved: true })
      expect((all as { result: { articles: number } }).result.articles).toBe(7)
      expect(await dispatch(handlers, 'exportEdition', { scope: 'page', formats: ['txt'] })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
      expect(await dispatch(handlers, 'exportEdition', { scope: 'edition', id: 9999, formats: ['txt'] })).toMatchObject({ ok: false, error: { code: 'not-found' } })
      expect(await dispatch(handlers, 'exportEdition', { scope: 'page', id: 9999, formats: ['txt'] })).toMatchObject({ ok: false, error: { code: 'not-found' } })
      expect(await dispatch(handlers, 'exportEdition', { scope: 'all', formats: ['pdf'] })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    } finally {
      copy.close()
    }
  })
})
