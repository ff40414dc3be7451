import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import type { Panel } from '../state/appState'
import { ArticlesPanel } from './ArticlesPanel'
import { HistoryPanel } from './HistoryPanel'
import { SuggestionsPanel } from './SuggestionsPanel'

const PANELS: readonly Panel[] = ['articles', 'suggestions', 'history']

export function RightPanel(): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  const panel = useApp((s) => s.panel)
  const articleCount = useApp((s) => s.spans.length)
  const suggestionCount = useApp((s) => s.suggestions.length)
  const badge: Record<Panel, number | null> = { articles: articleCount, suggestions: suggestionCount, history: null }
  return (
    <aside className="right-panel">
      <div className="tabs" role="tablist">
        {PANELS.map((p) => (
          <button key={p} role="tab" aria-selected={panel === p} className={panel === p ? 'tab active' : 'tab'} onClick={() => wb.setPanel(p)}>
            {t(`panel.${p}`)}
            {badge[p] !== null && <span className="tab-badge">{badge[p]}</span>}
          </button>
        ))}
      </div>
      <div className="panel-body" role="tabpanel">
        {panel === 'articles' && <ArticlesPanel />}
        {panel === 'suggestions' && <SuggestionsPanel />}
        {panel === 'history' && <HistoryPanel />}
      </div>
    </aside>
  )
}
