import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { LATEST_VERSION, migrations } from './migrations'
import { backupToSync, pruneBackups, rollingBackupPath } from './backup'
import { backupsToKeep } from './queries/settings'
import { hasGalleyTables } from './galleyTables'

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
}

export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'newer-version' | 'not-galley' | 'corrupt' | 'open-failed'
  ) {
    super(message)
    this.name = 'StoreError'
  }
}

/**
 * Opens (creating if needed) a Galley database and brings it to the latest schema.
 * A database written by a newer Galley is refused before anything is written to it.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
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
    if (!options.readonly) {
      db.pragma('journal_mode = WAL')
      // NORMAL is durable in WAL mode against process crashes; only a power cut may lose
      // the last transactions, never corrupt the file.
      db.pragma('synchronous = NORMAL')
    }
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 10000')
    if (version < LATEST_VERSION && !options.readonly) {
      assertGalleyDatabase(db, file, version)
      if (version > 0 && file !== ':memory:' && !options.noBackup) {
        backupToSync(db, rollingBackupPath(file, `before-v${LATEST_VERSION}`))
        pruneBackups(file, backupsToKeep(db))
      }
      options.beforeMigrate?.(db, version, LATEST_VERSION)
      migrate(db, version)
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

// Never migrate somebody else's SQLite file into a Galley database.
function assertGalleyDatabase(db: Db, file: string, version: number): void {
  const isEmpty = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").pluck().get() === 0
  const isGalley = version === 0 ? isEmpty : hasGalleyTables(db)
  if (!isGalley) throw new StoreError(`${file} is not a Galley database`, 'not-galley')
}

/** Each step runs in its own transaction together with its version bump. */
function migrate(db: Db, from: number): void {
  for (const migration of migrations) {
    if (migration.version <= from) continue
    db.transaction(() => {
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
