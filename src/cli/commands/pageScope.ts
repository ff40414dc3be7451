import type { Db } from '../../core/store/database'
import { findEditionByName } from '../../core/store/queries/editions'
import { getPageSummary, listPages } from '../../core/store/queries/pages'
import { UsageError } from '../args'

/** The pages named by --page ID or --edition NAME (exactly one of them). */
export function pagesInScope(db: Db, values: Record<string, unknown>): number[] {
  const page = values.page as string | undefined
  const edition = values.edition as string | undefined
  if ((page === undefined) === (edition === undefined)) throw new UsageError('give either --page ID or --edition NAME')
  if (page !== undefined) {
    const id = Number(page)
    if (!Number.isInteger(id) || id <= 0) throw new UsageError('--page takes a page id (see galley pages)')
    if (!getPageSummary(db, id)) throw new UsageError(`no page with id ${id}`)
    return [id]
  }
  const found = findEditionByName(db, edition!)
  if (!found) throw new UsageError(`no edition named ${edition}`)
  return listPages(db, found.id).map((p) => p.id)
}
