import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/core/store/database'
import { migrations } from '../../src/core/store/migrations'
import { backupTo, checkDatabase, listBackups, newestGoodBackup, pruneBackups, restoreFrom, rollingBackupPath } from '../../src/core/store/backup'
import { importPaths } from '../../src/core/import/importer'
import { main } from '../../src/cli/main'
import { SAMPLES, tempDir } from '../support/tmp'

const identity = (text: string) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })
const quiet = { out: () => undefined, err: () => undefined, json: () => undefined }

describe('backups', () => {
  it('writes a consistent online backup that restores, keeping the current file aside', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'g.db')
    const db = openDatabase(file)
    await importPaths(db, [SAMPLES], { edition: 'e', propose: identity })
    const backup = await backupTo(db, path.join(dir, 'copy.db'))
    db.prepare("INSERT INTO settings (key, value) VALUES ('after', 'backup')").run()
    db.close()

    const { keptAside } = restoreFrom(file, backup)
    expect(keptAside && fs.existsSync(keptAside)).toBeTruthy()
    const restored = openDatabase(file)
    expect(checkDatabase(restored)).toMatchObject({ ok: true, counts: { pages: 3 } })
    expect(restored.prepare("SELECT value FROM settings WHERE key = 'after'").get()).toBeUndefined()
    restored.close()
    const aside = new Database(keptAside!, { readonly: true })
    expect(aside.prepare("SELECT value FROM settings WHERE key = 'after'").pluck().get()).toBe('backup')
    aside.close()
  })

  it('refuses to restore a file that is not a Galley database, and changes nothing', () => {
    const dir = tempDir()
    const file = path.join(dir, 'g.db')
    openDatabase(file).close()
    const before = fs.readFileSync(file)
    const junk = path.join(dir, 'junk.db')
    fs.writeFileSync(junk, 'hello')
    expect(() => restoreFrom(file, junk)).toThrow(/not a Galley database/)
    const other = new Database(path.join(dir, 'other.db'))
    other.exec('CREATE TABLE t (x)')
    other.close()
    expect(() => restoreFrom(file, path.join(dir, 'other.db'))).toThrow(/not a Galley database/)
    expect(fs.readFileSync(file).equals(before)).toBe(true)
  })

  it('backs up before migrating an existing database', () => {
    const dir = tempDir()
    const file = path.join(dir, 'old.db')
    // A database at schema 1, as the first release wrote it: the current code migrates it and must back it up first.
    const db = new Database(file)
    migrations[0]!.up(db)
    db.pragma('user_version = 1')
    db.close()
    openDatabase(file).close()
    const backups = listBackups(file)
    expect(backups).toHaveLength(1)
    expect(backups[0]).toMatch(/before-v\d+\.db$/)
    const copy = new Database(backups[0]!, { readonly: true })
    expect(copy.pragma('user_version', { simple: true })).toBe(1)
    copy.close()
  })

  it('keeps the newest N rolling backups and finds the newest good one', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'g.db')
    const db = openDatabase(file)
    for (let i = 0; i < 5; i++) await backupTo(db, rollingBackupPath(file, 'daily', new Date(Date.UTC(2024, 0, 1 + i))))
    expect(pruneBackups(file, 3)).toHaveLength(2)
    const left = listBackups(file)
    expect(left).toHaveLength(3)
    fs.writeFileSync(left[2]!, 'corrupted')
    expect(newestGoodBackup(file)).toBe(left[1])
    db.close()
  })

  it('galley backup, check and restore from the CLI', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'g.db')
    expect(await main(['import', SAMPLES, '--db', file], quiet)).toBe(0)
    expect(await main(['backup', '--out', path.join(dir, 'b.db'), '--db', file], quiet)).toBe(0)
    const report: unknown[] = []
    expect(await main(['check', '--json', '--db', file], { ...quiet, json: (v) => report.push(v) })).toBe(0)
    expect(report[0]).toMatchObject({ ok: true, counts: { pages: 3 } })
    expect(await main(['restore', path.join(dir, 'nope.db'), '--db', file], quiet)).toBe(1)
    expect(await main(['restore', path.join(dir, 'b.db'), '--db', file], quiet)).toBe(0)
    expect(await main(['check', '--db', file], quiet)).toBe(0)
  })

  it('galley check fails on a damaged database', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'g.db')
    await main(['import', SAMPLES, '--db', file], quiet)
    // Break Galley's invariant behind its back: a page whose current revision is gone.
    const raw = new Database(file)
    raw.pragma('foreign_keys = OFF')
    raw.prepare('UPDATE pages SET current_revision_id = 9999 WHERE id = 1').run()
    raw.close()
    expect(await main(['check', '--db', file], quiet)).toBe(1)
  })

  it('points at the newest good backup when the database is damaged, and changes nothing', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'g.db')
    await main(['import', SAMPLES, '--db', file], quiet)
    const db = openDatabase(file)
    await backupTo(db, rollingBackupPath(file, 'daily'))
    db.close()
    fs.writeFileSync(file, Buffer.alloc(16384, 0x42))
    const damaged = fs.readFileSync(file)
    const errors: string[] = []
    expect(await main(['check', '--db', file], { ...quiet, err: (l) => errors.push(l) })).toBe(1)
    expect(errors.join('\n')).toMatch(/damaged[\s\S]*galley restore .*daily\.db/)
    expect(fs.readFileSync(file).equals(damaged)).toBe(true)
  })
})
