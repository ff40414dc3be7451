import type { Db } from '../database'
import { stmt } from '../statements'
import type { SuggestionRecord, SuggestionStatus } from '../../../shared/types'
import { nowIso } from './time'
import type { SuggestionInput } from '../../model/suggestion'

export type { SuggestionInput } from '../../model/suggestion'

const COLUMNS = `id, page_id AS pageId, revision_id AS revisionId, rule, start_offset AS start, end_offset AS "end",
  original, replacement, confidence, message, status`

/** Open suggestions are replaced; decided ones stay as the record of what the editor chose. */
export function replaceOpenSuggestions(
  db: Db,
  pageId: number,
  revisionId: number,
  suggestions: readonly SuggestionInput[]
): void {
  stmt(db, "DELETE FROM suggestions WHERE page_id = ? AND status IN ('open', 'stale')").run(pageId)
  insertSuggestions(db, pageId, revisionId, suggestions)
}

/** Suggestions added to the page's, none replaced (a page being imported has none). */
export function insertSuggestions(db: Db, pageId: number, revisionId: number, suggestions: readonly SuggestionInput[]): void {
  if (suggestions.length === 0) return
  const insert = stmt(db, 
    `INSERT INTO suggestions (page_id, revision_id, rule, start_offset, end_offset, original, replacement, confidence, message)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  for (const s of suggestions) {
    insert.run(pageId, revisionId, s.rule, s.start, s.end, s.original, s.replacement, s.confidence, s.message)
  }
}

export function listSuggestions(db: Db, pageId: number, status: SuggestionStatus | 'all' = 'open'): SuggestionRecord[] {
  const filter = status === 'all' ? '' : 'AND status = ?'
  const statement = stmt(db, `SELECT ${COLUMNS} FROM suggestions WHERE page_id = ? ${filter} ORDER BY start_offset, id`)
  return (status === 'all' ? statement.all(pageId) : statement.all(pageId, status)) as SuggestionRecord[]
}

export function getSuggestion(db: Db, id: number): SuggestionRecord | undefined {
  return stmt(db, `SELECT ${COLUMNS} FROM suggestions WHERE id = ?`).get(id) as SuggestionRecord | undefined
}

export function decideSuggestion(db: Db, id: number, status: 'accepted' | 'rejected'): void {
  stmt(db, 'UPDATE suggestions SET status = ?, decided_at = ? WHERE id = ?').run(status, nowIso(), id)
}

/** Records that the page's open suggestions were computed on this revision. */
export function markSuggestionsFor(db: Db, pageId: number, revisionId: number): void {
  stmt(db, 'UPDATE pages SET suggestions_revision_id = ? WHERE id = ?').run(revisionId, pageId)
}

/** Pages whose suggestions were not computed on their current revision. */
export function pagesWithStaleSuggestions(db: Db, pageIds?: readonly number[]): number[] {
  if (pageIds && pageIds.length <= 64) {
    // Opening a page asks about one page: by key, never a scan of the store.
    const one = stmt(db, 'SELECT 1 FROM pages WHERE id = ? AND (suggestions_revision_id IS NULL OR suggestions_revision_id != current_revision_id)')
    return pageIds.filter((id) => one.get(id) !== undefined)
  }
  const stale = stmt(
    db,
    'SELECT id FROM pages WHERE suggestions_revision_id IS NULL OR suggestions_revision_id != current_revision_id ORDER BY id'
  )
    .pluck()
    .all() as number[]
  if (!pageIds) return stale
  const wanted = new Set(pageIds)
  return stale.filter((id) => wanted.has(id))
}
