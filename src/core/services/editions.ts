import { ApiError, type ApiArgs, type Handlers } from '../../shared/api'
import type { EditionSummary, PageSummary } from '../../shared/types'
import type { Db } from '../store/database'
import { findEditionById, findEditionByName, listEditions, updateEdition, updatePageLabel } from '../store/queries/editions'
import { getPageRow, listPages } from '../store/queries/pages'
import { dateIn } from '../import/naming'
import type { ServiceContext } from './context'

// An edition's metadata as the editor corrects it: one place for the workbench, the server and the CLI.

/** `2024-05-01`, `20240501`, `2024.5.1`, `2024年5月1日` → `2024-05-01`; anything else (or a date inside other words) is refused. */
export function normaliseIssueDate(input: string): string {
  const text = input.trim()
  const found = dateIn(text)
  if (!found || found.match.trim() !== text) {
    const loose = /^((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})$/.exec(text)
    const again = loose ? dateIn(`${loose[1]}-${loose[2]!.padStart(2, '0')}-${loose[3]!.padStart(2, '0')}`) : null
    if (!again) throw new ApiError('invalid-argument', `issue date "${input}": not a calendar date (YYYY-MM-DD, YYYYMMDD or YYYY年M月D日)`)
    return again.iso
  }
  return found.iso
}

export function editionIdByName(db: Db, name: string): number {
  const edition = findEditionByName(db, name)
  if (!edition) throw new ApiError('not-found', `edition "${name}" does not exist`)
  return edition.id
}

export function setEditionMetadata(db: Db, args: ApiArgs<'setEditionMetadata'>): EditionSummary {
  if (!findEditionById(db, args.editionId)) throw new ApiError('not-found', `edition ${args.editionId} does not exist`)
  const issueDate = args.issueDate === undefined || args.issueDate === null ? args.issueDate : normaliseIssueDate(args.issueDate)
  db.transaction(() => updateEdition(db, args.editionId, { title: args.title?.trim(), issueDate }))()
  return listEditions(db).find((e) => e.id === args.editionId)!
}

export function setPageLabel(db: Db, args: ApiArgs<'setPageLabel'>): PageSummary {
  if (!updatePageLabel(db, args.pageId, args.label.trim())) throw new ApiError('not-found', `page ${args.pageId} does not exist`)
  return listPages(db, getPageRow(db, args.pageId)!.editionId).find((p) => p.id === args.pageId)!
}

export function editionHandlers(ctx: ServiceContext): Pick<Handlers, 'setEditionMetadata' | 'setPageLabel'> {
  return {
    setEditionMetadata: (args) => setEditionMetadata(ctx.db, args),
    setPageLabel: (args) => setPageLabel(ctx.db, args)
  }
}
