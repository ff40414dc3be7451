import type { Db } from '../database'
import { stmt } from '../statements'
import type { PageGeometry } from '../../../shared/geometry'
import type { StoredImage } from '../../media/mediaStore'

export function insertPageGeometry(db: Db, pageId: number, geometry: PageGeometry): void {
  stmt(db, 'INSERT INTO page_geometry (page_id, format, geometry_json) VALUES (?, ?, ?)').run(pageId, geometry.format, JSON.stringify(geometry))
}

export function getPageGeometry(db: Db, pageId: number): PageGeometry | null {
  const json = stmt(db, 'SELECT geometry_json FROM page_geometry WHERE page_id = ?').pluck().get(pageId) as string | undefined
  return json === undefined ? null : (JSON.parse(json) as PageGeometry)
}

export interface PageImageRow {
  pageId: number
  sha256: string
  mediaType: StoredImage['type']
  byteLength: number
  width: number | null
  height: number | null
  sourceName: string
}

export function insertPageImage(db: Db, pageId: number, image: StoredImage, sourceName: string): void {
  stmt(db, 'INSERT INTO page_images (page_id, sha256, media_type, byte_length, width, height, source_name) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    pageId,
    image.sha256,
    image.type,
    image.byteLength,
    image.width,
    image.height,
    sourceName
  )
}

export function getPageImage(db: Db, pageId: number): PageImageRow | null {
  const row = stmt(
    db,
    `SELECT page_id AS pageId, sha256, media_type AS mediaType, byte_length AS byteLength, width, height, source_name AS sourceName
       FROM page_images WHERE page_id = ?`
  ).get(pageId) as PageImageRow | undefined
  return row ?? null
}

/** Every image the store names, once each: what a backup must carry beside the database. */
export function allPageImages(db: Db): { sha256: string; mediaType: StoredImage['type'] }[] {
  return stmt(db, 'SELECT DISTINCT sha256, media_type AS mediaType FROM page_images ORDER BY sha256').all() as { sha256: string; mediaType: StoredImage['type'] }[]
}

/** Every scan large enough for a preview and a tile pyramid, once each (core/media/derive.ts). */
export function largePageImages(db: Db, minPixels: number): { sha256: string; mediaType: StoredImage['type']; width: number; height: number }[] {
  return stmt(
    db,
    // in the order of their pages (editors go page by page)
    `SELECT sha256, media_type AS mediaType, width, height FROM page_images
      WHERE width IS NOT NULL AND height IS NOT NULL AND width * height > ? AND media_type <> 'application/pdf'
      GROUP BY sha256 ORDER BY MIN(page_id)`
  ).all(minPixels) as { sha256: string; mediaType: StoredImage['type']; width: number; height: number }[]
}

/** A page's original text (what its geometry's offsets point into). */
export function getOriginalText(db: Db, pageId: number): string | undefined {
  return stmt(db, 'SELECT original_text FROM pages WHERE id = ?').pluck().get(pageId) as string | undefined
}

/** When the page's current text was written (its current revision), or imported. */
export function getPageChangedAt(db: Db, pageId: number): string | undefined {
  return stmt(db, 'SELECT COALESCE(r.created_at, p.imported_at) FROM pages p LEFT JOIN revisions r ON r.id = p.current_revision_id WHERE p.id = ?').pluck().get(pageId) as string | undefined
}
