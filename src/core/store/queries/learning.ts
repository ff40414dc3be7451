import type { Db } from '../database'
import { stmt } from '../statements'
import type { LearntRule, PageChange, PageReproposal, StructureDecision, StructureRole } from '../../../shared/types'
import { nowIso } from './time'
import type { RoleAdjustment } from '../../analysis/profile'

// What Galley learns from the editor, per publication: the decisions, the roles given to lines,
// the rules learnt from approved pages, and what proposing a page again changed.

export interface NewDecision {
  pageId: number
  revisionId: number | null
  action: StructureDecision['action']
  lineText?: string | null
  detail?: Record<string, unknown>
  via: string
}

export function recordDecisions(db: Db, publicationId: number | null, decisions: readonly NewDecision[]): void {
  const insert = stmt(
    db,
    'INSERT INTO structure_decisions (publication_id, page_id, revision_id, action, line_text, detail_json, via, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
  )
  const at = nowIso()
  for (const d of decisions) insert.run(publicationId, d.pageId, d.revisionId, d.action, d.lineText ?? null, JSON.stringify(d.detail ?? {}), d.via, at)
}

export function listDecisions(db: Db, filter: { publicationId?: number; pageId?: number }, limit = 1000): StructureDecision[] {
  const where = filter.pageId !== undefined ? 'page_id = ?' : filter.publicationId !== undefined ? 'publication_id = ?' : '1 = 1'
  const args = filter.pageId !== undefined ? [filter.pageId] : filter.publicationId !== undefined ? [filter.publicationId] : []
  const rows = stmt(
    db,
    `SELECT id, page_id AS pageId, action, line_text AS lineText, detail_json AS detailJson, via, created_at AS createdAt
       FROM structure_decisions WHERE ${where} ORDER BY id DESC LIMIT ?`
  ).all(...args, limit) as (Omit<StructureDecision, 'detail'> & { detailJson: string })[]
  return rows.map(({ detailJson, ...d }) => ({ ...d, detail: JSON.parse(detailJson) as Record<string, unknown> }))
}

export function setLineRoles(db: Db, pageId: number, revisionId: number, roles: ReadonlyMap<number, StructureRole>): void {
  stmt(db, 'DELETE FROM line_roles WHERE page_id = ? AND revision_id = ?').run(pageId, revisionId)
  const insert = stmt(db, 'INSERT INTO line_roles (page_id, revision_id, line, role) VALUES (?, ?, ?, ?)')
  for (const [line, role] of roles) insert.run(pageId, revisionId, line, role)
}

export function getLineRoles(db: Db, pageId: number, revisionId: number): Map<number, StructureRole> {
  const rows = stmt(db, 'SELECT line, role FROM line_roles WHERE page_id = ? AND revision_id = ?').all(pageId, revisionId) as { line: number; role: StructureRole }[]
  return new Map(rows.map((r) => [r.line, r.role]))
}

const RULE_COLUMNS = `r.id, r.publication_id AS publicationId, r.template, r.role, r.lines, r.pages, r.example, r.page_id AS fromPageId,
  (SELECT p.label FROM pages p WHERE p.id = r.page_id) AS fromPageLabel, r.origin, r.state`

export function listRules(db: Db, publicationId: number, state?: LearntRule['state']): LearntRule[] {
  const filter = state ? 'AND r.state = ?' : ''
  const args: unknown[] = state ? [publicationId, state] : [publicationId]
  return stmt(db, `SELECT ${RULE_COLUMNS} FROM learnt_rules r WHERE r.publication_id = ? ${filter} ORDER BY r.role, r.template`).all(...args) as LearntRule[]
}

export function getRule(db: Db, ruleId: number): LearntRule | undefined {
  return stmt(db, `SELECT ${RULE_COLUMNS} FROM learnt_rules r WHERE r.id = ?`).get(ruleId) as LearntRule | undefined
}

export function setRuleState(db: Db, ruleId: number, state: LearntRule['state']): void {
  stmt(db, 'UPDATE learnt_rules SET state = ?, updated_at = ? WHERE id = ?').run(state, nowIso(), ruleId)
}

export interface RuleInput {
  template: string
  role: StructureRole
  lines: number
  pages: number
  example: string
  pageId: number | null
}

/**
 * The publication's learnt rules become `rules`: evidence is updated in place (an undone rule
 * stays undone), rules the evidence no longer supports are dropped, imported rules are kept.
 */
export function replaceLearntRules(db: Db, publicationId: number, rules: readonly RuleInput[]): RuleChange[] {
  const rows = stmt(db, "SELECT id, template, role, state FROM learnt_rules WHERE publication_id = ? AND origin = 'learnt'").all(publicationId) as {
    id: number
    template: string
    role: StructureRole
    state: LearntRule['state']
  }[]
  const existing = new Map(rows.map((r) => [`${r.role}\t${r.template}`, r]))
  const changes: RuleChange[] = []
  const at = nowIso()
  const update = stmt(db, 'UPDATE learnt_rules SET lines = ?, pages = ?, example = ?, updated_at = ? WHERE id = ?')
  const insert = stmt(
    db,
    `INSERT INTO learnt_rules (publication_id, template, role, lines, pages, example, page_id, origin, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'learnt', 'active', ?, ?)
     ON CONFLICT (publication_id, template, role) DO UPDATE SET lines = excluded.lines, pages = excluded.pages, updated_at = excluded.updated_at`
  )
  for (const r of rules) {
    const key = `${r.role}\t${r.template}`
    const row = existing.get(key)
    if (row !== undefined) {
      update.run(r.lines, r.pages, r.example, at, row.id)
      existing.delete(key)
    } else {
      const result = insert.run(publicationId, r.template, r.role, r.lines, r.pages, r.example, r.pageId, at, at)
      // an imported rule learnt now as well was already in force
      if (result.changes > 0 && !rows.some((x) => x.template === r.template && x.role === r.role)) changes.push({ template: r.template, role: r.role, added: true })
    }
  }
  const drop = stmt(db, 'DELETE FROM learnt_rules WHERE id = ?')
  for (const row of existing.values()) {
    drop.run(row.id)
    if (row.state === 'active') changes.push({ template: row.template, role: row.role, added: false })
  }
  return changes
}

/** A rule that came into force (added) or went out of it: the pages it may change are proposed again. */
export interface RuleChange {
  template: string
  role: StructureRole
  added: boolean
}

/** Rules from a profile file: new ones are added as imported, known ones keep their state. */
export function importRules(db: Db, publicationId: number, rules: readonly Omit<RuleInput, 'pageId'>[]): { added: number; updated: number; changes: RuleChange[] } {
  const at = nowIso()
  let added = 0
  const changes: RuleChange[] = []
  let updated = 0
  const find = stmt(db, 'SELECT id FROM learnt_rules WHERE publication_id = ? AND template = ? AND role = ?').pluck()
  const insert = stmt(
    db,
    `INSERT INTO learnt_rules (publication_id, template, role, lines, pages, example, page_id, origin, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, 'imported', 'active', ?, ?)`
  )
  const update = stmt(db, 'UPDATE learnt_rules SET lines = MAX(lines, ?), pages = MAX(pages, ?), updated_at = ? WHERE id = ?')
  for (const r of rules) {
    const id = find.get(publicationId, r.template, r.role) as number | undefined
    if (id === undefined) {
      insert.run(publicationId, r.template, r.role, r.lines, r.pages, r.example, at, at)
      changes.push({ template: r.template, role: r.role, added: true })
      added++
    } else {
      update.run(r.lines, r.pages, at, id)
      updated++
    }
  }
  return { added, updated, changes }
}

export function recordReproposal(db: Db, pageId: number, revisionId: number, changes: readonly PageChange[]): void {
  stmt(db, 'INSERT INTO page_reproposals (page_id, revision_id, changes_json, created_at) VALUES (?, ?, ?, ?)').run(pageId, revisionId, JSON.stringify(changes), nowIso())
}

export function listReproposals(db: Db, pageId: number): PageReproposal[] {
  const rows = stmt(db, 'SELECT id, page_id AS pageId, revision_id AS revisionId, created_at AS createdAt, changes_json AS changesJson FROM page_reproposals WHERE page_id = ? ORDER BY id DESC').all(pageId) as (Omit<
    PageReproposal,
    'changes'
  > & { changesJson: string })[]
  return rows.map(({ changesJson, ...r }) => ({ ...r, changes: JSON.parse(changesJson) as PageChange[] }))
}

/**
 * Pages of the publication Galley may propose again: not approved, and untouched by the editor
 * (no revision of theirs, no article they set or decided, no line role they gave).
 */
export function reproposablePages(db: Db, publicationId: number): number[] {
  return stmt(
    db,
    `SELECT p.id FROM pages p JOIN editions e ON e.id = p.edition_id
      WHERE e.publication_id = ? AND p.status != 'approved'
        AND NOT EXISTS (SELECT 1 FROM revision_rows r WHERE r.page_id = p.id AND r.author = 'editor')
        AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.page_id = p.id AND (a.source = 'editor' OR a.status != 'proposed'))
        AND NOT EXISTS (SELECT 1 FROM line_roles l WHERE l.page_id = p.id)
      ORDER BY COALESCE(e.issue_date, e.name), e.name, p.page_order, p.source_name`
  )
    .pluck()
    .all(publicationId) as number[]
}

/** The approved pages of a publication: the evidence its profile is learnt from. */
export function approvedPagesOf(db: Db, publicationId: number): { pageId: number; revisionId: number; text: string }[] {
  return stmt(
    db,
    `SELECT p.id AS pageId, r.id AS revisionId, r.text FROM pages p JOIN editions e ON e.id = p.edition_id JOIN revisions r ON r.id = p.current_revision_id
      WHERE e.publication_id = ? AND p.status = 'approved' ORDER BY COALESCE(e.issue_date, e.name), e.name, p.page_order, p.source_name`
  ).all(publicationId) as { pageId: number; revisionId: number; text: string }[]
}

/** The same test as reproposablePages for one page (by key). */
export function isReproposable(db: Db, pageId: number): boolean {
  return (
    stmt(
      db,
      `SELECT 1 FROM pages p WHERE p.id = ? AND p.status != 'approved'
        AND NOT EXISTS (SELECT 1 FROM revision_rows r WHERE r.page_id = p.id AND r.author = 'editor')
        AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.page_id = p.id AND (a.source = 'editor' OR a.status != 'proposed'))
        AND NOT EXISTS (SELECT 1 FROM line_roles l WHERE l.page_id = p.id)`
    ).get(pageId) !== undefined
  )
}

/** The original texts of up to `limit` pages of an edition, in page order: its evidence for the analysis. */
export function editionOriginals(db: Db, editionId: number, limit: number): string[] {
  return stmt(db, 'SELECT original_text FROM pages WHERE edition_id = ? ORDER BY page_order, source_name LIMIT ?').pluck().all(editionId, limit) as string[]
}

/** The original texts of up to `limit` pages of a publication, newest editions first: evidence of what its pages share. */
export function publicationOriginals(db: Db, publicationId: number, limit: number): string[] {
  return stmt(
    db,
    `SELECT p.original_text FROM pages p JOIN editions e ON e.id = p.edition_id WHERE e.publication_id = ?
      ORDER BY COALESCE(e.issue_date, e.name) DESC, e.name DESC, p.page_order, p.source_name LIMIT ?`
  )
    .pluck()
    .all(publicationId, limit) as string[]
}

/** A publication's role-model adjustment as stored (see learning/adjust.ts). */
export interface StoredModel {
  adjustment: RoleAdjustment
  pages: number
  lines: number
  origin: 'learnt' | 'imported'
  state: 'active' | 'undone'
  updatedAt: string
}

export function getPublicationModel(db: Db, publicationId: number): StoredModel | null {
  const row = stmt(db, 'SELECT adjustment_json AS json, pages, lines, origin, state, updated_at AS updatedAt FROM publication_models WHERE publication_id = ?').get(publicationId) as
    | { json: string; pages: number; lines: number; origin: StoredModel['origin']; state: StoredModel['state']; updatedAt: string }
    | undefined
  if (!row) return null
  return { adjustment: JSON.parse(row.json) as RoleAdjustment, pages: row.pages, lines: row.lines, origin: row.origin, state: row.state, updatedAt: row.updatedAt }
}

/**
 * Stores the publication's adjustment (null removes it); an undone one stays undone. Returns
 * whether what the analysis reads changed.
 */
export function setPublicationModel(db: Db, publicationId: number, model: { adjustment: RoleAdjustment; pages: number; lines: number; origin: StoredModel['origin'] } | null): boolean {
  const before = stmt(db, 'SELECT adjustment_json AS json, state FROM publication_models WHERE publication_id = ?').get(publicationId) as { json: string; state: string } | undefined
  if (model === null) {
    if (!before) return false
    stmt(db, 'DELETE FROM publication_models WHERE publication_id = ?').run(publicationId)
    return before.state === 'active'
  }
  const json = JSON.stringify(model.adjustment)
  stmt(
    db,
    `INSERT INTO publication_models (publication_id, adjustment_json, pages, lines, origin, updated_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (publication_id) DO UPDATE SET adjustment_json = excluded.adjustment_json, pages = excluded.pages, lines = excluded.lines, origin = excluded.origin, updated_at = excluded.updated_at`
  ).run(publicationId, json, model.pages, model.lines, model.origin, nowIso())
  return (before?.state ?? 'active') === 'active' && before?.json !== json
}

export function setPublicationModelState(db: Db, publicationId: number, state: StoredModel['state']): boolean {
  return stmt(db, 'UPDATE publication_models SET state = ?, updated_at = ? WHERE publication_id = ? AND state != ?').run(state, nowIso(), publicationId, state).changes > 0
}

/** Approved pages with their original text (what the analysis reads), newest last, at most `limit`. */
export function approvedOriginalsOf(db: Db, publicationId: number, limit: number): { pageId: number; revisionId: number; text: string; original: string; editionId: number }[] {
  const rows = stmt(
    db,
    `SELECT p.id AS pageId, r.id AS revisionId, r.text, p.original_text AS original, p.edition_id AS editionId FROM pages p JOIN editions e ON e.id = p.edition_id JOIN revisions r ON r.id = p.current_revision_id
      WHERE e.publication_id = ? AND p.status = 'approved' ORDER BY COALESCE(e.issue_date, e.name) DESC, e.name DESC, p.page_order DESC, p.source_name DESC LIMIT ?`
  ).all(publicationId, limit) as { pageId: number; revisionId: number; text: string; original: string; editionId: number }[]
  return rows.reverse()
}
