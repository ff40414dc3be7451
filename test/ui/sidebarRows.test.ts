import { describe, expect, it } from 'vitest'
import { orderPages, sidebarRows } from '../../src/renderer/src/state/sidebarRows'
import type { EditionSummary, PageSummary } from '../../src/shared/types'

const edition = (id: number): EditionSummary => ({ id, name: `e${id}`, title: '', issueDate: null, pageCount: 0, approvedPages: 0, openSuggestions: 0 })
const page = (id: number, editionId: number, order: number): PageSummary => ({
  id,
  editionId,
  label: String(order),
  order,
  sourceName: `${id}.txt`,
  status: 'new',
  openSuggestions: 0,
  articleCount: 0
})

describe('sidebar rows', () => {
  // Editions in the order the store lists them (newest first, say), not by id.
  const editions = [edition(7), edition(3), edition(5)]
  const pages = [page(1, 3, 2), page(2, 3, 1), page(3, 7, 1), page(4, 5, 1), page(5, 7, 3), page(6, 7, 2)]

  it('puts a heading before each edition and its pages in page order', () => {
    expect(sidebarRows(editions, pages).map((r) => r.key)).toEqual(['e7', 'p3', 'p6', 'p5', 'e3', 'p2', 'p1', 'e5', 'p4'])
  })

  it('orders pages for the next-page key the way the sidebar shows them', () => {
    const fromRows = sidebarRows(editions, pages).flatMap((r) => (r.kind === 'page' ? [r.page.id] : []))
    expect(orderPages(editions, pages).map((p) => p.id)).toEqual(fromRows)
  })

  it('keeps an edition without pages as a heading and gives every row a distinct key', () => {
    const rows = sidebarRows([...editions, edition(9)], pages)
    expect(rows.at(-1)).toMatchObject({ kind: 'edition', key: 'e9' })
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length)
  })

  it('lists 10,000 pages as 11,250 rows, the same page objects (rows re-render only when a page changed)', () => {
    const many = Array.from({ length: 1250 }, (_, i) => edition(i + 1))
    const all = Array.from({ length: 10_000 }, (_, i) => page(i + 1, (i >> 3) + 1, (i % 8) + 1))
    const rows = sidebarRows(many, all)
    expect(rows).toHaveLength(11_250)
    const row = rows[1]!
    expect(row.kind === 'page' && row.page).toBe(all[0])
  })
})
