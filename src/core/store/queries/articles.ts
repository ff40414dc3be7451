import type { Db } from '../database'
import { stmt } from '../statements'
import type { ArticleKind, ArticleRecord, ArticleStatus } from '../../../shared/types'
import { nowIso } from './time'
import { decodeArticleBody, encodeArticleBody, type ArticleBody, type EncodedArticle } from '../../model/articleBody'
import type { ArticleInput } from '../../model/article'

export type { ArticleInput } from '../../model/article'

interface ArticleRow {
  id: number
  pageId: number
  ord: number
  kind: ArticleKind
  startLine: number
  endLine: number
  kicker: string | null
  title: string
  titleOverride: string | null
  subtitle: string | null
  byline: string | null
  bodyJson: string
  flagsJson: string
  confidence: number
  status: ArticleStatus
  source: 'analysis' | 'editor'
  analyzerVersion: number
  revisionId: number | null
}

const COLUMNS = `id, page_id AS pageId, ord, kind, start_line AS startLine, end_line AS endLine, kicker, title,
  title_override AS titleOverride, subtitle, byline, body_json AS bodyJson, flags_json AS flagsJson, confidence, status, source,
  analyzer_version AS analyzerVersion, revision_id AS revisionId`

/** Lines of a revision the caller has at hand, so that they are not read again. */
export interface KnownLines {
  revisionId: number
  lines: readonly string[]
}

/** Reads rows' bodies, each revision's text split once however many of its articles are read. */
function storedReader(db: Db, known?: KnownLines): (row: ArticleRow) => StoredArticle {
  const cache = new Map<number, readonly string[] | null>(known ? [[known.revisionId, known.lines]] : [])
  const linesOf = (revisionId: number | null): readonly string[] | null => {
    if (revisionId === null) return null
    let lines = cache.get(revisionId)
    if (lines === undefined) {
      lines = revisionLines(db, revisionId)
      cache.set(revisionId, lines)
    }
    return lines
  }
  return (row) => toStored(row, decodeArticleBody(row.bodyJson, () => linesOf(row.revisionId)))
}

export function revisionLines(db: Db, revisionId: number): string[] | null {
  const text = stmt(db, 'SELECT text FROM revisions WHERE id = ?').pluck().get(revisionId) as string | undefined
  return text === undefined ? null : text.split('\n')
}

function toStored(row: ArticleRow, body: ArticleBody): StoredArticle {
  return {
    id: row.id,
    kind: row.kind,
    startLine: row.startLine,
    endLine: row.endLine,
    kicker: row.kicker,
    title: row.title,
    subtitle: row.subtitle,
    headings: body.headings,
    byline: row.byline,
    paragraphs: body.paragraphs,
    captions: body.captions,
    flags: JSON.parse(row.flagsJson) as string[],
    confidence: row.confidence,
    status: row.status,
    source: row.source,
    analyzerVersion: row.analyzerVersion,
    titleOverride: row.titleOverride,
    roles: body.roles ?? null
  }
}

function toRecord(row: Pick<ArticleRow, 'id' | 'pageId' | 'ord'>, stored: StoredArticle): ArticleRecord {
  const { title, titleOverride, analyzerVersion: _version, id: _id, ...fields } = stored
  return { id: row.id, pageId: row.pageId, ord: row.ord, ...fields, title: titleOverride ?? title, titleOverridden: titleOverride !== null }
}

export function listArticles(db: Db, pageId: number): ArticleRecord[] {
  const rows = stmt(db, `SELECT ${COLUMNS} FROM articles WHERE page_id = ? ORDER BY ord`).all(pageId) as ArticleRow[]
  const read = storedReader(db)
  return rows.map((row) => toRecord(row, read(row)))
}

export function getArticle(db: Db, articleId: number): ArticleRecord | undefined {
  const row = stmt(db, `SELECT ${COLUMNS} FROM articles WHERE id = ?`).get(articleId) as ArticleRow | undefined
  return row && toRecord(row, storedReader(db)(row))
}

/** True once the editor has touched the page's structure: a new analysis must then leave it alone. */
export function structureIsEdited(db: Db, pageId: number): boolean {
  const row = stmt(db, "SELECT 1 FROM articles WHERE page_id = ? AND (source = 'editor' OR status != 'proposed') LIMIT 1")
    .get(pageId)
  return row !== undefined
}

export function replaceArticles(
  db: Db,
  pageId: number,
  revisionId: number,
  articles: readonly ArticleInput[],
  options: {
    source: 'analysis' | 'editor'
    analyzerVersion: number
    keepStatus?: ReadonlyMap<number, ArticleStatus>
    /** The editor's titles, by position in `articles`. */
    titleOverrides?: ReadonlyMap<number, string>
    /** The revision's text, when the caller has it. */
    text?: string
  }
): void {
  replaceStoredArticles(
    db,
    pageId,
    revisionId,
    articles.map((article, ord) => ({
      ...article,
      status: options.keepStatus?.get(ord) ?? 'proposed',
      source: options.source,
      analyzerVersion: options.analyzerVersion,
      titleOverride: options.titleOverrides?.get(ord) ?? null
    })),
    options.text
  )
}

/** An article as stored, with what the editor decided about it. */
export interface StoredArticle extends ArticleInput {
  /** Kept when the article is stored again, so that the app's references to it hold. */
  id?: number
  status: ArticleStatus
  source: 'analysis' | 'editor'
  analyzerVersion: number
  titleOverride: string | null
}

/** The page's articles as stored; `known`: the lines of a revision the caller holds. */
export function listStoredArticles(db: Db, pageId: number, known?: KnownLines): StoredArticle[] {
  const rows = stmt(db, `SELECT ${COLUMNS} FROM articles WHERE page_id = ? ORDER BY ord`).all(pageId) as ArticleRow[]
  return rows.map(storedReader(db, known))
}

/**
 * The page's articles become `articles`, in this order, described against `revisionId`, whose
 * text the caller may pass when it has it at hand (the import does). Returns them as the API
 * shows them, without reading them back.
 */
export function replaceStoredArticles(db: Db, pageId: number, revisionId: number, articles: readonly StoredArticle[], text?: string | readonly string[]): ArticleRecord[] {
  stmt(db, 'DELETE FROM articles WHERE page_id = ?').run(pageId)
  const updatedAt = nowIso()
  const lines = articles.length === 0 ? null : text === undefined ? revisionLines(db, revisionId) : typeof text === 'string' ? text.split('\n') : text
  // Articles that keep their id go in first: a new one (a piece split off) takes the next free id,
  // which, with the page's rows just deleted, can be the id of a kept article written after it.
  const insert = (article: StoredArticle, ord: number): ArticleRecord => {
    const id = insertRow(db, article.id ?? null, pageId, ord, article, encodeArticleBody(article, article.startLine, article.endLine, lines), JSON.stringify(article.flags), article, revisionId, updatedAt)
    return toRecord({ id, pageId, ord }, { ...article, id })
  }
  const records: ArticleRecord[] = new Array<ArticleRecord>(articles.length)
  articles.forEach((article, ord) => {
    if (article.id !== undefined && article.id !== null) records[ord] = insert(article, ord)
  })
  articles.forEach((article, ord) => {
    if (article.id === undefined || article.id === null) records[ord] = insert(article, ord)
  })
  return records
}

/** The first articles of a page that has none yet (a page being imported), encoded already. */
export function insertNewArticles(db: Db, pageId: number, revisionId: number, articles: readonly EncodedArticle[], analyzerVersion: number): void {
  const updatedAt = nowIso()
  const state = { status: 'proposed', source: 'analysis', analyzerVersion, titleOverride: null } as const
  articles.forEach((article, ord) => insertRow(db, null, pageId, ord, article, article.bodyJson, article.flagsJson, state, revisionId, updatedAt))
}

type RowFields = Pick<ArticleInput, 'kind' | 'startLine' | 'endLine' | 'kicker' | 'title' | 'subtitle' | 'byline' | 'confidence'>
type RowState = Pick<StoredArticle, 'status' | 'source' | 'analyzerVersion' | 'titleOverride'>

function insertRow(db: Db, id: number | null, pageId: number, ord: number, a: RowFields, bodyJson: string, flagsJson: string, state: RowState, revisionId: number, updatedAt: string): number {
  // Positional values: an import stores a dozen articles a page, and binding by name costs more.
  const result = stmt(
    db,
    `INSERT INTO articles (id, page_id, ord, kind, start_line, end_line, kicker, title, title_override, subtitle, byline, body_json,
                           flags_json, confidence, status, source, analyzer_version, revision_id, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(
    id,
    pageId,
    ord,
    a.kind,
    a.startLine,
    a.endLine,
    a.kicker,
    a.title,
    state.titleOverride,
    a.subtitle,
    a.byline,
    bodyJson,
    flagsJson,
    a.confidence,
    state.status,
    state.source,
    state.analyzerVersion,
    revisionId,
    updatedAt
  )
  return id ?? Number(result.lastInsertRowid)
}

export function setArticleStatus(db: Db, articleId: number, status: ArticleStatus): void {
  stmt(db, 'UPDATE articles SET status = ?, updated_at = ? WHERE id = ?').run(status, nowIso(), articleId)
}

/** The page's articles' kinds, ranges and heading fields, without reading their bodies. */
export function articleHeads(db: Db, pageId: number): { kind: ArticleKind; startLine: number; endLine: number; title: string; kicker: string | null; subtitle: string | null; byline: string | null }[] {
  return stmt(db, 'SELECT kind, start_line AS startLine, end_line AS endLine, COALESCE(title_override, title) AS title, kicker, subtitle, byline FROM articles WHERE page_id = ? ORDER BY ord').all(pageId) as {
    kind: ArticleKind
    startLine: number
    endLine: number
    title: string
    kicker: string | null
    subtitle: string | null
    byline: string | null
  }[]
}
