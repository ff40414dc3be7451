import { useMemo } from 'react'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import { ruleLabel } from '../i18n'
import { suggestionMessage } from '../i18n/suggestions'
import { groupByRule } from '../state/suggestionSpans'

export function SuggestionsPanel(): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  const suggestions = useApp((s) => s.suggestions)
  const groups = useMemo(() => groupByRule(suggestions), [suggestions])
  // Read when the list changes (a save, a decision), not at every keystroke.
  const places = useMemo(() => (suggestions.length > 0 ? wb.suggestions.places() : new Map()), [wb, suggestions])
  if (suggestions.length === 0) return <p className="empty">{t('suggestions.none')}</p>
  return (
    <div className="suggestions">
      {groups.map((g) => (
        <section key={g.rule} className="rule-group">
          <h3>
            {ruleLabel(t, g.rule)} <span className="count">{g.count}</span>
          </h3>
          <div className="panel-actions">
            <button className="primary" onClick={() => wb.suggestions.acceptRule(g.rule)}>
              {t('suggestions.applyAll', { count: g.count })}
            </button>
            <button onClick={() => wb.suggestions.rejectRule(g.rule)}>{t('suggestions.rejectAll')}</button>
          </div>
          <ul>
            {suggestions
              .filter((s) => s.rule === g.rule)
              .slice(0, 200)
              .map((s) => (
                <li
                  key={s.id}
                  className="suggestion"
                  data-suggestion-id={s.id}
                  tabIndex={0}
                  onClick={(e) => {
                    if (!(e.target as HTMLElement).closest('button')) wb.suggestions.reveal(s.id)
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && e.target === e.currentTarget) {
                      e.preventDefault()
                      wb.suggestions.reveal(s.id)
                    }
                  }}
                >
                  <span className="change">
                    <del>{s.original || '∅'}</del> → <ins>{s.replacement || '∅'}</ins>
                    {places.get(s.id) && <span className="where">{t('suggestions.line', { line: places.get(s.id)!.line })}</span>}
                  </span>
                  {places.get(s.id) && (
                    <span className="context" data-testid="suggestion-context">
                      …{places.get(s.id)!.before}
                      <mark>{s.original}</mark>
                      {places.get(s.id)!.after}…
                    </span>
                  )}
                  <span className="message">{suggestionMessage(t, s)}</span>
                  <span className="row-actions">
                    <button onClick={() => wb.suggestions.accept(s.id)}>{t('suggestions.accept')}</button>
                    <button onClick={() => wb.suggestions.reject(s.id)}>{t('suggestions.reject')}</button>
                  </span>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  )
}
