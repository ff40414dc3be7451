import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import type { Db } from './database'
import { sweepAbandonedEntries } from '../processes'
import { assertNotOpenElsewhere } from './exclusive'
import { hasGalleyTables } from './galleyTables'
import { LATEST_VERSION } from './migrations'
import { backupsToKeep } from './queries/settings'
import { StoreError } from './storeError'
import { copyScansBeside, restoreScans } from './backupScans'

export function backupFolder(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), 'backups')
}

function stamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-')
}

export interface BackupOptions {
  /** Replace an existing file (never the live database, its WAL, or a database another process has open). */
  overwrite?: boolean
}

/**
 * A consistent copy of a live database, written to a hidden file beside the target and renamed
 * into place: the target is either the old file or the whole backup, never half of one.
 */
export async function backupTo(db: Db, target: string, options: BackupOptions = {}): Promise<string> {
  assertBackupTarget(db, target, options.overwrite ?? false)
  const partial = tempBeside(target, 'partial')
  try {
    await db.backup(partial)
    fs.renameSync(partial, target)
  } catch (error) {
    fs.rmSync(partial, { force: true })
    throw error
  }
  copyScansBeside(db, db.name, target)
  return target
}

/**
 * The same, synchronously, for the moment before a migration, when nothing else may run:
 * VACUUM INTO writes a consistent, compact copy in one statement.
 */
export function backupToSync(db: Db, target: string): string {
  assertBackupTarget(db, target, true)
  const partial = tempBeside(target, 'partial')
  try {
    db.prepare('VACUUM INTO ?').run(partial)
    fs.renameSync(partial, target)
  } catch (error) {
    fs.rmSync(partial, { force: true })
    throw error
  }
  return target
}

/**
 * A hidden name of this process's own beside `target` (its folder made), to write to and rename
 * from. Such files left by a killed process (a backup or restore stopped midway) are removed first.
 */
function tempBeside(target: string, what: string): string {
  const resolved = path.resolve(target)
  const dir = path.dirname(resolved)
  fs.mkdirSync(dir, { recursive: true })
  sweepAbandonedTemps(dir, path.basename(resolved))
  return path.join(dir, `.${path.basename(resolved)}.${what}-${process.pid}-${randomBytes(4).toString('hex')}`)
}

const TEMP = /^\.(.+)\.(partial|restoring)-(\d+)-[0-9a-f]{8}(-journal|-wal|-shm)?$/
const SQLITE_HEADER = Buffer.from('SQLite format 3\0')

/**
 * Our temporary copies of `base` whose process is gone: files with our name that are empty or
 * SQLite databases, and the journal SQLite kept beside such a copy; nothing else.
 */
function sweepAbandonedTemps(dir: string, base: string): void {
  sweepAbandonedEntries(dir, TEMP, 3, (file, match) => {
    if (match[1] !== base || !fs.lstatSync(file).isFile()) return
    if (match[4]) {
      fs.rmSync(file, { force: true })
      return
    }
    const head = Buffer.alloc(SQLITE_HEADER.length)
    const fd = fs.openSync(file, 'r')
    let read: number
    try {
      read = fs.readSync(fd, head, 0, head.length, 0)
    } finally {
      fs.closeSync(fd)
    }
    if (read === 0 || head.equals(SQLITE_HEADER)) fs.rmSync(file, { force: true })
  })
}

/**
 * Where a backup may not go: onto the live database or a file SQLite keeps beside it (the copy
 * would replace the file every connection is writing), onto a folder, onto an existing file
 * unless asked to replace it, and onto a database another process has open.
 */
function assertBackupTarget(db: Db, target: string, overwrite: boolean): void {
  const resolved = path.resolve(target)
  if (!db.memory && db.name !== '') {
    const live = path.resolve(db.name)
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      if (sameFile(resolved, live + suffix)) {
        throw new Error(`${resolved} is ${suffix ? `the ${suffix.slice(1).toUpperCase()} file of ` : ''}the database being backed up; write the backup to another file`)
      }
    }
  }
  let stat: fs.Stats
  try {
    stat = fs.statSync(resolved)
  } catch {
    // Nothing there yet: the backup creates it.
    return
  }
  if (stat.isDirectory()) throw new Error(`${resolved} is a folder; give the backup a file name`)
  if (!overwrite) throw new Error(`${resolved} already exists (use --force to replace it)`)
  const companion = /^(.*)-(wal|shm|journal)$/.exec(resolved)
  if (companion && fs.existsSync(companion[1]!)) throw new Error(`${resolved} belongs to the database ${companion[1]}; write the backup to another file`)
  assertNotOpenElsewhere(resolved, 'the file')
}

/** The same file: by name (through links and, where the file system ignores it, case), or by identity (hard links). */
function sameFile(a: string, b: string): boolean {
  const canonical = (file: string): string => {
    let dir = path.dirname(file)
    try {
      dir = fs.realpathSync(dir)
    } catch {
      // a folder that does not exist yet: the name as given
    }
    const full = path.join(dir, path.basename(file))
    return process.platform === 'win32' || process.platform === 'darwin' ? full.toLowerCase() : full
  }
  if (canonical(a) === canonical(b)) return true
  try {
    const sa = fs.statSync(a)
    const sb = fs.statSync(b)
    return sa.dev === sb.dev && sa.ino === sb.ino
  } catch {
    // Either file missing: not the same file.
    return false
  }
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
  // A name of Galley's own in its backups folder: a second backup in the same second replaces the first.
  const file = await backupTo(db, rollingBackupPath(databasePath, reason, now), { overwrite: true })
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
 * Puts a backup in place of the database, keeping the current file aside. Refused while another
 * process (the desktop app, galley serve, a running command) has the database open: its next
 * saves would go to the file kept aside, not to the restored one.
 */
export function restoreFrom(databasePath: string, backup: string, now = new Date()): { keptAside: string | null } {
  const problem = restorableProblem(backup)
  if (problem) throw new Error(`cannot restore ${backup}: ${problem}`)
  const target = path.resolve(databasePath)
  if (!fs.existsSync(target)) {
    // A mistyped --db must not quietly become a second database; a new one is a copy of the backup.
    throw new StoreError(`no database at ${target} to restore into (to start a database from this backup, copy the file there)`, 'missing')
  }
  const incoming = tempBeside(target, 'restoring')
  fs.copyFileSync(backup, incoming)
  try {
    // Checked last, with the copy ready, so that the renames follow at once: a process opening
    // the file in the moment between could still reach the file set aside (no lock can stop an
    // opener that does not ask for one), but every process that already has it open is seen.
    assertNotOpenElsewhere(target)
    const keptAside = `${target}.before-restore-${stamp(now)}`
    fs.renameSync(target, keptAside)
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, keptAside + suffix)
    }
    fs.renameSync(incoming, target)
    restoreScans(target, backup)
    return { keptAside }
  } finally {
    fs.rmSync(incoming, { force: true })
  }
}

export function newestGoodBackup(databasePath: string): string | null {
  for (const file of listBackups(databasePath).reverse()) {
    if (restorableProblem(file) === null) return file
  }
  return null
}
