import type { EditionSummary, PageSummary } from '../../../shared/types'

export type SidebarRow =
  | { kind: 'edition'; key: string; edition: EditionSummary }
  | { kind: 'page'; key: string; page: PageSummary }

/** Pages in reading order: editions as listed, pages by their place in the edition. */
export function orderPages(editions: readonly EditionSummary[], pages: readonly PageSummary[]): PageSummary[] {
  const editionOrder = new Map(editions.map((e, i) => [e.id, i]))
  const at = (p: PageSummary): number => editionOrder.get(p.editionId) ?? editions.length
  return [...pages].sort((a, b) => at(a) - at(b) || a.order - b.order || a.id - b.id)
}

/** The sidebar as one flat list (a heading per edition, then its pages), which is what a virtual list scrolls. */
export function sidebarRows(editions: readonly EditionSummary[], pages: readonly PageSummary[]): SidebarRow[] {
  const byEdition = new Map<number, PageSummary[]>()
  for (const page of orderPages(editions, pages)) {
    const list = byEdition.get(page.editionId)
    if (list) list.push(page)
    else byEdition.set(page.editionId, [page])
  }
  const rows: SidebarRow[] = []
  for (const edition of editions) {
    rows.push({ kind: 'edition', key: `e${edition.id}`, edition })
    for (const page of byEdition.get(edition.id) ?? []) rows.push({ kind: 'page', key: `p${page.id}`, page })
  }
  return rows
}
