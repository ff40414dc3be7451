import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import { reasonLabel } from '../i18n'

export function HistoryPanel(): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  const revisions = useApp((s) => s.revisions)
  const current = useApp((s) => s.revisionId)
  const comparing = useApp((s) => s.comparing?.id ?? null)
  if (revisions.length === 0) return <p className="empty">{t('history.empty')}</p>
  return (
    <ol className="history" data-testid="history">
      {revisions.slice(0, 500).map((r) => (
        <li key={r.id} className={`revision${r.id === current ? ' current' : ''}${r.id === comparing ? ' comparing' : ''}`} data-revision-id={r.id}>
          <div className="revision-head">
            <span>
              {t('history.entry', {
                id: r.id,
                author: r.author === 'editor' || r.author === 'galley' ? t(`author.${r.author}`) : r.author,
                reason: reasonLabel(t, r.reason)
              })}
            </span>
            {r.id === current && <span className="pill">{t('history.current')}</span>}
          </div>
          <div className="revision-meta">
            <time dateTime={r.createdAt}>{new Date(r.createdAt).toLocaleString()}</time> · {t('history.length', { count: r.length })}
          </div>
          {r.id !== current && (
            <div className="row-actions">
              <button onClick={() => void wb.history.compare(r.id === comparing ? null : r.id)}>{t('history.compare')}</button>
              <button className="restore" onClick={() => void wb.history.restore(r.id)}>
                {t('history.restore')}
              </button>
            </div>
          )}
        </li>
      ))}
    </ol>
  )
}
