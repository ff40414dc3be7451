import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase, schemaVersion } from '../../src/core/store/database'
import { LATEST_VERSION, migrations } from '../../src/core/store/migrations'
import { backupIfDue, backupTo, listBackups, rollingBackup, rollingBackupPath } from '../../src/core/store/backup'
import { readSettings, writeSettings } from '../../src/core/store/queries/settings'
import { createHandlers, dispatch } from '../../src/core/services'
import { DEFAULT_SETTINGS } from '../../src/shared/settings'
import { main } from '../../src/cli/main'
import { tempDir } from '../support/tmp'

const identity = (text: string) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })
const quiet = { out: () => undefined, err: () => undefined, json: () => undefined }

/** A database as Galley wrote it at schema 4, before settings were read or checked. */
function schema4(file: string, settings: Record<string, string> = {}): void {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  for (const m of migrations.filter((m) => m.version <= 4)) m.up(db)
  db.pragma('user_version = 4')
  for (const [key, value] of Object.entries(settings)) db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, value)
  db.close()
}

/** Rolling backups dated one a day from 2024-01-01, as real copies of the database. */
async function oldBackups(file: string, count: number): Promise<string[]> {
  const db = new Database(file, { readonly: true })
  try {
    const made: string[] = []
    for (let i = 0; i < count; i++) made.push(await backupTo(db, rollingBackupPath(file, 'daily', new Date(Date.UTC(2024, 0, 1 + i)))))
    return made
  } finally {
    db.close()
  }
}

const rawSettings = (db: Database.Database): unknown[] => db.prepare('SELECT key, value FROM settings ORDER BY key').all()

describe('settings in the store', () => {
  it('migration 5 takes a schema-4 database to the latest schema, backs it up first and prunes to its setting', async () => {
    const file = path.join(tempDir(), 'old.db')
    schema4(file, { backupsToKeep: '2', someone: 'else' })
    const before = await oldBackups(file, 4)

    const db = openDatabase(file)
    expect(schemaVersion(db)).toBe(LATEST_VERSION)
    expect(readSettings(db)).toEqual({ backupsToKeep: 2, locale: null })
    // A key Galley does not know is left as it was.
    expect(db.prepare("SELECT value FROM settings WHERE key = 'someone'").pluck().get()).toBe('else')
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'settings' ORDER BY name").pluck().all()
    expect(triggers).toEqual(['settings_valid_on_insert', 'settings_valid_on_update'])
    db.close()

    // Two kept: the copy taken before migrating (still at schema 4) and the newest older one.
    const left = listBackups(file)
    expect(left).toHaveLength(2)
    expect(left[0]).toBe(before[3])
    expect(left[1]).toMatch(/before-v\d+\.db$/)
    const copy = new Database(left[1]!, { readonly: true })
    expect(copy.pragma('user_version', { simple: true })).toBe(4)
    copy.close()
  })

  it('reads a value written by hand before the checks existed as the default', () => {
    const file = path.join(tempDir(), 'old.db')
    schema4(file, { backupsToKeep: '0', locale: 'fr' })
    const db = openDatabase(file, { noBackup: true })
    expect(readSettings(db)).toEqual(DEFAULT_SETTINGS)
    db.close()
  })

  it('the database itself refuses a setting out of range, on insert and on update', () => {
    const db = openDatabase(path.join(tempDir(), 'g.db'))
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)')
    for (const bad of ['0', '101', '5.5', 'abc', '007', '', '1e2', ' 5']) {
      expect(() => insert.run('backupsToKeep', bad), bad).toThrow(/invalid setting/)
    }
    expect(() => insert.run('backupsToKeep', 5.5)).toThrow(/invalid setting/)
    expect(() => insert.run('locale', 'fr')).toThrow(/invalid setting/)
    insert.run('backupsToKeep', '100')
    expect(() => db.prepare("UPDATE settings SET value = '0' WHERE key = 'backupsToKeep'").run()).toThrow(/invalid setting/)
    insert.run('somethingElse', 'anything')
    expect(readSettings(db).backupsToKeep).toBe(100)
    db.close()
  })
})

describe('the settings API', () => {
  it('refuses bad values with a one-line error and changes nothing', async () => {
    const file = path.join(tempDir(), 'g.db')
    const db = openDatabase(file)
    const handlers = createHandlers({ db, databasePath: file, mode: 'browser', propose: identity })
    expect(await dispatch(handlers, 'getSettings', {})).toEqual({ ok: true, result: DEFAULT_SETTINGS })
    expect(await dispatch(handlers, 'updateSettings', { backupsToKeep: 7, locale: 'en' })).toEqual({ ok: true, result: { backupsToKeep: 7, locale: 'en' } })
    const stored = rawSettings(db)

    const bad: unknown[] = [
      { backupsToKeep: 0 },
      { backupsToKeep: 101 },
      { backupsToKeep: 2.5 },
      { backupsToKeep: '5' },
      { backupsToKeep: null },
      { locale: 'fr' },
      {},
      { colour: 'red' },
      // One bad key spoils the whole call: the good one is not written either.
      { backupsToKeep: 3, colour: 'red' },
      { backupsToKeep: 3, locale: 'de' },
      null,
      []
    ]
    for (const args of bad) {
      const outcome = await dispatch(handlers, 'updateSettings', args)
      expect(outcome.ok, JSON.stringify(args)).toBe(false)
      if (outcome.ok) continue
      expect(outcome.error.code, JSON.stringify(args)).toBe('invalid-argument')
      expect(outcome.error.message).toMatch(/^updateSettings: [^\n]+$/)
    }
    expect(rawSettings(db)).toEqual(stored)
    expect(readSettings(db)).toEqual({ backupsToKeep: 7, locale: 'en' })
    db.close()

    // Durable: another connection (another process, a restart) sees them.
    const again = openDatabase(file)
    const later = createHandlers({ db: again, databasePath: file, mode: 'desktop', propose: identity })
    expect(await dispatch(later, 'getSettings', {})).toEqual({ ok: true, result: { backupsToKeep: 7, locale: 'en' } })
    expect(await dispatch(later, 'updateSettings', { locale: null })).toEqual({ ok: true, result: { backupsToKeep: 7, locale: null } })
    expect(again.prepare("SELECT COUNT(*) FROM settings WHERE key = 'locale'").pluck().get()).toBe(0)
    again.close()
  })
})

describe('rolling backups keep the number set', () => {
  it('a rolling backup (on quit, manual) prunes to the setting', async () => {
    const file = path.join(tempDir(), 'g.db')
    const db = openDatabase(file)
    writeSettings(db, { backupsToKeep: 3 })
    for (let i = 0; i < 5; i++) await rollingBackup(db, file, 'quit', undefined, new Date(Date.UTC(2024, 0, 1 + i)))
    const left = listBackups(file)
    expect(left.map((f) => path.basename(f))).toEqual([
      'galley-20240103-000000Z-quit.db',
      'galley-20240104-000000Z-quit.db',
      'galley-20240105-000000Z-quit.db'
    ])
    writeSettings(db, { backupsToKeep: 1 })
    await rollingBackup(db, file, 'quit', undefined, new Date(Date.UTC(2024, 0, 9)))
    expect(listBackups(file).map((f) => path.basename(f))).toEqual(['galley-20240109-000000Z-quit.db'])
    db.close()
  })

  it('the daily backup prunes to the setting', async () => {
    const file = path.join(tempDir(), 'g.db')
    const db = openDatabase(file)
    db.close()
    const old = await oldBackups(file, 4)
    const longAgo = new Date(Date.UTC(2024, 0, 5))
    for (const f of old) fs.utimesSync(f, longAgo, longAgo)
    const open = openDatabase(file)
    writeSettings(open, { backupsToKeep: 2 })
    const daily = await backupIfDue(open, file)
    expect(daily).not.toBeNull()
    expect(listBackups(file)).toEqual([old[3], daily])
    // Not due again within the day.
    expect(await backupIfDue(open, file)).toBeNull()
    open.close()
  })

  it('galley backup prunes to the setting, --keep overrides it, and a bad --keep is a usage error that writes nothing', async () => {
    const file = path.join(tempDir(), 'g.db')
    const db = openDatabase(file)
    writeSettings(db, { backupsToKeep: 3 })
    db.close()
    await oldBackups(file, 5)
    expect(await main(['backup', '--db', file], quiet)).toBe(0)
    let left = listBackups(file)
    expect(left).toHaveLength(3)
    expect(left[2]).toMatch(/-manual\.db$/)

    const before = listBackups(file)
    for (const keep of ['0', '101', '2.5', 'two', '']) {
      const errors: string[] = []
      expect(await main(['backup', '--keep', keep, '--db', file], { ...quiet, err: (l) => errors.push(l) }), keep).toBe(2)
      expect(errors[0]).toMatch(/--keep takes a whole number from 1 to 100/)
    }
    expect(await main(['backup', '--keep', '2', '--out', path.join(path.dirname(file), 'x.db'), '--db', file], quiet)).toBe(2)
    expect(fs.existsSync(path.join(path.dirname(file), 'x.db'))).toBe(false)
    expect(listBackups(file)).toEqual(before)

    expect(await main(['backup', '--keep', '1', '--db', file], quiet)).toBe(0)
    left = listBackups(file)
    expect(left).toHaveLength(1)
    expect(left[0]).toMatch(/-manual\.db$/)
    // The override is for that run only.
    const check = openDatabase(file)
    expect(readSettings(check).backupsToKeep).toBe(3)
    check.close()
  })
})
