import { useCallback, useEffect, useState } from 'react'
import Editor from '@monaco-editor/react'
import type { EditionSummary, PageDetail, PageSummary } from '../../shared/types'
import { api } from './api/client'

export function App(): React.JSX.Element {
  const [editions, setEditions] = useState<EditionSummary[]>([])
  const [pages, setPages] = useState<PageSummary[]>([])
  const [page, setPage] = useState<PageDetail | null>(null)
  const [error, setError] = useState<string | null>(null)

  const refresh = useCallback(() => {
    Promise.all([api.listEditions({}), api.listPages({})])
      .then(([e, p]) => {
        setEditions(e)
        setPages(p)
      })
      .catch((e: Error) => setError(e.message))
  }, [])

  useEffect(refresh, [refresh])

  const open = (pageId: number): void => {
    api.getPage({ pageId }).then(setPage, (e: Error) => setError(e.message))
  }

  return (
    <div className="app">
      <aside className="sidebar" aria-label="版面">
        {editions.map((edition) => (
          <section key={edition.id} className="edition">
            <h2>{edition.title}</h2>
            <ul>
              {pages
                .filter((p) => p.editionId === edition.id)
                .map((p) => (
                  <li key={p.id}>
                    <button className={page?.page.id === p.id ? 'page active' : 'page'} onClick={() => open(p.id)}>
                      {p.label}版 <small>{p.sourceName}</small>
                    </button>
                  </li>
                ))}
            </ul>
          </section>
        ))}
        {editions.length === 0 && <p className="empty">尚无版面</p>}
      </aside>
      <main className="editor-area">
        {error && <div role="alert" className="error">{error}</div>}
        {page ? (
          <Editor
            value={page.originalText}
            language="plaintext"
            options={{ readOnly: true, wordWrap: 'on', minimap: { enabled: false } }}
          />
        ) : (
          <p className="empty">选择一个版面</p>
        )}
      </main>
    </div>
  )
}
