import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/core/store/database'
import { LATEST_VERSION } from '../../src/core/store/migrations'
import { backupTo, listBackups, rollingBackupPath } from '../../src/core/store/backup'
import { openChecked } from '../../src/core/store/recovery'
import { dispatch } from '../../src/core/services'
import { openAppSession } from '../../src/core/services/session'
import type { Db } from '../../src/core/store/database'
import { damagePages, sampleDatabase } from '../support/damage'
import { tempDir } from '../support/tmp'

const identity = (text: string) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })

function session(file: string, opened: Db[] = []) {
  return openAppSession({ databasePath: file, mode: 'browser', proposer: () => identity, onOpen: (db) => opened.push(db) })
}

describe('a database the app cannot use', () => {
  it('a file with damaged pages still opens, and the check finds the damage', async () => {
    const file = path.join(tempDir(), 'g.db')
    await sampleDatabase(file)
    damagePages(file)
    openDatabase(file).close()
    const checked = openChecked(file)
    expect(checked).toMatchObject({ ok: false, problem: 'damaged' })
    if (!checked.ok) expect(checked.message).toMatch(new RegExp(`^database ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged: [^\n]+$`))
  })

  it('starts in recovery, offers the newest good backup, restores it keeping the damaged file aside, then serves it', async () => {
    const file = path.join(tempDir(), 'g.db')
    const good = (await sampleDatabase(file, new Date(Date.UTC(2024, 4, 6, 7, 8, 9))))!
    // A newer backup that is itself damaged is passed over.
    const db = openDatabase(file)
    const bad = await backupTo(db, rollingBackupPath(file, 'quit', new Date(Date.UTC(2024, 4, 7))))
    db.close()
    fs.writeFileSync(bad, 'not a database at all')
    damagePages(file)
    const damaged = fs.readFileSync(file)

    const opened: Db[] = []
    const s = session(file, opened)
    expect(s.db()).toBeNull()
    expect(opened).toHaveLength(0)
    const info = await dispatch(s.handlers, 'appInfo', {})
    expect(info).toMatchObject({
      ok: true,
      result: {
        mode: 'browser',
        database: file,
        schemaVersion: null,
        recovery: { problem: 'damaged', restorable: true, backup: { file: good, createdAt: '2024-05-06T07:08:09.000Z' } }
      }
    })
    expect(s.recovery()!.message).toContain(file)

    // Nothing else runs, and nothing is touched, until the editor restores.
    for (const method of ['listPages', 'getSettings', 'listEditions'] as const) {
      const outcome = await dispatch(s.handlers, method, {})
      expect(outcome).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    }
    const wrong = await dispatch(s.handlers, 'restoreNewestBackup', { backup: bad })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(fs.readFileSync(file).equals(damaged)).toBe(true)

    const restored = await dispatch(s.handlers, 'restoreNewestBackup', { backup: good })
    expect(restored).toMatchObject({ ok: true, result: { restored: { file: good } } })
    const keptAside = (restored as { result: { keptAside: string } }).result.keptAside
    expect(path.dirname(keptAside)).toBe(path.dirname(file))
    expect(fs.readFileSync(keptAside).equals(damaged)).toBe(true)

    expect(opened).toHaveLength(1)
    expect(s.db()).toBe(opened[0])
    expect(await dispatch(s.handlers, 'appInfo', {})).toMatchObject({ ok: true, result: { recovery: null, schemaVersion: LATEST_VERSION } })
    const pages = await dispatch(s.handlers, 'listPages', {})
    expect(pages.ok && (pages.result as unknown[]).length).toBe(3)
    expect(await dispatch(s.handlers, 'updateSettings', { backupsToKeep: 4 })).toMatchObject({ ok: true })
    // Once sound, there is nothing to restore.
    expect(await dispatch(s.handlers, 'restoreNewestBackup', { backup: good })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    s.close()

    // The restored file is the backup's content, and sound.
    const check = new Database(file, { readonly: true })
    expect(check.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok')
    expect(check.prepare('SELECT COUNT(*) FROM pages').pluck().get()).toBe(3)
    check.close()
  })

  it('says so when no good backup exists, and changes nothing', async () => {
    const file = path.join(tempDir(), 'g.db')
    await sampleDatabase(file)
    damagePages(file)
    const damaged = fs.readFileSync(file)
    const s = session(file)
    expect(s.recovery()).toMatchObject({ problem: 'damaged', restorable: true, backup: null })
    const outcome = await dispatch(s.handlers, 'restoreNewestBackup', { backup: path.join(path.dirname(file), 'backups', 'anything.db') })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(fs.readFileSync(file).equals(damaged)).toBe(true)
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('before-restore'))).toEqual([])
    s.close()
  })

  it('a file that is not a database at all is damaged too', async () => {
    const file = path.join(tempDir(), 'g.db')
    const good = (await sampleDatabase(file, new Date(Date.UTC(2024, 0, 1))))!
    fs.writeFileSync(file, Buffer.alloc(16384, 0x42))
    const s = session(file)
    expect(s.recovery()).toMatchObject({ problem: 'damaged', restorable: true, backup: { file: good } })
    s.close()
  })

  it("never offers to replace a newer Galley's database, however many backups there are", async () => {
    const file = path.join(tempDir(), 'g.db')
    await sampleDatabase(file, new Date(Date.UTC(2024, 0, 1)))
    const raw = new Database(file)
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`)
    raw.close()
    const before = fs.readFileSync(file)
    const s = session(file)
    expect(s.recovery()).toMatchObject({ problem: 'newer-version', restorable: false, backup: null })
    const backup = listBackups(file)[0]!
    expect(await dispatch(s.handlers, 'restoreNewestBackup', { backup })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(fs.readFileSync(file).equals(before)).toBe(true)
    s.close()
  })

  it('restores nothing when a second look finds the database sound', async () => {
    const file = path.join(tempDir(), 'g.db')
    const good = (await sampleDatabase(file, new Date(Date.UTC(2024, 0, 1))))!
    const sound = fs.readFileSync(file)
    damagePages(file)
    const s = session(file)
    expect(s.recovery()).not.toBeNull()
    // Repaired behind the app's back (say, galley restore from a terminal).
    fs.writeFileSync(file, sound)
    const outcome = await dispatch(s.handlers, 'restoreNewestBackup', { backup: good })
    expect(outcome).toEqual({ ok: true, result: { restored: null, keptAside: null } })
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('before-restore'))).toEqual([])
    expect(s.db()).not.toBeNull()
    s.close()
  })
})
