import type { Db } from './database'

// Transactions better-sqlite3's db.transaction() does not give: a read snapshot held across
// awaits, and a write transaction whose inner work is not wrapped in a savepoint.

/**
 * Holds a read transaction until the returned function is called (WAL: writers carry on, the
 * reader keeps its snapshot). Inside an open transaction, as in a test, it joins it instead.
 */
export function beginRead(db: Db): () => void {
  if (db.inTransaction) return () => {}
  db.prepare('BEGIN DEFERRED').run()
  return () => {
    if (db.inTransaction) db.prepare('COMMIT').run()
  }
}

/**
 * Runs `work` in one BEGIN IMMEDIATE … COMMIT, rolled back when it throws. Unlike
 * db.transaction(), `work` itself is not a savepoint: FTS5 flushes its pending index at every
 * savepoint release, so a batch can index its rows together just before the commit.
 */
export function inBatchTransaction<T>(db: Db, work: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    db.exec('ROLLBACK')
    throw error
  }
}
