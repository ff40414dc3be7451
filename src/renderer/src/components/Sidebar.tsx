import { memo, useCallback, useEffect, useMemo, useRef } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { EditionSummary, PageSummary } from '../../../shared/types'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import { SearchBox } from './SearchBox'
import { sidebarRows, type SidebarRow } from '../state/sidebarRows'

/** Fixed row heights (app.css holds the same numbers): an archive of 10,000 pages scrolls without measuring a row. */
const EDITION_ROW_PX = 36
const PAGE_ROW_PX = 46

export function Sidebar(): React.JSX.Element {
  const t = useT()
  const editions = useApp((s) => s.editions)
  const pages = useApp((s) => s.pages)
  const hits = useApp((s) => s.searchHits)
  return (
    <aside className="sidebar" aria-label={t('sidebar.editions')}>
      <SearchBox />
      {hits === null && (editions.length === 0 ? <p className="empty">{t('sidebar.empty')}</p> : <PageTree editions={editions} pages={pages} />)}
    </aside>
  )
}

/** Only the rows in view (and a few around them) are in the document, so opening a page or typing costs the same at 10 or 10,000 pages. */
function PageTree({ editions, pages }: { editions: EditionSummary[]; pages: PageSummary[] }): React.JSX.Element {
  const t = useT()
  const pageId = useApp((s) => s.pageId)
  const rows = useMemo(() => sidebarRows(editions, pages), [editions, pages])
  const scroller = useRef<HTMLElement>(null)
  // Stable while the rows are: a new key function makes the virtualizer measure all 10,000 rows again on every render (an open page's).
  const estimateSize = useCallback((i: number) => (rows[i]!.kind === 'edition' ? EDITION_ROW_PX : PAGE_ROW_PX), [rows])
  const getItemKey = useCallback((i: number) => rows[i]!.key, [rows])
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    getItemKey,
    overscan: 8,
    paddingStart: 4,
    paddingEnd: 12,
    // A row the keys bring in stops a little short of the edge, so the next one shows.
    scrollPaddingStart: 8,
    scrollPaddingEnd: 8
  })
  // The open page's row follows the next/previous-page keys and search jumps.
  const activeIndex = useMemo(() => rows.findIndex((r) => r.kind === 'page' && r.page.id === pageId), [rows, pageId])
  useEffect(() => {
    if (activeIndex !== -1) virtualizer.scrollToIndex(activeIndex, { align: 'auto' })
  }, [activeIndex, virtualizer])

  return (
    <nav className="tree" aria-label={t('sidebar.editions')} ref={scroller}>
      <div role="list" className="tree-rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!
          return (
            <div
              key={item.key}
              role="listitem"
              aria-setsize={rows.length}
              aria-posinset={item.index + 1}
              className="tree-row"
              style={{ transform: `translateY(${item.start}px)`, height: item.size }}
            >
              {row.kind === 'edition' ? <EditionHeading edition={row.edition} /> : <PageRow page={row.page} active={row.page.id === pageId} />}
            </div>
          )
        })}
      </div>
    </nav>
  )
}

type EditionRow = Extract<SidebarRow, { kind: 'edition' }>

const EditionHeading = memo(function EditionHeading({ edition }: { edition: EditionRow['edition'] }) {
  const t = useT()
  const wb = useWorkbench()
  return (
    <div className="edition">
      <h2 title={edition.name}>
        <span className="edition-title">{edition.title || edition.name}</span>
        {edition.issueDate && <time className="edition-date" dateTime={edition.issueDate}>{edition.issueDate}</time>}
        <small>{t('sidebar.approvedOf', { approved: edition.approvedPages, total: edition.pageCount })}</small>
      </h2>
      <button
        className="edition-edit"
        title={t('edition.edit')}
        aria-label={t('edition.edit')}
        data-edition-id={edition.id}
        onClick={() => wb.store.set({ dialog: 'edition', editionId: edition.id })}
      >
        ✎
      </button>
    </div>
  )
})

const PageRow = memo(function PageRow({ page, active }: { page: PageSummary; active: boolean }) {
  const t = useT()
  const wb = useWorkbench()
  return (
    <button
      className={active ? 'page-row active' : 'page-row'}
      aria-current={active ? 'page' : undefined}
      data-page-id={page.id}
      onClick={() => void wb.openPage(page.id)}
      title={page.sourceName}
    >
      <span className="page-label">{t('sidebar.pageLabel', { label: page.label })}</span>
      <span className={`pill status-${page.status}`}>{t(`status.${page.status}`)}</span>
      {page.openSuggestions > 0 && <span className="count" title={t('sidebar.openSuggestions', { count: page.openSuggestions })}>{page.openSuggestions}</span>}
      <small className="page-source">{page.sourceName}</small>
    </button>
  )
})
