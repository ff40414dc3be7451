import { useEffect, useRef, useState } from 'react'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'

/** Search over the whole store; results replace the page tree while there is a query. */
export function SearchBox(): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  const hits = useApp((s) => s.searchHits)
  const query = useApp((s) => s.searchQuery)
  const [draft, setDraft] = useState(query)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), [])

  const change = (value: string): void => {
    setDraft(value)
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => void wb.finder.search(value), 250)
  }
  const list = useRef<HTMLOListElement>(null)

  return (
    <div className="search">
      <input
        id="galley-search"
        type="search"
        value={draft}
        placeholder={t('search.placeholder')}
        aria-label={t('search.placeholder')}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            if (timer.current) clearTimeout(timer.current)
            void wb.finder.search(draft).then(() => list.current?.querySelector('button')?.focus())
          } else if (e.key === 'ArrowDown') {
            e.preventDefault()
            list.current?.querySelector('button')?.focus()
          } else if (e.key === 'Escape' && draft) {
            e.stopPropagation()
            change('')
          }
        }}
      />
      {hits !== null && (
        <div className="hits" aria-live="polite">
          <p className="hits-count">{hits.length ? t('search.hits', { count: hits.length }) : t('search.noHits', { query })}</p>
          <ol
            ref={list}
            onKeyDown={(e) => {
              const buttons = [...(list.current?.querySelectorAll('button') ?? [])]
              const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
              if (e.key === 'ArrowDown') buttons[Math.min(at + 1, buttons.length - 1)]?.focus()
              else if (e.key === 'ArrowUp') (at <= 0 ? document.getElementById('galley-search') : buttons[at - 1])?.focus()
              else return
              e.preventDefault()
            }}
          >
            {hits.map((hit, i) => (
              <li key={`${hit.pageId}:${hit.offset}:${i}`}>
                <button className="hit" onClick={() => wb.finder.openHit(hit)}>
                  <span className="hit-where">
                    {hit.editionName} · {t('sidebar.pageLabel', { label: hit.pageLabel })}
                  </span>
                  <span className="hit-snippet">
                    {hit.snippet.slice(0, hit.matchStart)}
                    <mark>{hit.snippet.slice(hit.matchStart, hit.matchStart + hit.matchLength)}</mark>
                    {hit.snippet.slice(hit.matchStart + hit.matchLength)}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  )
}
