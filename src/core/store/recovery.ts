import fs from 'node:fs'
import type { BackupInfo, DatabaseProblem, RecoveryInfo } from '../../shared/recovery'
import { openDatabase, StoreError, type Db, type OpenOptions } from './database'
import { backupDate, newestGoodBackup } from './backup'

// How the app (desktop or browser mode) opens its database: a file that cannot be used is
// diagnosed rather than thrown, so the app can start and offer the newest good backup.

export type CheckedOpen = { ok: true; db: Db } | { ok: false; problem: DatabaseProblem; message: string }

const DAMAGE = /not a database|malformed|corrupt/i

/** Opens the database, migrating it, and checks every page of it. */
export function openChecked(file: string, options: OpenOptions = {}): CheckedOpen {
  let db: Db
  try {
    db = openDatabase(file, options)
  } catch (error) {
    return { ok: false, ...openFailure(file, error as Error) }
  }
  try {
    // quick_check reads every page (what a crash or a failing disk breaks) but skips matching
    // each index against its table, which makes integrity_check several times slower on a big store.
    const problems = (db.prepare('PRAGMA quick_check').pluck().all() as string[]).filter((r) => r !== 'ok')
    if (problems.length === 0) return { ok: true, db }
    db.close()
    return { ok: false, problem: 'damaged', message: `database ${file} is damaged: ${oneLine(problems.slice(0, 3).join('; '))}` }
  } catch (error) {
    db.close()
    const message = oneLine((error as Error).message)
    return DAMAGE.test(message)
      ? { ok: false, problem: 'damaged', message: `database ${file} is damaged: ${message}` }
      : { ok: false, problem: 'cannot-open', message: `cannot read database ${file}: ${message}` }
  }
}

function openFailure(file: string, error: Error): { problem: DatabaseProblem; message: string } {
  const message = oneLine(error.message)
  if (error instanceof StoreError) {
    const problem = ({ corrupt: 'damaged', 'not-galley': 'not-galley', 'newer-version': 'newer-version', 'open-failed': 'cannot-open', missing: 'cannot-open', 'in-use': 'cannot-open' } as const)[error.code]
    return { problem, message }
  }
  if (DAMAGE.test(message)) return { problem: 'damaged', message: `database ${file} is damaged: ${message}` }
  return { problem: 'cannot-open', message: `cannot open database ${file}: ${message}` }
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim()

/** What the app tells the editor about a database it cannot use, with the backup it may restore. */
export function recoveryInfo(databasePath: string, failure: { problem: DatabaseProblem; message: string }): RecoveryInfo {
  // A newer Galley's database is sound, and one Galley may not read could be too: putting a
  // backup in their place would throw away good work.
  const restorable = failure.problem === 'damaged' || failure.problem === 'not-galley'
  const newest = restorable ? newestGoodBackup(databasePath) : null
  return { problem: failure.problem, message: failure.message, restorable, backup: newest ? describeBackup(newest) : null }
}

export function describeBackup(file: string): BackupInfo {
  return { file, createdAt: (backupDate(file) ?? fs.statSync(file).mtime).toISOString() }
}
