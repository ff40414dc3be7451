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

/**
 * Records what the editor taught, once: the same lesson from the same page (an accepted
 * suggestion is also the text typed by the accept) is one row.
 */
export function recordCorrection(db: Db, c: CorrectionRow & { pageId: number | null }): void {
  stmt(
    db,
    `INSERT INTO corrections (original, replacement, context_before, context_after, page_id, decision, created_at)
     SELECT @original, @replacement, @before, @after, @pageId, @decision, @at
      WHERE NOT EXISTS (SELECT 1 FROM corrections WHERE original = @original AND decision = @decision AND replacement = @replacement
                          AND context_before = @before AND context_after = @after AND page_id IS @pageId)`
  ).run({ original: c.original, replacement: c.replacement, before: c.contextBefore, after: c.contextAfter, pageId: c.pageId, decision: c.decision, at: nowIso() })
}

export function listCorrections(db: Db): CorrectionRow[] {
  return correctionsAfter(db, 0).map(({ id: _id, ...row }) => row)
}

/** Corrections recorded after the one with this id, in order (the table is append-only). */
export function correctionsAfter(db: Db, id: number): (CorrectionRow & { id: number })[] {
  return stmt(
    db,
    `SELECT id, original, replacement, context_before AS contextBefore, context_after AS contextAfter, decision
       FROM corrections WHERE id > ? ORDER BY id`
  ).all(id) as (CorrectionRow & { id: number })[]
}

export interface CorrectionGroup {
  original: string
  replacement: string
  decision: 'accepted' | 'rejected'
  count: number
  lastAt: string
}

/** The corrections as lessons: one per (original, replacement, decision), newest first. */
export function listCorrectionGroups(db: Db): CorrectionGroup[] {
  return stmt(
    db,
    `SELECT original, replacement, decision, COUNT(*) AS count, MAX(created_at) AS lastAt
       FROM corrections GROUP BY original, replacement, decision ORDER BY MAX(id) DESC`
  ).all() as CorrectionGroup[]
}

/** Removes a lesson (every row of it); returns how many rows went. */
export function deleteCorrections(db: Db, c: { original: string; replacement: string; decision: string }): number {
  return stmt(db, 'DELETE FROM corrections WHERE original = ? AND replacement = ? AND decision = ?').run(c.original, c.replacement, c.decision).changes
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

/** The names stored for a page (read by key). */
export function pageNames(db: Db, pageId: number): Map<string, number> {
  const rows = stmt(db, 'SELECT name, count FROM page_names WHERE page_id = ?').all(pageId) as { name: string; count: number }[]
  return new Map(rows.map((r) => [r.name, r.count]))
}

/** The page's names after its text changed. */
export function replacePageNames(db: Db, pageId: number, names: ReadonlyMap<string, number>): void {
  stmt(db, 'DELETE FROM page_names WHERE page_id = ?').run(pageId)
  insertPageNames(db, pageId, names)
}

export function storeNameCounts(db: Db): Map<string, number> {
  return nameCountsAfterPage(db, 0)
}

/**
 * How much the store says for each name spelling, from the pages after this page id: each page
 * that has the name counts once (a misreading repeated on one page is one witness), and a page
 * the editor approved counts APPROVED_PAGE_WEIGHT times (its spelling was read by a person).
 */
export function nameCountsAfterPage(db: Db, pageId: number, into = new Map<string, number>()): Map<string, number> {
  const rows = stmt(
    db,
    `SELECT n.name, SUM(CASE WHEN p.status = 'approved' THEN ${APPROVED_PAGE_WEIGHT} ELSE 1 END) AS n
       FROM page_names n JOIN pages p ON p.id = n.page_id WHERE n.page_id > ? GROUP BY n.name`
  ).all(pageId) as { name: string; n: number }[]
  for (const r of rows) into.set(r.name, (into.get(r.name) ?? 0) + r.n)
  return into
}

export const APPROVED_PAGE_WEIGHT = 3

/**
 * What tells whether what Galley has learnt changed, read by key (no scan): the newest
 * correction and the newest page with names, each as its whole row, so that a row written
 * again under the same id after a rollback is told apart; and SQLite's data_version, which
 * moves when another connection commits (protected terms have no order to follow).
 */
export interface KnowledgeMarks {
  lastCorrectionId: number
  lastCorrection: string
  lastNamesPage: number
  lastNames: string
  /** Name evidence weighs approved pages more: an approval anywhere changes it. */
  approvedPages: number
  dataVersion: number
}

export function knowledgeMarks(db: Db): KnowledgeMarks {
  const row = stmt(
    db,
    `SELECT (SELECT id FROM corrections ORDER BY id DESC LIMIT 1) AS lastCorrectionId,
            (SELECT id || char(31) || original || char(31) || replacement || char(31) || context_before || char(31) || context_after || char(31) || decision
               FROM corrections ORDER BY id DESC LIMIT 1) AS lastCorrection,
            (SELECT page_id FROM page_names ORDER BY page_id DESC LIMIT 1) AS lastNamesPage,
            (SELECT page_id || char(31) || name || char(31) || count FROM page_names ORDER BY page_id DESC, name DESC LIMIT 1) AS lastNames,
            (SELECT COUNT(*) FROM pages WHERE status = 'approved') AS approvedPages`
  ).get() as { lastCorrectionId: number | null; lastCorrection: string | null; lastNamesPage: number | null; lastNames: string | null; approvedPages: number }
  return {
    lastCorrectionId: row.lastCorrectionId ?? 0,
    lastCorrection: row.lastCorrection ?? '',
    lastNamesPage: row.lastNamesPage ?? 0,
    lastNames: row.lastNames ?? '',
    approvedPages: row.approvedPages,
    dataVersion: stmt(db, 'PRAGMA data_version').pluck().get() as number
  }
}

/** The publication a page belongs to (null: its edition has none, or no such page), and whether the page is approved. */
export function publicationOfPage(db: Db, pageId: number): { publication: number | null; approved: boolean } {
  const row = stmt(db, 'SELECT e.publication_id AS p, g.status AS s FROM pages g JOIN editions e ON e.id = g.edition_id WHERE g.id = ?').get(pageId) as
    | { p: number | null; s: string }
    | undefined
  return { publication: row?.p ?? null, approved: row?.s === 'approved' }
}

/** Rejected corrections made on pages of one publication, or on no page at all. */
export function listRejectionsOfPublication(db: Db, publicationId: number | null): CorrectionRow[] {
  return stmt(
    db,
    `SELECT c.original, c.replacement, c.context_before AS contextBefore, c.context_after AS contextAfter, c.decision
       FROM corrections c LEFT JOIN pages g ON g.id = c.page_id LEFT JOIN editions e ON e.id = g.edition_id
      WHERE c.decision = 'rejected' AND (c.page_id IS NULL OR e.publication_id IS ?) ORDER BY c.id`
  ).all(publicationId) as CorrectionRow[]
}

/**
 * Current text of a publication's approved pages (newest first, other than `exceptPageId`),
 * joined by blank lines, up to about `maxChars` characters.
 */
export function approvedTextOfPublication(db: Db, publicationId: number | null, exceptPageId: number, maxChars: number): string {
  const rows = stmt(
    db,
    `SELECT r.text FROM pages g JOIN editions e ON e.id = g.edition_id JOIN revisions r ON r.id = g.current_revision_id
      WHERE g.status = 'approved' AND e.publication_id IS ? AND g.id != ? ORDER BY g.id DESC`
  )
    .pluck()
    .iterate(publicationId, exceptPageId) as IterableIterator<string>
  const parts: string[] = []
  let n = 0
  for (const text of rows) {
    if (n >= maxChars) break
    parts.push(text)
    n += text.length + 2
  }
  return parts.join('\n\n')
}
