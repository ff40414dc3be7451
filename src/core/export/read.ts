import type { Db } from '../store/database'
import { revisionLines } from '../store/queries/articles'
import { decodeArticleBody } from '../model/articleBody'
import { selectExportRows, type ExportArticleRow, type ExportEditionRow } from '../store/queries/exportRows'
import { cleanText, cleanTextOrNull } from './clean'
import { ExportError, type ExportArticle, type ExportEdition, type ExportPage, type ExportScope } from './types'

// The walk of an export's store read (store/queries/exportRows.ts), handing out one edition at a
// time so a whole store never sits in memory.

export interface ScopeSelection {
  /** The editions in scope, in archive order; for 'all' only those with something to export. */
  editions: ExportEditionRow[]
  /** How many articles the export will write. */
  total: number
  /** Yields each edition of `editions` with its exported pages and articles. */
  read: () => Generator<ExportEdition>
}

export function selectScope(db: Db, scope: ExportScope, includeUnapproved: boolean): ScopeSelection {
  const { editions, total, rows } = selectExportRows(db, scope, includeUnapproved)
  if (editions.length === 0 && 'edition' in scope) throw new ExportError(`no edition named ${scope.edition}`, 'not-found')
  if (editions.length === 0 && 'pageId' in scope) throw new ExportError(`no page with id ${scope.pageId}`, 'not-found')
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
    for (const row of rows()) {
      if (edition === null || edition.id !== row.editionId) {
        if (edition) yield edition
        const meta: ExportEditionRow = byId.get(row.editionId)!
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

function toArticle(row: ExportArticleRow, lines: () => readonly string[] | null): ExportArticle {
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
