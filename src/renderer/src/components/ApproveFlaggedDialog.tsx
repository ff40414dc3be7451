import { useEffect, useRef } from 'react'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import { Dialog } from './Dialog'

/** "Approve page" on a page with flagged articles: the editor says which (the CLI approves the unflagged ones). */
export function ApproveFlaggedDialog(): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  const spans = useApp((s) => s.spans)
  const flagged = spans.filter((s) => s.kind !== 'furniture' && s.status === 'proposed' && (s.record?.flags.length ?? 0) > 0).length
  const first = useRef<HTMLButtonElement>(null)
  useEffect(() => first.current?.focus(), [])
  const close = (): void => wb.store.set({ dialog: null })
  const approve = (withFlagged: boolean): void => {
    close()
    void wb.structure.approvePage(withFlagged)
  }
  return (
    <Dialog title={t('approve.title')} onClose={close}>
      <p data-testid="approve-flagged">{t('approve.flagged', { count: flagged })}</p>
      <div className="dialog-actions">
        <button onClick={close}>{t('approve.cancel')}</button>
        <button onClick={() => approve(true)}>{t('approve.all')}</button>
        <button className="primary" ref={first} onClick={() => approve(false)}>
          {t('approve.unflagged')}
        </button>
      </div>
    </Dialog>
  )
}
