import Database from 'better-sqlite3'
import type { Db } from './database'
import { StoreError } from './storeError'

// Whether another process has a database open, asked of SQLite itself. Every connection to a WAL
// database (the desktop app, `galley serve`, a running import, an export's reader) holds a shared
// lock on the file for as long as it is open, and the operating system drops that lock when the
// process ends, however it ends: a killed server never leaves a stale lock behind. A connection
// in exclusive locking mode gets its lock on the file only when no other process holds one.
//
// Locks are per process (POSIX advisory locks), so this never sees the caller's own connections:
// the commands that use it do not hold the file open themselves.

/** How long to wait for a lock another process holds only for a moment (a short command, a checkpoint). */
const WAIT_MS = 500

/**
 * Throws StoreError 'in-use' when another process has the database file open. A missing file, or
 * one SQLite cannot read as a database (damaged, not SQLite), cannot be open in another Galley:
 * it passes. The probe's connection closes before this returns; as the last connection to a WAL
 * database it folds the WAL into the file, as any last Galley connection does.
 */
export function assertNotOpenElsewhere(file: string, what = 'the database'): void {
  let probe: Db
  try {
    probe = new Database(file, { fileMustExist: true })
  } catch {
    // No database there to hold open (or not one SQLite can open): nothing to guard.
    return
  }
  try {
    probe.pragma(`busy_timeout = ${WAIT_MS}`)
    // Exclusive locking mode asks for the file itself, not only WAL's write lock.
    probe.pragma('locking_mode = EXCLUSIVE')
    probe.exec('BEGIN EXCLUSIVE')
    probe.exec('COMMIT')
  } catch (error) {
    const code = (error as { code?: string }).code ?? ''
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new StoreError(`${what} ${file} is open in another Galley process (the desktop app, galley serve or a running command); close it first`, 'in-use')
    }
  } finally {
    probe.close()
  }
}
