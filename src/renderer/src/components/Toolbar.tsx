import { useCallback, useEffect } from 'react'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import { useExportState } from './ExportDialog'

export function Toolbar(): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  const page = useApp((s) => s.page)
  const save = useApp((s) => s.save)
  const saveError = useApp((s) => s.saveError)
  return (
    <header className="toolbar">
      <div className="toolbar-page">
        {page ? (
          <>
            <strong>{page.editionName}</strong>
            <span>{t('sidebar.pageLabel', { label: page.label })}</span>
            <span className={`pill status-${page.status}`} data-testid="page-status">
              {t(`status.${page.status}`)}
            </span>
            <span className={`save save-${save}`} role="status" title={saveError ?? undefined} data-testid="save-status" data-status={save}>
              {t(`save.${save}`)}
            </span>
          </>
        ) : (
          <span className="muted">{t('toolbar.noPage')}</span>
        )}
      </div>
      <div className="toolbar-actions">
        {page && (
          <button className="primary" onClick={() => void wb.structure.approvePage()} title="Alt+Shift+A">
            {t('toolbar.approvePage')}
          </button>
        )}
        <button onClick={() => wb.store.set({ dialog: 'import' })}>{t('toolbar.import')}</button>
        <ExportButton />
        <button onClick={() => wb.store.set({ dialog: 'shortcuts' })} title="?">
          {t('toolbar.shortcuts')}
        </button>
        <button onClick={() => wb.store.set({ dialog: 'settings' })}>{t('toolbar.settings')}</button>
      </div>
    </header>
  )
}

/** Opens the export dialog; while an export runs with the dialog closed, it shows how far it is. */
function ExportButton(): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  const job = useExportState().job
  const running = job?.state === 'running'
  const percent = running && job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0
  return (
    <button onClick={() => wb.store.set({ dialog: 'export' })} title="Ctrl+E" data-testid="toolbar-export">
      {running ? t('export.running', { percent }) : t('toolbar.export')}
    </button>
  )
}

export function Banners(): React.JSX.Element | null {
  const t = useT()
  const wb = useWorkbench()
  const save = useApp((s) => s.save)
  const comparing = useApp((s) => s.comparing)
  const error = useApp((s) => s.error)
  const notice = useApp((s) => s.notice)
  const restored = useApp((s) => s.restored)
  const lastFix = useApp((s) => s.lastFix)
  const clearNotice = useCallback(() => wb.store.set({ notice: null }), [wb])
  return (
    <>
      {save === 'conflict' && (
        <div className="banner conflict" role="alert">
          <strong>{t('conflict.title')}</strong> {t('conflict.body')}
          <button onClick={() => void wb.session.reloadPage()}>{t('conflict.reload')}</button>
          <button onClick={() => void wb.session.keepMine()}>{t('conflict.keepMine')}</button>
        </div>
      )}
      {comparing && (
        <div className="banner compare">
          {t('editor.comparing', { id: comparing.id, when: new Date(comparing.createdAt).toLocaleString() })}
          <button onClick={() => void wb.history.compare(null)}>{t('editor.stopCompare')}</button>
        </div>
      )}
      {error && (
        <div className="banner error" role="alert">
          {error}
          <button onClick={() => wb.store.set({ error: null })}>{t('error.dismiss')}</button>
        </div>
      )}
      {restored?.restored && (
        <div className="banner restored" role="status" data-testid="restored">
          {t('recovery.done', { file: restored.restored.file, aside: restored.keptAside ?? '—' })}
          <button onClick={() => wb.store.set({ restored: null })}>{t('error.dismiss')}</button>
        </div>
      )}
      {lastFix && (
        <div className="banner fixed" role="status" data-testid="fix-done">
          {t('fix.done', { count: lastFix.occurrences, pages: lastFix.batch.length, pattern: lastFix.pattern, replacement: lastFix.replacement })}
          <button onClick={() => void wb.fix.undo()}>{t('fix.undo')}</button>
          <button onClick={() => wb.store.set({ lastFix: null })}>{t('error.dismiss')}</button>
        </div>
      )}
      {notice && <Notice text={notice} onDone={clearNotice} />}
    </>
  )
}

function Notice({ text, onDone }: { text: string; onDone: () => void }): React.JSX.Element {
  useEffect(() => {
    const timer = setTimeout(onDone, 3000)
    return () => clearTimeout(timer)
  }, [text, onDone])
  return (
    <div className="notice" role="status">
      {text}
    </div>
  )
}
