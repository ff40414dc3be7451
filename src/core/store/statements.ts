import type { Statement } from 'better-sqlite3'
import type { Db } from './database'

// Preparing SQL costs more than running it on the hot paths (import, save, open): every query
// function keeps its statements per connection.
const caches = new WeakMap<Db, Map<string, Statement>>()

export function stmt(db: Db, sql: string): Statement {
  let cache = caches.get(db)
  if (!cache) {
    cache = new Map()
    caches.set(db, cache)
  }
  let statement = cache.get(sql)
  if (!statement) {
    statement = db.prepare(sql)
    cache.set(sql, statement)
  }
  return statement
}
