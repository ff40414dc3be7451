import { useEffect, useRef, useState } from 'react'
import type { ImportReport } from '../../../shared/types'
import { useT, useWorkbench } from '../hooks/useWorkbench'
import { importable, listenForDrops } from '../importing/dropped'
import { uploadFiles } from '../importing/upload'
import { Dialog } from './Dialog'

type Phase = { kind: 'idle' } | { kind: 'running'; done: number; total: number } | { kind: 'finished'; report: ImportReport; cancelled: boolean }

export function ImportDialog(): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  const [files, setFiles] = useState<File[]>([])
  const [edition, setEdition] = useState('')
  const [publication, setPublication] = useState('')
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })
  const cancel = useRef(false)
  const close = (): void => wb.store.set({ dialog: null })

  const pick = (list: FileList | null): void => {
    setFiles(importable([...(list ?? [])]))
    setPhase({ kind: 'idle' })
  }

  const start = async (chosen: File[] = files): Promise<void> => {
    cancel.current = false
    setPhase({ kind: 'running', done: 0, total: chosen.length })
    try {
      const result = await uploadFiles(
        chosen,
        edition.trim() || undefined,
        publication.trim() || undefined,
        (p) => {
          setPhase({ kind: 'running', done: p.done, total: p.total })
          void wb.refreshLists()
        },
        () => cancel.current
      )
      setPhase({ kind: 'finished', ...result })
    } catch (error) {
      wb.fail(error)
      setPhase({ kind: 'idle' })
    }
    await wb.refreshLists()
  }

  const running = phase.kind === 'running'
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
          <div className="progress">
            <progress max={phase.total} value={phase.done} />
            <span>{t('import.progress', { done: phase.done, total: phase.total })}</span>
          </div>
        )}
        {phase.kind === 'finished' && (
          <div className="import-result" role="status" data-testid="import-result">
            <p>{t(phase.cancelled ? 'import.cancelled' : 'import.done', { imported: phase.report.imported, unchanged: phase.report.unchanged, failed: phase.report.failed })}</p>
            <ul>
              {phase.report.items
                .filter((i) => i.status === 'failed')
                .map((i) => (
                  <li key={i.source}>{t('import.failedItem', { source: i.source, reason: i.reason ?? '' })}</li>
                ))}
            </ul>
          </div>
        )}
        {wb.store.get().mode === 'desktop' && <p className="muted">{t('import.desktopHint')}</p>}
        <div className="dialog-actions">
          {running ? (
            <button onClick={() => (cancel.current = true)}>{t('import.cancel')}</button>
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
