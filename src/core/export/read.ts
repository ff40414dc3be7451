import type { Db } from '../store/database'
import type { ArticleKind, ArticleStatus } from '../../shared/types'
import { revisionLines } from '../store/queries/articles'
import { decodeArticleBody } from '../store/queries/articleBody'
import { cleanText, cleanTextOrNull } from './clean'
import { ExportError, type ExportArticle, type ExportEdition, type ExportPage, type ExportScope } from './types'

// The store read for an export: one ordered query over editions, pages and articles, walked
// once, handing out one edition at a time so a whole store never sits in memory.
// (Read-only SQL kept here, next to its only user; it could move to store/queries.)

interface EditionRow {
  id: number
  name: string
  title: string
  issueDate: string | null
}

interface Row {
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

export interface ScopeSelection {
  /** The editions in scope, in archive order; for 'all' only those with something to export. */
  editions: EditionRow[]
  /** How many articles the export will write. */
  total: number
  /** Yields each edition of `editions` with its exported pages and articles. */
  read: () => Generator<ExportEdition>
}

const EDITION_ORDER = 'COALESCE(e.issue_date, e.name), e.name, e.id'

export function selectScope(db: Db, scope: ExportScope, includeUnapproved: boolean): ScopeSelection {
  const statuses = includeUnapproved ? "('approved', 'proposed')" : "('approved')"
  const articleFilter = `a.kind != 'furniture' AND a.status IN ${statuses}`
  let where: string
  let param: (string | number)[]
  let editions: EditionRow[]
  if ('edition' in scope) {
    where = 'e.name = ?'
    param = [scope.edition]
    editions = db.prepare('SELECT id, name, title, issue_date AS issueDate FROM editions WHERE name = ?').all(scope.edition) as EditionRow[]
    if (editions.length === 0) throw new ExportError(`no edition named ${scope.edition}`, 'not-found')
  } else if ('pageId' in scope) {
    where = 'p.id = ?'
    param = [scope.pageId]
    editions = db
      .prepare('SELECT e.id, e.name, e.title, e.issue_date AS issueDate FROM pages p JOIN editions e ON e.id = p.edition_id WHERE p.id = ?')
      .all(scope.pageId) as EditionRow[]
    if (editions.length === 0) throw new ExportError(`no page with id ${scope.pageId}`, 'not-found')
  } else {
    where = '1'
    param = []
    editions = db
      .prepare(
        `SELECT e.id, e.name, e.title, e.issue_date AS issueDate FROM editions e
          WHERE EXISTS (SELECT 1 FROM pages p JOIN articles a ON a.page_id = p.id WHERE p.edition_id = e.id AND ${articleFilter})
          ORDER BY ${EDITION_ORDER}`
      )
      .all() as EditionRow[]
  }
  const from = `FROM articles a JOIN pages p ON p.id = a.page_id JOIN editions e ON e.id = p.edition_id
                WHERE ${where} AND ${articleFilter}`
  const total = (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...param) as { n: number }).n
  const rows = db.prepare(
    `SELECT e.id AS editionId, p.id AS pageId, p.label AS pageLabel, p.page_order AS pageOrder, p.source_name AS sourceName,
            p.current_revision_id AS revisionId, a.id, a.ord, a.kind, a.kicker, a.title, a.title_override AS titleOverride,
            a.subtitle, a.byline, a.body_json AS bodyJson, a.flags_json AS flagsJson, a.status, a.revision_id AS articleRevisionId
       ${from}
      ORDER BY ${EDITION_ORDER}, p.page_order, p.source_name, p.id, a.ord, a.id`
  )
  function* read(): Generator<ExportEdition> {
    const byId = new Map(editions.map((e) => [e.id, e]))
    let edition = null as ExportEdition | null
    let page = null as ExportPage | null
    const emitted = new Set<number>()
    // Rows come a page at a time: the last revision's lines serve all the page's articles.
    let lines: { revisionId: number | null; lines: readonly string[] | null } = { revisionId: null, lines: null }
    const linesOf = (revisionId: number | null): readonly string[] | null => {
      if (revisionId === null) return null
      if (lines.revisionId !== revisionId) lines = { revisionId, lines: revisionLines(db, revisionId) }
      return lines.lines
    }
    for (const row of rows.iterate(...param) as IterableIterator<Row>) {
      if (edition === null || edition.id !== row.editionId) {
        if (edition) yield edition
        const meta: EditionRow = byId.get(row.editionId)!
        edition = { ...meta, pages: [] }
        emitted.add(meta.id)
        page = null
      }
      const current: ExportEdition = edition
      if (page === null || page.id !== row.pageId) {
        page = {
          id: row.pageId,
          label: row.pageLabel,
          order: row.pageOrder,
          sourceName: row.sourceName,
          revisionId: row.revisionId,
          articles: []
        }
        current.pages.push(page)
      }
      page.articles.push(toArticle(row, () => linesOf(row.articleRevisionId)))
    }
    if (edition) yield edition
    // An edition or page asked for by name is exported even when nothing in it is approved.
    for (const meta of editions) if (!emitted.has(meta.id)) yield { ...meta, pages: [] }
  }
  return { editions, total, read }
}

function toArticle(row: Row, lines: () => readonly string[] | null): ExportArticle {
  const body = decodeArticleBody(row.bodyJson, lines)
  return {
    id: row.id,
    kind: row.kind,
    position: row.ord,
    approved: row.status === 'approved',
    kicker: cleanTextOrNull(row.kicker),
    title: cleanText(row.titleOverride ?? row.title),
    subtitle: cleanTextOrNull(row.subtitle),
    headings: body.headings.map(cleanText),
    byline: cleanTextOrNull(row.byline),
    paragraphs: body.paragraphs.map((p) => ({ role: p.role === 'subhead' ? 'subhead' : 'body', text: cleanText(p.text) })),
    captions: body.captions.map(cleanText),
    flags: JSON.parse(row.flagsJson) as string[]
  }
}
