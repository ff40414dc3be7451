import type { Db } from '../database'
import { stmt } from '../statements'

// The pages whose working text holds a pattern, in reading order (edition, page), for the
// concordance. instr() looks at every current text in scope: one-character patterns, which the
// search index does not serve, are found as well as longer ones.

export type FixScope = 'page' | 'edition' | 'publication' | 'all'

export interface PageWithText {
  pageId: number
  revisionId: number
  text: string
  label: string
  edition: string
}

const FILTER: Record<FixScope, string> = {
  page: 'AND p.id = @id',
  edition: 'AND p.edition_id = @id',
  publication: 'AND e.publication_id = @id',
  all: ''
}

export function pagesContaining(db: Db, pattern: string, scope: FixScope, id: number | null): PageWithText[] {
  return stmt(
    db,
    `SELECT p.id AS pageId, r.id AS revisionId, r.text AS text, p.label AS label, e.name AS edition
       FROM pages p JOIN revisions r ON r.id = p.current_revision_id JOIN editions e ON e.id = p.edition_id
      WHERE instr(r.text, @pattern) > 0 ${FILTER[scope]}
      ORDER BY e.id, p.page_order, p.id`
  ).all({ pattern, ...(scope === 'all' ? {} : { id }) }) as PageWithText[]
}
