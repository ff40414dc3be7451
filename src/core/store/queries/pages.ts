import type { Db } from '../database'
import { stmt } from '../statements'
import type { PageDetail, PageStatus, PageSummary } from '../../../shared/types'
import { nowIso } from './time'

export interface NewPage {
  editionId: number
  label: string
  order: number
  sourceName: string
  sha256: string
  encoding: string
  byteLength: number
  originalText: string
}

const SUMMARY_COLUMNS = `p.id, p.edition_id AS editionId, p.label, p.page_order AS "order", p.source_name AS sourceName,
  p.status,
  (SELECT COUNT(*) FROM suggestions s WHERE s.page_id = p.id AND s.status = 'open') AS openSuggestions,
  (SELECT COUNT(*) FROM articles a WHERE a.page_id = p.id AND a.kind != 'furniture') AS articleCount`

export function findPageIdByHash(db: Db, sha256: string): number | undefined {
  const row = stmt(db, 'SELECT id FROM pages WHERE sha256 = ?').get(sha256) as { id: number } | undefined
  return row?.id
}

export function allPageHashes(db: Db): string[] {
  return stmt(db, 'SELECT sha256 FROM pages').pluck().all() as string[]
}

export function insertPage(db: Db, page: NewPage): number {
  const result = stmt(db, 
      `INSERT INTO pages (edition_id, label, page_order, source_name, sha256, encoding, byte_length, original_text, imported_at)
       VALUES (@editionId, @label, @order, @sourceName, @sha256, @encoding, @byteLength, @originalText, @importedAt)`
    )
    .run({ ...page, importedAt: nowIso() })
  return Number(result.lastInsertRowid)
}

export function listPages(db: Db, editionId?: number): PageSummary[] {
  const where = editionId === undefined ? '' : 'WHERE p.edition_id = ?'
  const sql = `SELECT ${SUMMARY_COLUMNS} FROM pages p JOIN editions e ON e.id = p.edition_id ${where}
               ORDER BY COALESCE(e.issue_date, e.name), e.name, p.page_order, p.source_name`
  const statement = stmt(db, sql)
  return (editionId === undefined ? statement.all() : statement.all(editionId)) as PageSummary[]
}

export function getPageSummary(db: Db, pageId: number): PageSummary | undefined {
  return stmt(db, `SELECT ${SUMMARY_COLUMNS} FROM pages p WHERE p.id = ?`).get(pageId) as PageSummary | undefined
}

export type PageRow = PageDetail['page'] & { originalText: string; currentRevisionId: number | null }

export function getPageRow(db: Db, pageId: number): PageRow | undefined {
  return stmt(db, 
      `SELECT ${SUMMARY_COLUMNS}, p.sha256, p.encoding, p.byte_length AS byteLength, p.imported_at AS importedAt,
              e.name AS editionName, p.original_text AS originalText, p.current_revision_id AS currentRevisionId
         FROM pages p JOIN editions e ON e.id = p.edition_id WHERE p.id = ?`
    )
    .get(pageId) as PageRow | undefined
}

export function setPageStatus(db: Db, pageId: number, status: PageStatus): void {
  stmt(db, 'UPDATE pages SET status = ? WHERE id = ?').run(status, pageId)
}

export function pageIdsInEdition(db: Db, editionId: number): number[] {
  return stmt(db, 'SELECT id FROM pages WHERE edition_id = ? ORDER BY id').pluck().all(editionId) as number[]
}

export function countPages(db: Db): number {
  return (stmt(db, 'SELECT COUNT(*) AS n FROM pages').get() as { n: number }).n
}
