import { useEffect, useRef } from 'react'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import type { FixScope } from '../state/fixController'
import { Dialog } from './Dialog'

const SCOPES: readonly FixScope[] = ['page', 'edition', 'all']

/**
 * Every occurrence of a pattern with its context, each with a checkbox. Keyboard: Enter in the
 * fields finds, ↑/↓ move between occurrences, Space ticks, Ctrl+Enter applies, Escape closes.
 */
export function ConcordanceDialog(): React.JSX.Element | null {
  const t = useT()
  const wb = useWorkbench()
  const fix = useApp((s) => s.fix)
  const list = useRef<HTMLOListElement>(null)
  const first = useRef<HTMLInputElement>(null)
  useEffect(() => {
    first.current?.focus()
    first.current?.select()
  }, [])
  if (!fix) return null
  const chosen = fix.chosen.filter(Boolean).length
  const pages = new Set(fix.occurrences.filter((_, i) => fix.chosen[i]).map((o) => o.pageId)).size
  const ready = fix.searched === fix.pattern && chosen > 0 && fix.pattern !== fix.replacement
  const move = (from: HTMLElement, step: number): void => {
    const boxes = [...(list.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? [])]
    const at = boxes.indexOf(from as HTMLInputElement)
    boxes[Math.max(0, Math.min(boxes.length - 1, at + step))]?.focus()
  }
  return (
    <Dialog title={t('fix.title')} onClose={() => wb.store.set({ dialog: null, fix: null })} wide>
      <div
        className="concordance"
        data-testid="concordance"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault()
            void wb.fix.apply()
          }
        }}
      >
        <div className="fix-fields">
          <label className="field">
            {t('fix.pattern')}
            <input
              ref={first}
              data-testid="fix-pattern"
              value={fix.pattern}
              maxLength={50}
              onChange={(e) => wb.fix.edit({ pattern: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) void wb.fix.search()
              }}
            />
          </label>
          <label className="field">
            {t('fix.replacement')}
            <input
              data-testid="fix-replacement"
              value={fix.replacement}
              maxLength={50}
              onChange={(e) => wb.fix.edit({ replacement: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) void wb.fix.search()
                if (e.key === 'ArrowDown') move(e.currentTarget, 0)
              }}
            />
          </label>
          <label className="field">
            {t('fix.scope')}
            <select data-testid="fix-scope" value={fix.scope} onChange={(e) => wb.fix.edit({ scope: e.target.value as FixScope })}>
              {SCOPES.map((s) => (
                <option key={s} value={s}>
                  {t(`fix.scope.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {fix.searched !== null && (
          <p className="muted" data-testid="fix-summary">
            {t('fix.found', { count: fix.occurrences.length, pages: new Set(fix.occurrences.map((o) => o.pageId)).size })}
            {fix.truncated && ` ${t('fix.truncated')}`}{' '}
            <button onClick={() => wb.fix.toggleAll(true)}>{t('fix.all')}</button> <button onClick={() => wb.fix.toggleAll(false)}>{t('fix.none')}</button>
          </p>
        )}
        <ol className="occurrences" ref={list}>
          {fix.occurrences.map((o, i) => (
            <li key={`${o.pageId}:${o.start}`} className={fix.chosen[i] ? 'occurrence chosen' : 'occurrence'}>
              <label>
                <input
                  type="checkbox"
                  checked={fix.chosen[i] ?? false}
                  onChange={(e) => wb.fix.toggle(i, e.target.checked)}
                  onKeyDown={(e) => {
                    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                      e.preventDefault()
                      move(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1)
                    }
                  }}
                />
                <span className="where">
                  {o.edition} · {t('sidebar.pageLabel', { label: o.label })} · {t('suggestions.line', { line: o.line })}
                </span>
                <span className="context">
                  {o.before}
                  <del>{fix.searched}</del>
                  {fix.chosen[i] && fix.replacement !== fix.searched && <ins>{fix.replacement}</ins>}
                  {o.after}
                </span>
              </label>
            </li>
          ))}
        </ol>
        <div className="dialog-actions">
          <button onClick={() => wb.store.set({ dialog: null, fix: null })}>{t('approve.cancel')}</button>
          <button className="primary" data-testid="fix-apply" disabled={!ready} onClick={() => void wb.fix.apply()}>
            {t('fix.apply', { count: chosen, pages })}
          </button>
        </div>
      </div>
    </Dialog>
  )
}
