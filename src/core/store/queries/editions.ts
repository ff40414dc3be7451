import type { Db } from '../database'
import { stmt } from '../statements'
import type { EditionSummary } from '../../../shared/types'
import { nowIso } from './time'

export function findOrCreateEdition(db: Db, name: string, issueDate: string | null): number {
  const row = stmt(db, 'SELECT id FROM editions WHERE name = ?').get(name) as { id: number } | undefined
  if (row) return row.id
  const result = stmt(db, 'INSERT INTO editions (name, title, issue_date, created_at) VALUES (?, ?, ?, ?)')
    .run(name, [...name].slice(0, 200).join(''), issueDate, nowIso())
  return Number(result.lastInsertRowid)
}

export function findEditionByName(db: Db, name: string): { id: number; name: string } | undefined {
  return stmt(db, 'SELECT id, name FROM editions WHERE name = ?').get(name) as { id: number; name: string } | undefined
}

export function listEditions(db: Db): EditionSummary[] {
  return stmt(db, 
      `SELECT e.id, e.name, e.title, e.issue_date AS issueDate,
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
