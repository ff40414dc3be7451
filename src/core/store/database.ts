import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { LATEST_VERSION, migrations } from './migrations'
import { backupToSync, pruneBackups, rollingBackupPath } from './backup'
import { backupsToKeep } from './queries/settings'
import { hasGalleyTables } from './galleyTables'
import { StoreError } from './storeError'

export { StoreError }

export type Db = Database.Database

// How each connection was opened, so that a second connection to its file (openReader) loads
// the same native binding: in the Electron shell the default one is built for Node's ABI.
const openedWith = new WeakMap<Db, OpenOptions>()

export interface OpenOptions {
  readonly?: boolean
  /** Path to a better_sqlite3.node built for another runtime (the Electron shell). */
  nativeBinding?: string
  /** Runs before pending migrations of an existing database (a backup, by default). */
  beforeMigrate?: (db: Db, from: number, to: number) => void
  /** Skip the backup taken before migrating an existing database. */
  noBackup?: boolean
  /** Refuse a file that does not exist instead of creating an empty database (every command that only reads or changes one). */
  mustExist?: boolean
}

/**
 * Opens (creating if needed) a Galley database and brings it to the latest schema.
 * A database written by a newer Galley is refused before anything is written to it.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (options.mustExist && file !== ':memory:' && !fs.existsSync(file)) {
    // A mistyped --db (or a folder an export replaced) must not turn into a new, empty database that answers "ok".
    throw new StoreError(`no database at ${path.resolve(file)} (galley import creates one)`, 'missing')
  }
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  let db: Db
  try {
    db = new Database(file, {
      readonly: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
    })
  } catch (error) {
    throw new StoreError(`cannot open database ${file}: ${(error as Error).message}`, 'open-failed')
  }
  try {
    // Read the version before touching anything: a newer database must be left as it is.
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > LATEST_VERSION) {
      throw new StoreError(
        `database ${file} was written by a newer Galley (schema ${version}, this version knows up to ${LATEST_VERSION}); update Galley to open it`,
        'newer-version'
      )
    }
    // Before anything that may wait for a lock another process holds for a moment.
    db.pragma(`busy_timeout = ${BUSY_WAIT_MS}`)
    if (!options.readonly) {
      switchToWal(db)
      // NORMAL is durable in WAL mode against process crashes; only a power cut may lose
      // the last transactions, never corrupt the file.
      db.pragma('synchronous = NORMAL')
    }
    db.pragma('foreign_keys = ON')
    if (version < LATEST_VERSION && !options.readonly) {
      // Read again, in one snapshot: another process may have migrated the file meanwhile.
      const current = db.transaction(() => {
        const now = schemaVersion(db)
        assertGalleyDatabase(db, file, now)
        return now
      })()
      if (current < LATEST_VERSION) {
        if (current > 0 && file !== ':memory:' && !options.noBackup) {
          backupToSync(db, rollingBackupPath(file, `before-v${LATEST_VERSION}`))
          pruneBackups(file, backupsToKeep(db))
        }
        options.beforeMigrate?.(db, current, LATEST_VERSION)
        migrate(db, file)
      }
    }
    openedWith.set(db, options)
    return db
  } catch (error) {
    db.close()
    if (error instanceof StoreError) throw error
    const message = (error as Error).message
    if (/not a database|malformed|corrupt/i.test(message)) {
      throw new StoreError(`database ${file} is damaged: ${message}`, 'corrupt')
    }
    throw error
  }
}

/** How long a connection waits for a lock another process holds only for a moment. */
const BUSY_WAIT_MS = 10_000

/**
 * Switching a new file to WAL reads its header and then writes it. When several processes create
 * the same database at once (three imports started together), the one that asks to write while
 * another already does gets SQLITE_BUSY at once: SQLite does not call the busy handler for a
 * reader that wants to write, since two such readers could wait for each other for ever. Each
 * asks again after a short, random pause, until the header is switched (by it or another).
 */
function switchToWal(db: Db): void {
  const deadline = Date.now() + BUSY_WAIT_MS
  for (;;) {
    try {
      db.pragma('journal_mode = WAL')
      return
    } catch (error) {
      const code = (error as { code?: string }).code ?? ''
      if (!code.startsWith('SQLITE_BUSY') || Date.now() > deadline) throw error
      Atomics.wait(PAUSE, 0, 0, 5 + Math.random() * 20)
    }
  }
}
const PAUSE = new Int32Array(new SharedArrayBuffer(4))

// Never migrate somebody else's SQLite file into a Galley database.
function assertGalleyDatabase(db: Db, file: string, version: number): void {
  const isEmpty = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").pluck().get() === 0
  const isGalley = version === 0 ? isEmpty : hasGalleyTables(db)
  if (!isGalley) throw new StoreError(`${file} is not a Galley database`, 'not-galley')
}

/**
 * Each step runs in its own write transaction together with its version bump. The version read
 * when the file was opened may be stale by now: other processes may be opening the same new
 * database at this moment (three imports started at once). So each step reads it again once it
 * holds the write lock (BEGIN IMMEDIATE) and is skipped when another process has already run it.
 */
function migrate(db: Db, file: string): void {
  for (const migration of migrations) {
    db.transaction(() => {
      const current = schemaVersion(db)
      if (current >= migration.version) return
      assertGalleyDatabase(db, file, current)
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    }).immediate()
  }
}

/**
 * A read-only connection of its own to the same file, for a long read (an export) that must
 * keep one snapshot while `db` goes on writing; WAL lets both run. The caller closes it.
 * Null for an in-memory database, which no second connection can see.
 */
export function openReader(db: Db): Db | null {
  if (db.memory || db.name === '') return null
  const binding = openedWith.get(db)?.nativeBinding
  return openDatabase(db.name, { readonly: true, ...(binding ? { nativeBinding: binding } : {}) })
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}
