import type { Db } from '../database'
import type { ArticleKind, ArticleStatus } from '../../../shared/types'
import { stmt } from '../statements'

// The store read for an export (core/export/read.ts walks it): the editions in scope and one
// ordered query over editions, pages and articles, iterated so a whole store never sits in memory.

export interface ExportEditionRow {
  id: number
  name: string
  title: string
  issueDate: string | null
}

export interface ExportArticleRow {
  editionId: number
  pageId: number
  pageLabel: string
  pageOrder: number
  sourceName: string
  revisionId: number | null
  id: number
  ord: number
  kind: Exclude<ArticleKind, 'furniture'>
  kicker: string | null
  title: string
  titleOverride: string | null
  subtitle: string | null
  byline: string | null
  bodyJson: string
  flagsJson: string
  status: ArticleStatus
  /** The revision the article's body names lines of (the page's current one, unless it is stale). */
  articleRevisionId: number | null
}

export type ExportRowScope = { edition: string } | { pageId: number } | { all: true }

export interface ExportRows {
  /** The editions in scope, in archive order; for 'all' only those with something to export; empty when the edition or page named does not exist. */
  editions: ExportEditionRow[]
  /** How many articles the export will write. */
  total: number
  rows: () => IterableIterator<ExportArticleRow>
}

const EDITION_ORDER = 'COALESCE(e.issue_date, e.name), e.name, e.id'

export function selectExportRows(db: Db, scope: ExportRowScope, includeUnapproved: boolean): ExportRows {
  const statuses = includeUnapproved ? "('approved', 'proposed')" : "('approved')"
  const articleFilter = `a.kind != 'furniture' AND a.status IN ${statuses}`
  let where: string
  let param: (string | number)[]
  let editions: ExportEditionRow[]
  if ('edition' in scope) {
    where = 'e.name = ?'
    param = [scope.edition]
    editions = stmt(db, 'SELECT id, name, title, issue_date AS issueDate FROM editions WHERE name = ?').all(scope.edition) as ExportEditionRow[]
  } else if ('pageId' in scope) {
    where = 'p.id = ?'
    param = [scope.pageId]
    editions = stmt(db, 'SELECT e.id, e.name, e.title, e.issue_date AS issueDate FROM pages p JOIN editions e ON e.id = p.edition_id WHERE p.id = ?').all(
      scope.pageId
    ) as ExportEditionRow[]
  } else {
    where = '1'
    param = []
    editions = stmt(
      db,
      `SELECT e.id, e.name, e.title, e.issue_date AS issueDate FROM editions e
        WHERE EXISTS (SELECT 1 FROM pages p JOIN articles a ON a.page_id = p.id WHERE p.edition_id = e.id AND ${articleFilter})
        ORDER BY ${EDITION_ORDER}`
    ).all() as ExportEditionRow[]
  }
  const from = `FROM articles a JOIN pages p ON p.id = a.page_id JOIN editions e ON e.id = p.edition_id
                WHERE ${where} AND ${articleFilter}`
  const total = (stmt(db, `SELECT COUNT(*) AS n ${from}`).get(...param) as { n: number }).n
  // Not cached: an iterating statement is busy until its walk ends, and two exports may walk at once.
  const rows = db.prepare(
    `SELECT e.id AS editionId, p.id AS pageId, p.label AS pageLabel, p.page_order AS pageOrder, p.source_name AS sourceName,
            p.current_revision_id AS revisionId, a.id, a.ord, a.kind, a.kicker, a.title, a.title_override AS titleOverride,
            a.subtitle, a.byline, a.body_json AS bodyJson, a.flags_json AS flagsJson, a.status, a.revision_id AS articleRevisionId
       ${from}
      ORDER BY ${EDITION_ORDER}, p.page_order, p.source_name, p.id, a.ord, a.id`
  )
  return { editions, total, rows: () => rows.iterate(...param) as IterableIterator<ExportArticleRow> }
}
