import { memo, useMemo } from 'react'
import type { EditionSummary, PageSummary } from '../../../shared/types'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import { SearchBox } from './SearchBox'

export function Sidebar(): React.JSX.Element {
  const t = useT()
  const editions = useApp((s) => s.editions)
  const pages = useApp((s) => s.pages)
  const hits = useApp((s) => s.searchHits)
  const byEdition = useMemo(() => {
    const map = new Map<number, PageSummary[]>()
    for (const p of pages) map.set(p.editionId, [...(map.get(p.editionId) ?? []), p])
    for (const list of map.values()) list.sort((a, b) => a.order - b.order)
    return map
  }, [pages])
  return (
    <aside className="sidebar" aria-label={t('sidebar.editions')}>
      <SearchBox />
      {hits === null && (
        <nav className="tree" aria-label={t('sidebar.editions')}>
          {editions.map((edition) => (
            <EditionBlock key={edition.id} edition={edition} pages={byEdition.get(edition.id) ?? []} />
          ))}
          {editions.length === 0 && <p className="empty">{t('sidebar.empty')}</p>}
        </nav>
      )}
    </aside>
  )
}

/** byEdition rebuilds every list when any page changes: a block re-renders only when its own pages did. */
const samePages = (a: readonly PageSummary[], b: readonly PageSummary[]): boolean => a.length === b.length && a.every((p, i) => p === b[i])

const EditionBlock = memo(function EditionBlock({ edition, pages }: { edition: EditionSummary; pages: PageSummary[] }) {
  const t = useT()
  return (
    <section className="edition">
      <h2 title={edition.name}>
        <span className="edition-title">{edition.title || edition.name}</span>
        <small>{t('sidebar.approvedOf', { approved: edition.approvedPages, total: edition.pageCount })}</small>
      </h2>
      <ul>
        {pages.map((p) => (
          <PageRow key={p.id} page={p} />
        ))}
      </ul>
    </section>
  )
}, (a, b) => a.edition === b.edition && samePages(a.pages, b.pages))

const PageRow = memo(function PageRow({ page }: { page: PageSummary }) {
  const t = useT()
  const wb = useWorkbench()
  const active = useApp((s) => s.pageId === page.id)
  return (
    <li>
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
    </li>
  )
})
