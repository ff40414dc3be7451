import type { Db } from '../database'
import { stmt } from '../statements'
import type { RevisionInfo } from '../../../shared/types'
import { indexPageText } from './search'
import { nowIso } from './time'

export class RevisionConflictError extends Error {
  constructor(
    readonly pageId: number,
    readonly currentRevisionId: number | null,
    readonly baseRevisionId: number | null
  ) {
    super(
      `page ${pageId} was changed elsewhere (now at revision ${currentRevisionId}, your edit is based on ${baseRevisionId}); reload the page before saving`
    )
    this.name = 'RevisionConflictError'
  }
}

/** A revision for a page the store does not hold (deleted, or never there). */
export class PageMissingError extends Error {
  constructor(readonly pageId: number) {
    super(`page ${pageId} does not exist`)
    this.name = 'PageMissingError'
  }
}

export interface NewRevision {
  pageId: number
  text: string
  author: string
  reason: string
  /** The revision the edit was made on; a save on a stale base is refused (no lost update). */
  baseRevisionId?: number | null
  /** 'insert' for a page not indexed yet, false for a revision superseded in the same transaction. */
  index?: 'replace' | 'insert' | false
  /** The text is the page's original, exactly: the revision refers to it instead of copying it. */
  isOriginal?: boolean
}

/** Appends a revision and makes it current. Must run inside a transaction. */
export function addRevision(db: Db, revision: NewRevision): number {
  const current = currentRevisionId(db, revision.pageId)
  if (current === undefined) throw new PageMissingError(revision.pageId)
  if (revision.baseRevisionId !== undefined && revision.baseRevisionId !== current) {
    throw new RevisionConflictError(revision.pageId, current, revision.baseRevisionId)
  }
  const id = insertRevisionRow(db, revision, current, nowIso())
  makeCurrent(db, revision.pageId, id)
  if (revision.index !== false) indexPageText(db, revision.pageId, revision.text, revision.index !== 'insert')
  return id
}

/**
 * The first revisions of a page that has none yet (a page being imported), in order, the last
 * made current; none is indexed. Returns the current one's id.
 */
export function addFirstRevisions(db: Db, pageId: number, revisions: readonly Omit<NewRevision, 'pageId' | 'baseRevisionId' | 'index'>[]): number {
  const createdAt = nowIso()
  let parent: number | null = null
  for (const revision of revisions) parent = insertRevisionRow(db, { ...revision, pageId }, parent, createdAt)
  if (parent === null) throw new Error(`page ${pageId} needs at least one revision`)
  makeCurrent(db, pageId, parent)
  return parent
}

function insertRevisionRow(db: Db, revision: Pick<NewRevision, 'pageId' | 'text' | 'author' | 'reason' | 'isOriginal'>, parentId: number | null, createdAt: string): number {
  const original = revision.isOriginal === true
  const result = stmt(db, 'INSERT INTO revision_rows (page_id, parent_id, text, is_original, author, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(revision.pageId, parentId, original ? '' : revision.text, original ? 1 : 0, revision.author, revision.reason, createdAt)
  return Number(result.lastInsertRowid)
}

function makeCurrent(db: Db, pageId: number, revisionId: number): void {
  stmt(db, 'UPDATE pages SET current_revision_id = ? WHERE id = ?').run(revisionId, pageId)
}

const INFO_COLUMNS = `id, page_id AS pageId, parent_id AS parentId, author, reason, created_at AS createdAt, length(text) AS length`

export function listRevisions(db: Db, pageId: number): RevisionInfo[] {
  return stmt(db, `SELECT ${INFO_COLUMNS} FROM revisions WHERE page_id = ? ORDER BY id DESC`).all(pageId) as RevisionInfo[]
}

export function getRevision(db: Db, revisionId: number): (RevisionInfo & { text: string }) | undefined {
  return stmt(db, `SELECT ${INFO_COLUMNS}, text FROM revisions WHERE id = ?`).get(revisionId) as
    | (RevisionInfo & { text: string })
    | undefined
}

export function currentText(db: Db, pageId: number): string | undefined {
  return currentRevision(db, pageId)?.text
}

/** The page's current revision and its text; undefined for a page that does not exist (or has none). */
export function currentRevision(db: Db, pageId: number): { revisionId: number; text: string } | undefined {
  return stmt(db, 'SELECT r.id AS revisionId, r.text FROM pages p JOIN revisions r ON r.id = p.current_revision_id WHERE p.id = ?').get(pageId) as
    | { revisionId: number; text: string }
    | undefined
}

/** The id of the page's current revision (null before its first), without reading any text; undefined when there is no such page. */
export function currentRevisionId(db: Db, pageId: number): number | null | undefined {
  return stmt(db, 'SELECT current_revision_id FROM pages WHERE id = ?').pluck().get(pageId) as number | null | undefined
}
