import type { Db } from '../database'
import { stmt } from '../statements'
import type { SearchHit } from '../../../shared/types'
import { toMatchExpression, toSearchDocument } from '../searchText'

export function indexPageText(db: Db, pageId: number, text: string, replace = true): void {
  if (replace) stmt(db, 'DELETE FROM page_search WHERE rowid = ?').run(pageId)
  indexNewPage(db, pageId, toSearchDocument(text))
}

/** Indexes a page not indexed yet, from its search document (toSearchDocument, made elsewhere). */
export function indexNewPage(db: Db, pageId: number, searchDocument: string): void {
  stmt(db, 'INSERT INTO page_search (rowid, body) VALUES (?, ?)').run(pageId, searchDocument)
}

export interface SearchOptions {
  limit?: number
}

/** Pages whose working text contains the query, in archive order, each with its first hit. */
export function searchPages(db: Db, query: string, options: SearchOptions = {}): SearchHit[] {
  const match = toMatchExpression(query)
  if (!match) return []
  const limit = Math.max(1, Math.min(options.limit ?? 50, 1000))
  // No ORDER BY rank: FTS5 can then stop after `limit` matching documents.
  const rows = stmt(db, 
      `SELECT p.id AS pageId, e.name AS editionName, p.label AS pageLabel, r.text AS text
         FROM (SELECT rowid FROM page_search WHERE page_search MATCH ? LIMIT ?) m
         JOIN pages p ON p.id = m.rowid
         JOIN editions e ON e.id = p.edition_id
         JOIN revisions r ON r.id = p.current_revision_id`
    )
    .all(match, limit) as { pageId: number; editionName: string; pageLabel: string; text: string }[]
  return rows.map((row) => {
    const { offset, length } = locate(row.text, query)
    const from = Math.max(0, offset - 24)
    const to = Math.min(row.text.length, offset + length + 24)
    // Paragraph breaks read as one space; the mark is placed in the text as shown.
    const [before, match, after] = [row.text.slice(from, offset), row.text.slice(offset, offset + length), row.text.slice(offset + length, to)].map(
      (part) => part.replace(/\n+/g, ' ')
    ) as [string, string, string]
    return {
      pageId: row.pageId,
      editionName: row.editionName,
      pageLabel: row.pageLabel,
      offset,
      snippet: before + match + after,
      matchStart: before.length,
      matchLength: match.length
    }
  })
}

// The index ignores white space and case, so the literal query may not be in the text;
// find it with the same leniency.
function locate(text: string, query: string): { offset: number; length: number } {
  const exact = text.indexOf(query)
  if (exact >= 0) return { offset: exact, length: query.length }
  const chars = [...query.replace(/[\s\u3000\u00a0]+/g, '')]
  if (chars.length === 0) return { offset: 0, length: 0 }
  const pattern = chars.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[ \\t\\u3000\\u00a0]*')
  const found = new RegExp(pattern, 'iu').exec(text)
  return found ? { offset: found.index, length: found[0].length } : { offset: 0, length: 0 }
}

/** Every page whose working text may contain the query (the index ignores white space and case). */
export function pageIdsMatching(db: Db, query: string): number[] {
  const match = toMatchExpression(query)
  if (!match) return []
  return stmt(db, 'SELECT rowid FROM page_search WHERE page_search MATCH ? ORDER BY rowid').pluck().all(match) as number[]
}
