import type { Database } from 'better-sqlite3'

/** Whether a SQLite file has Galley's tables (revisions is a view from schema 6 on). */
export function hasGalleyTables(db: Database): boolean {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").pluck().all() as string[]
  return names.includes('pages') && names.includes('revisions')
}
