import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Db } from './database'
import { hasGalleyTables } from './galleyTables'
import { LATEST_VERSION } from './migrations'
import { backupsToKeep } from './queries/settings'

export function backupFolder(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), 'backups')
}

function stamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-')
}

/** A consistent copy of a live database, written beside and renamed into place. */
export async function backupTo(db: Db, target: string): Promise<string> {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true })
  const partial = `${target}.partial`
  fs.rmSync(partial, { force: true })
  await db.backup(partial)
  fs.renameSync(partial, target)
  return target
}

/**
 * The same, synchronously, for the moment before a migration, when nothing else may run:
 * VACUUM INTO writes a consistent, compact copy in one statement.
 */
export function backupToSync(db: Db, target: string): string {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true })
  const partial = `${target}.partial`
  fs.rmSync(partial, { force: true })
  db.prepare('VACUUM INTO ?').run(partial)
  fs.renameSync(partial, target)
  return target
}

/** When a rolling backup was written, read back from its name; null for any other file. */
export function backupDate(file: string): Date | null {
  const m = /^galley-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})Z-/.exec(path.basename(file))
  if (!m) return null
  const [, y, mo, d, h, mi, se] = m.map(Number) as number[]
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, se!))
}

export function rollingBackupPath(databasePath: string, reason: string, date = new Date()): string {
  return path.join(backupFolder(databasePath), `galley-${stamp(date)}-${reason}.db`)
}

export function listBackups(databasePath: string): string[] {
  const dir = backupFolder(databasePath)
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .filter((f) => /^galley-\d{8}-\d{6}Z-[a-z0-9-]+\.db$/.test(f))
    .sort()
    .map((f) => path.join(dir, f))
}

/** Keeps the newest `keep` rolling backups. */
export function pruneBackups(databasePath: string, keep: number): string[] {
  const all = listBackups(databasePath)
  const removed = all.slice(0, Math.max(0, all.length - keep))
  for (const file of removed) fs.rmSync(file, { force: true })
  return removed
}

/** A rolling backup, then only the newest `keep` of them are kept (the user's setting unless given). */
export async function rollingBackup(db: Db, databasePath: string, reason: string, keep = backupsToKeep(db), now = new Date()): Promise<string> {
  const file = await backupTo(db, rollingBackupPath(databasePath, reason, now))
  pruneBackups(databasePath, keep)
  return file
}

/** A daily backup, when the newest one is older than a day. */
export async function backupIfDue(db: Db, databasePath: string, keep = backupsToKeep(db), now = new Date()): Promise<string | null> {
  const newest = listBackups(databasePath).at(-1)
  if (newest && now.getTime() - fs.statSync(newest).mtimeMs < 24 * 3600 * 1000) return null
  return rollingBackup(db, databasePath, 'daily', keep, now)
}

export interface CheckReport {
  ok: boolean
  integrity: string[]
  foreignKeys: number
  schemaVersion: number
  counts: { editions: number; pages: number; revisions: number; articles: number; suggestions: number }
  pagesWithoutRevision: number
}

/** What `galley check` prints: SQLite's own checks plus Galley's invariants. */
export function checkDatabase(db: Db): CheckReport {
  const integrity = (db.prepare('PRAGMA integrity_check').pluck().all() as string[]).filter((r) => r !== 'ok')
  const foreignKeys = db.prepare('PRAGMA foreign_key_check').all().length
  const count = (table: string): number => (db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number) ?? 0
  const pagesWithoutRevision = db
    .prepare(
      `SELECT COUNT(*) FROM pages p WHERE p.current_revision_id IS NULL
          OR NOT EXISTS (SELECT 1 FROM revisions r WHERE r.id = p.current_revision_id AND r.page_id = p.id)`
    )
    .pluck()
    .get() as number
  return {
    ok: integrity.length === 0 && foreignKeys === 0 && pagesWithoutRevision === 0,
    integrity,
    foreignKeys,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    counts: {
      editions: count('editions'),
      pages: count('pages'),
      revisions: count('revisions'),
      articles: count('articles'),
      suggestions: count('suggestions')
    },
    pagesWithoutRevision
  }
}

/** Why a file cannot be restored, or null when it is a sound Galley database this version can open. */
export function restorableProblem(file: string): string | null {
  if (!fs.existsSync(file)) return 'no such file'
  let db: Db | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const version = db.pragma('user_version', { simple: true }) as number
    if (version === 0 || !hasGalleyTables(db)) return 'not a Galley database'
    if (version > LATEST_VERSION) return `written by a newer Galley (schema ${version})`
    const integrity = db.prepare('PRAGMA integrity_check').pluck().all() as string[]
    if (integrity.join() !== 'ok') return `damaged: ${integrity.slice(0, 3).join('; ')}`
    return null
  } catch (error) {
    return `not a Galley database (${(error as Error).message})`
  } finally {
    db?.close()
  }
}

/**
 * Puts a backup in place of the database, keeping the current file aside. The database must be
 * closed by every process of this app.
 */
export function restoreFrom(databasePath: string, backup: string, now = new Date()): { keptAside: string | null } {
  const problem = restorableProblem(backup)
  if (problem) throw new Error(`cannot restore ${backup}: ${problem}`)
  let keptAside: string | null = null
  const target = path.resolve(databasePath)
  fs.mkdirSync(path.dirname(target), { recursive: true })
  const incoming = `${target}.restoring`
  fs.copyFileSync(backup, incoming)
  if (fs.existsSync(target)) {
    keptAside = `${target}.before-restore-${stamp(now)}`
    fs.renameSync(target, keptAside)
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, keptAside + suffix)
    }
  }
  fs.renameSync(incoming, target)
  return { keptAside }
}

export function newestGoodBackup(databasePath: string): string | null {
  for (const file of listBackups(databasePath).reverse()) {
    if (restorableProblem(file) === null) return file
  }
  return null
}
