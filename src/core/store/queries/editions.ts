import type { Db } from '../database'
import { stmt } from '../statements'
import type { EditionSummary } from '../../../shared/types'
import { nowIso } from './time'
import { findOrCreatePublication } from './publications'

export class EditionPublicationError extends Error {}

/**
 * The edition named `name`, created in `publication` when it is new. An edition belongs to one
 * publication: naming another one for an existing edition (`strict`) is refused.
 */
export function findOrCreateEdition(db: Db, name: string, issueDate: string | null, publication?: { name: string; strict: boolean }): number {
  const row = stmt(db, 'SELECT e.id, e.publication_id AS publicationId, u.name AS publication FROM editions e LEFT JOIN publications u ON u.id = e.publication_id WHERE e.name = ?').get(name) as
    | { id: number; publicationId: number | null; publication: string | null }
    | undefined
  if (row) {
    if (publication && row.publicationId === null) stmt(db, 'UPDATE editions SET publication_id = ? WHERE id = ?').run(findOrCreatePublication(db, publication.name), row.id)
    else if (publication?.strict && row.publication !== publication.name) {
      throw new EditionPublicationError(`edition ${name} belongs to publication ${row.publication}, not ${publication.name}`)
    }
    return row.id
  }
  const publicationId = publication ? findOrCreatePublication(db, publication.name) : null
  const result = stmt(db, 'INSERT INTO editions (publication_id, name, title, issue_date, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(publicationId, name, [...name].slice(0, 200).join(''), issueDate, nowIso())
  return Number(result.lastInsertRowid)
}

export function findEditionByName(db: Db, name: string): { id: number; name: string } | undefined {
  return stmt(db, 'SELECT id, name FROM editions WHERE name = ?').get(name) as { id: number; name: string } | undefined
}

export function listEditions(db: Db): EditionSummary[] {
  return stmt(db, 
      `SELECT e.id, e.name, e.title, e.issue_date AS issueDate,
              (SELECT u.name FROM publications u WHERE u.id = e.publication_id) AS publication,
              (SELECT COUNT(*) FROM pages p WHERE p.edition_id = e.id) AS pageCount,
              (SELECT COUNT(*) FROM pages p WHERE p.edition_id = e.id AND p.status = 'approved') AS approvedPages,
              (SELECT COUNT(*) FROM suggestions s JOIN pages p ON p.id = s.page_id
                 WHERE p.edition_id = e.id AND s.status = 'open') AS openSuggestions
         FROM editions e
        ORDER BY COALESCE(e.issue_date, e.name), e.name`
    )
    .all() as EditionSummary[]
}

export function findEditionById(db: Db, id: number): { id: number; name: string } | undefined {
  return stmt(db, 'SELECT id, name FROM editions WHERE id = ?').get(id) as { id: number; name: string } | undefined
}

/** Sets what is given; `issueDate: null` clears the date. The triggers of migration 10 check the values. */
export function updateEdition(db: Db, id: number, change: { title?: string; issueDate?: string | null }): void {
  if (change.title !== undefined) stmt(db, 'UPDATE editions SET title = ? WHERE id = ?').run(change.title, id)
  if (change.issueDate !== undefined) stmt(db, 'UPDATE editions SET issue_date = ? WHERE id = ?').run(change.issueDate, id)
}

export function updatePageLabel(db: Db, pageId: number, label: string): boolean {
  return stmt(db, 'UPDATE pages SET label = ? WHERE id = ?').run(label, pageId).changes > 0
}
