import { ApiError, type GalleyApi } from '../../shared/api'
import type { PageSummary } from '../../shared/types'
import { UsageError } from '../args'

/** The pages named by --page ID or --edition NAME (exactly one of them). */
export async function pagesInScope(api: GalleyApi, values: Record<string, unknown>): Promise<PageSummary[]> {
  const page = values.page as string | undefined
  const edition = values.edition as string | undefined
  if ((page === undefined) === (edition === undefined)) throw new UsageError('give either --page ID or --edition NAME')
  if (page !== undefined) {
    const id = Number(page)
    if (!Number.isInteger(id) || id <= 0) throw new UsageError('--page takes a page id (see galley pages)')
    try {
      return [(await api.getPage({ pageId: id })).page]
    } catch (error) {
      if (error instanceof ApiError && error.code === 'not-found') throw new UsageError(`no page with id ${id}`)
      throw error
    }
  }
  const editionId = await editionIdByName(api, edition!)
  if (editionId === undefined) throw new UsageError(`no edition named ${edition}`)
  return api.listPages({ editionId })
}

export async function editionIdByName(api: GalleyApi, name: string): Promise<number | undefined> {
  return (await api.listEditions({})).find((e) => e.name === name)?.id
}
