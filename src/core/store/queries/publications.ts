import type { Db } from '../database'
import { stmt } from '../statements'
import type { PublicationSummary } from '../../../shared/types'
import { nowIso } from './time'

export function findOrCreatePublication(db: Db, name: string): number {
  const id = stmt(db, 'SELECT id FROM publications WHERE name = ?').pluck().get(name) as number | undefined
  if (id !== undefined) return id
  return Number(stmt(db, 'INSERT INTO publications (name, created_at) VALUES (?, ?)').run(name, nowIso()).lastInsertRowid)
}

export function findPublicationByName(db: Db, name: string): { id: number; name: string } | undefined {
  return stmt(db, 'SELECT id, name FROM publications WHERE name = ?').get(name) as { id: number; name: string } | undefined
}

export function getPublication(db: Db, id: number): { id: number; name: string } | undefined {
  return stmt(db, 'SELECT id, name FROM publications WHERE id = ?').get(id) as { id: number; name: string } | undefined
}

/** The publication a page's edition belongs to (null only for a page of an edition stored without one). */
export function publicationOfPage(db: Db, pageId: number): number | null {
  const row = stmt(db, 'SELECT e.publication_id AS id FROM pages p JOIN editions e ON e.id = p.edition_id WHERE p.id = ?').get(pageId) as { id: number | null } | undefined
  return row?.id ?? null
}

export function publicationOfEdition(db: Db, editionId: number): { id: number; name: string } | undefined {
  return stmt(db, 'SELECT u.id, u.name FROM editions e JOIN publications u ON u.id = e.publication_id WHERE e.id = ?').get(editionId) as { id: number; name: string } | undefined
}

export function listPublications(db: Db): PublicationSummary[] {
  return (stmt(
    db,
    `SELECT u.id, u.name,
            (SELECT COUNT(*) FROM editions e WHERE e.publication_id = u.id) AS editionCount,
            (SELECT COUNT(*) FROM pages p JOIN editions e ON e.id = p.edition_id WHERE e.publication_id = u.id) AS pageCount,
            (SELECT COUNT(*) FROM pages p JOIN editions e ON e.id = p.edition_id WHERE e.publication_id = u.id AND p.status = 'approved') AS approvedPages,
            (SELECT COUNT(*) FROM learnt_rules r WHERE r.publication_id = u.id AND r.state = 'active') AS activeRules,
            (SELECT COUNT(*) FROM structure_decisions d WHERE d.publication_id = u.id) AS decisions,
            m.pages AS modelPages, m.lines AS modelLines, m.origin AS modelOrigin, m.state AS modelState
       FROM publications u LEFT JOIN publication_models m ON m.publication_id = u.id ORDER BY u.name`
  ).all() as (Omit<PublicationSummary, 'model'> & { modelPages: number | null; modelLines: number | null; modelOrigin: 'learnt' | 'imported' | null; modelState: 'active' | 'undone' | null })[]
  ).map(({ modelPages, modelLines, modelOrigin, modelState, ...p }) => ({
    ...p,
    model: modelPages === null ? null : { pages: modelPages, lines: modelLines!, origin: modelOrigin!, state: modelState! }
  }))
}

/** Ids of the pages of a publication, in edition and page order. */
export function pagesOfPublication(db: Db, publicationId: number): number[] {
  return stmt(
    db,
    `SELECT p.id FROM pages p JOIN editions e ON e.id = p.edition_id WHERE e.publication_id = ?
      ORDER BY COALESCE(e.issue_date, e.name), e.name, p.page_order, p.source_name`
  )
    .pluck()
    .all(publicationId) as number[]
}
