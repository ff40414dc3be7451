import type { Db } from '../database'
import { stmt } from '../statements'
import type { ArticleKind, ArticleRecord, ArticleStatus, Paragraph } from '../../../shared/types'
import { nowIso } from './time'

export interface ArticleInput {
  kind: ArticleKind
  startLine: number
  endLine: number
  kicker: string | null
  title: string
  subtitle: string | null
  headings: string[]
  byline: string | null
  paragraphs: Paragraph[]
  captions: string[]
  flags: string[]
  confidence: number
}

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
}

const COLUMNS = `id, page_id AS pageId, ord, kind, start_line AS startLine, end_line AS endLine, kicker, title,
  title_override AS titleOverride, subtitle, byline, body_json AS bodyJson, flags_json AS flagsJson, confidence, status, source,
  analyzer_version AS analyzerVersion`

export interface ArticleBody {
  headings: string[]
  paragraphs: Paragraph[]
  captions: string[]
}

/** An article's stored body (headings, paragraphs, captions), as every reader of the store sees it. */
export function decodeArticleBody(bodyJson: string): ArticleBody {
  const body = JSON.parse(bodyJson) as Partial<ArticleBody>
  return { headings: body.headings ?? [], paragraphs: body.paragraphs ?? [], captions: body.captions ?? [] }
}

function toStored(row: ArticleRow): StoredArticle {
  const body = decodeArticleBody(row.bodyJson)
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
    titleOverride: row.titleOverride
  }
}

function toRecord(row: ArticleRow): ArticleRecord {
  const { title, titleOverride, analyzerVersion: _version, id: _id, ...fields } = toStored(row)
  return { id: row.id, pageId: row.pageId, ord: row.ord, ...fields, title: titleOverride ?? title, titleOverridden: titleOverride !== null }
}

export function listArticles(db: Db, pageId: number): ArticleRecord[] {
  const rows = stmt(db, `SELECT ${COLUMNS} FROM articles WHERE page_id = ? ORDER BY ord`).all(pageId) as ArticleRow[]
  return rows.map(toRecord)
}

export function getArticle(db: Db, articleId: number): ArticleRecord | undefined {
  const row = stmt(db, `SELECT ${COLUMNS} FROM articles WHERE id = ?`).get(articleId) as ArticleRow | undefined
  return row && toRecord(row)
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
    }))
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

export function listStoredArticles(db: Db, pageId: number): StoredArticle[] {
  const rows = stmt(db, `SELECT ${COLUMNS} FROM articles WHERE page_id = ? ORDER BY ord`).all(pageId) as ArticleRow[]
  return rows.map(toStored)
}

/** The page's articles become `articles`, in this order, described against `revisionId`. */
export function replaceStoredArticles(db: Db, pageId: number, revisionId: number, articles: readonly StoredArticle[]): void {
  stmt(db, 'DELETE FROM articles WHERE page_id = ?').run(pageId)
  const insert = stmt(db, 
    `INSERT INTO articles (id, page_id, ord, kind, start_line, end_line, kicker, title, title_override, subtitle, byline, body_json,
                           flags_json, confidence, status, source, analyzer_version, revision_id, updated_at)
     VALUES (@id, @pageId, @ord, @kind, @startLine, @endLine, @kicker, @title, @titleOverride, @subtitle, @byline, @bodyJson,
             @flagsJson, @confidence, @status, @source, @analyzerVersion, @revisionId, @updatedAt)`
  )
  const updatedAt = nowIso()
  articles.forEach((article, ord) => {
    insert.run({
      id: article.id ?? null,
      pageId,
      ord,
      kind: article.kind,
      startLine: article.startLine,
      endLine: article.endLine,
      kicker: article.kicker,
      title: article.title,
      titleOverride: article.titleOverride,
      subtitle: article.subtitle,
      byline: article.byline,
      bodyJson: JSON.stringify({ headings: article.headings, paragraphs: article.paragraphs, captions: article.captions }),
      flagsJson: JSON.stringify(article.flags),
      confidence: article.confidence,
      status: article.status,
      source: article.source,
      analyzerVersion: article.analyzerVersion,
      revisionId,
      updatedAt
    })
  })
}

export function setArticleStatus(db: Db, articleId: number, status: ArticleStatus): void {
  stmt(db, 'UPDATE articles SET status = ?, updated_at = ? WHERE id = ?').run(status, nowIso(), articleId)
}
