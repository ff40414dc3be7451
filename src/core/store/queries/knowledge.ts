import type { Db } from '../database'
import { stmt } from '../statements'
import { nowIso } from './time'

// What Galley has learnt from the editor: accepted and rejected corrections, protected terms,
// and the names seen across the store.

export interface CorrectionRow {
  original: string
  replacement: string
  contextBefore: string
  contextAfter: string
  decision: 'accepted' | 'rejected'
}

export function recordCorrection(db: Db, c: CorrectionRow & { pageId: number | null }): void {
  stmt(
    db,
    `INSERT INTO corrections (original, replacement, context_before, context_after, page_id, decision, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`
  ).run(c.original, c.replacement, c.contextBefore, c.contextAfter, c.pageId, c.decision, nowIso())
}

export function listCorrections(db: Db): CorrectionRow[] {
  return stmt(
    db,
    `SELECT original, replacement, context_before AS contextBefore, context_after AS contextAfter, decision
       FROM corrections ORDER BY id`
  ).all() as CorrectionRow[]
}

export function listProtectedTerms(db: Db): string[] {
  return stmt(db, 'SELECT term FROM protected_terms ORDER BY term').pluck().all() as string[]
}

export function addProtectedTerm(db: Db, term: string, note = ''): void {
  stmt(db, 'INSERT OR IGNORE INTO protected_terms (term, note, created_at) VALUES (?, ?, ?)').run(term, note, nowIso())
}

export function removeProtectedTerm(db: Db, term: string): void {
  stmt(db, 'DELETE FROM protected_terms WHERE term = ?').run(term)
}

/** Names of a page that has none stored yet. */
export function insertPageNames(db: Db, pageId: number, names: ReadonlyMap<string, number>): void {
  const insert = stmt(db, 'INSERT INTO page_names (page_id, name, count) VALUES (?, ?, ?)')
  for (const [name, count] of names) insert.run(pageId, name, count)
}

export function storeNameCounts(db: Db): Map<string, number> {
  const rows = stmt(db, 'SELECT name, SUM(count) AS n FROM page_names GROUP BY name').all() as { name: string; n: number }[]
  return new Map(rows.map((r) => [r.name, r.n]))
}
