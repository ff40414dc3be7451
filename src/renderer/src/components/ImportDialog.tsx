import { useEffect, useRef, useState } from 'react'
import { useT, useWorkbench } from '../hooks/useWorkbench'
import { importable, listenForDrops } from '../importing/dropped'
import type { ImportState } from '../state/importJob'
import { useSlice } from '../state/store'
import { Dialog } from './Dialog'

export function useImportState(): ImportState {
  return useSlice(useWorkbench().imports.store, (s) => s)
}

export function ImportDialog(): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  const [files, setFiles] = useState<File[]>([])
  const [edition, setEdition] = useState('')
  const [publication, setPublication] = useState('')
  const state = useImportState()
  const { job, sent, toSend, sending, cancelling, error } = state
  const close = (): void => wb.store.set({ dialog: null })

  const pick = (list: FileList | null): void => {
    setFiles(importable([...(list ?? [])]))
  }

  const start = async (chosen: File[] = files): Promise<void> => {
    await wb.imports.start(chosen, edition.trim() || undefined, publication.trim() || undefined)
  }

  // The lists follow the pages as they are stored (every few seconds at most), and once more at the end.
  const imported = job?.imported ?? 0
  const ended = job !== null && !['receiving', 'running', 'checking'].includes(job.state)
  const refreshed = useRef(0)
  useEffect(() => {
    if (ended || (imported > 0 && Date.now() - refreshed.current > 2000)) {
      refreshed.current = Date.now()
      void wb.refreshLists()
    }
  }, [wb, imported, ended])

  const running = wb.imports.busy
  // files dropped on the window import at once, as if picked and started here
  const startRef = useRef(start)
  startRef.current = start
  const runningRef = useRef(running)
  runningRef.current = running
  useEffect(
    () =>
      listenForDrops((dropped) => {
        if (runningRef.current || dropped.length === 0) return
        setFiles(dropped)
        void startRef.current(dropped)
      }),
    []
  )
  return (
    <Dialog title={t('import.title')} onClose={running ? undefined : close}>
      <div className="import">
        <div className="pickers">
          <label className="button">
            {t('import.folder')}
            {/* webkitdirectory is not in React's types: set through a spread */}
            <input type="file" multiple data-testid="import-folder" disabled={running} onChange={(e) => pick(e.target.files)} {...{ webkitdirectory: '' }} />
          </label>
          <label className="button">
            {t('import.files')}
            <input type="file" multiple accept=".txt,text/plain,.xml,.hocr,.html,.htm,.png,.jpg,.jpeg,.tif,.tiff,.webp,.pdf" data-testid="import-files" disabled={running} onChange={(e) => pick(e.target.files)} />
          </label>
        </div>
        <p className="muted">{t('import.selected', { count: files.length })}</p>
        <label className="field">
          {t('import.edition')}
          <input value={edition} onChange={(e) => setEdition(e.target.value)} disabled={running} data-testid="import-edition" />
          <small className="muted">{t('import.editionHint')}</small>
        </label>
        <label className="field">
          {t('import.publication')}
          <input value={publication} onChange={(e) => setPublication(e.target.value)} disabled={running} data-testid="import-publication" />
          <small className="muted">{t('import.publicationHint')}</small>
        </label>
        {running && (
          <div className="progress" data-testid="import-progress">
            {sending ? (
              <>
                <progress max={toSend} value={sent} />
                <span>{t('import.sending', { sent, total: toSend })}</span>
              </>
            ) : job?.state === 'checking' ? (
              <>
                <progress max={job.toCheck} value={job.checked} />
                <span>{t('import.checking', { done: job.checked, total: job.toCheck })}</span>
              </>
            ) : (
              <>
                <progress max={job?.total ?? 0} value={job?.done ?? 0} />
                <span>{t('import.progress', { done: job?.done ?? 0, total: job?.total ?? 0 })}</span>
              </>
            )}
            {job?.current && <span className="muted" data-testid="import-current">{t('import.current', { source: job.current })}</span>}
            {cancelling && <span>{t('import.cancelling')}</span>}
          </div>
        )}
        {error && (
          <p className="error" role="alert">
            {t('import.failedJob', { message: error })}
          </p>
        )}
        {job && (running || ended) && (
          <div className={ended ? 'import-result' : 'import-failures'} role="status" data-testid={ended ? 'import-result' : 'import-failures'}>
            {ended && job.state !== 'failed' && <p>{t(job.state === 'cancelled' ? 'import.cancelled' : 'import.done', { imported: job.imported, unchanged: job.unchanged, failed: job.failed })}</p>}
            {job.state === 'cancelled' && <p data-testid="import-cancelled-note">{t('import.cancelledNote', { left: job.notImported + Math.max(0, toSend - sent) })}</p>}
            {job.state === 'failed' && <p className="error">{t('import.failedJob', { message: job.error ?? '' })}</p>}
            <ul>
              {job.failures.map((f, k) => (
                <li key={`${k}:${f.source}`}>{t('import.failedItem', { source: f.source, reason: f.reason })}</li>
              ))}
            </ul>
          </div>
        )}
        {wb.store.get().mode === 'desktop' && <p className="muted">{t('import.desktopHint')}</p>}
        <div className="dialog-actions">
          {running ? (
            <button onClick={() => void wb.imports.cancel()} disabled={cancelling} data-testid="import-cancel">
              {t('import.cancel')}
            </button>
          ) : (
            <>
              <button className="primary" disabled={files.length === 0} onClick={() => void start(files)} data-testid="import-start">
                {t('import.start')}
              </button>
              <button onClick={close}>{t('import.close')}</button>
            </>
          )}
        </div>
      </div>
    </Dialog>
  )
}
