import { useEffect, useState } from 'react'
import type { ApiArgs } from '../../../shared/api'
import type { ExportJob } from '../../../shared/types'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import type { ExportState } from '../state/exportJob'
import { EXPORT_FORMATS, loadPreferences, savePreferences, type ExportFormat, type ExportPreferences } from '../state/exportPreferences'
import { useSlice } from '../state/store'
import { Dialog } from './Dialog'

type Scope = ApiArgs<'startExport'>['scope']

export function useExportState(): ExportState {
  return useSlice(useWorkbench().exports.store, (s) => s)
}

export function ExportDialog(): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  const page = useApp((s) => s.page)
  const editions = useApp((s) => s.editions)
  const { job, error, starting, cancelling } = useExportState()
  const [preferences, setPreferences] = useState<ExportPreferences>(() => loadPreferences())
  const [scope, setScope] = useState<Scope>(page ? 'edition' : 'all')
  const [editionId, setEditionId] = useState<number | null>(page?.editionId ?? editions[0]?.id ?? null)
  useEffect(() => {
    if (editionId === null && editions[0]) setEditionId(editions[0].id)
  }, [editionId, editions])
  const close = (): void => wb.store.set({ dialog: null })
  const busy = starting || job?.state === 'running'

  const choose = (patch: Partial<ExportPreferences>): void => {
    const next = { ...preferences, ...patch }
    setPreferences(next)
    savePreferences(next)
  }
  const toggle = (format: ExportFormat): void => {
    const on = !preferences.formats.includes(format)
    choose({ formats: EXPORT_FORMATS.filter((f) => (f === format ? on : preferences.formats.includes(f))) })
  }

  const target = scope === 'page' ? (page?.id ?? null) : scope === 'edition' ? editionId : null
  const canStart = preferences.formats.length > 0 && (scope === 'all' || target !== null)
  const start = async (): Promise<void> => {
    // What was just typed or decided belongs in the export.
    await wb.flush()
    await wb.exports.start({
      scope,
      ...(target !== null && scope !== 'all' ? { id: target } : {}),
      formats: preferences.formats,
      includeUnapproved: preferences.includeUnapproved,
      singleFile: preferences.singleFile && preferences.formats.includes('md')
    })
  }

  return (
    <Dialog title={t('export.title')} onClose={close}>
      <div className="export" data-testid="export-dialog">
        <fieldset disabled={busy}>
          <legend>{t('export.scope')}</legend>
          <label className="choice">
            <input type="radio" name="export-scope" checked={scope === 'page'} disabled={!page} onChange={() => setScope('page')} data-testid="export-scope-page" />
            {page ? t('export.scopePage', { label: page.label }) : t('export.scopePageNone')}
          </label>
          <label className="choice">
            <input type="radio" name="export-scope" checked={scope === 'edition'} disabled={editions.length === 0} onChange={() => setScope('edition')} data-testid="export-scope-edition" />
            {t('export.scopeEdition')}
            <select
              value={editionId ?? ''}
              disabled={scope !== 'edition'}
              onChange={(e) => setEditionId(Number(e.target.value))}
              aria-label={t('export.scopeEdition')}
              data-testid="export-edition"
            >
              {editions.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </label>
          <label className="choice">
            <input type="radio" name="export-scope" checked={scope === 'all'} onChange={() => setScope('all')} data-testid="export-scope-all" />
            {t('export.scopeAll')}
          </label>
        </fieldset>
        <fieldset disabled={busy}>
          <legend>{t('export.formats')}</legend>
          <div className="formats">
            {EXPORT_FORMATS.map((f) => (
              <label key={f} className="choice">
                <input type="checkbox" checked={preferences.formats.includes(f)} onChange={() => toggle(f)} data-testid={`export-format-${f}`} />
                {t(`export.format.${f}`)}
              </label>
            ))}
          </div>
          {preferences.formats.length === 0 && <p className="muted">{t('export.noFormat')}</p>}
        </fieldset>
        <fieldset disabled={busy}>
          <legend>{t('export.options')}</legend>
          <label className="choice">
            <input
              type="checkbox"
              checked={preferences.includeUnapproved}
              onChange={(e) => choose({ includeUnapproved: e.target.checked })}
              data-testid="export-unapproved"
            />
            {t('export.includeUnapproved')}
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={preferences.singleFile}
              disabled={!preferences.formats.includes('md')}
              onChange={(e) => choose({ singleFile: e.target.checked })}
              data-testid="export-single-file"
            />
            {t('export.singleFile')}
          </label>
        </fieldset>
        <p className="muted">{t('export.where')}</p>
        {job && job.state !== 'failed' && <Progress job={job} />}
        {job?.state === 'done' && job.result && (
          <div className="export-result" role="status" data-testid="export-result">
            <p>{t('export.done', { articles: job.result.articles, files: job.result.files })}</p>
            {job.result.articles === 0 && <p className="muted">{t('export.empty')}</p>}
            <p>
              {t('export.folder')} <code className="path" data-testid="export-folder">{job.result.outDir}</code>
            </p>
          </div>
        )}
        {job?.state === 'cancelled' && (
          <p role="status" data-testid="export-cancelled">
            {t('export.cancelled')}
          </p>
        )}
        {(job?.state === 'failed' || error) && (
          <p className="export-error" role="alert" data-testid="export-error" title={error ?? job?.error ?? ''}>
            {t('export.failed', { message: error ?? job?.error ?? '' })}
          </p>
        )}
        <div className="dialog-actions">
          {busy ? (
            <button onClick={() => void wb.exports.cancel()} disabled={cancelling || !job} data-testid="export-cancel">
              {t('export.cancel')}
            </button>
          ) : (
            <>
              <button className="primary" disabled={!canStart} onClick={() => void start()} data-testid="export-start">
                {t('export.start')}
              </button>
              <button onClick={close}>{t('export.close')}</button>
            </>
          )}
        </div>
      </div>
    </Dialog>
  )
}

function Progress({ job }: { job: ExportJob }): React.JSX.Element {
  const t = useT()
  const counting = job.state === 'running' && job.total === 0
  // A finished export fills the bar even when there was nothing to write.
  const max = Math.max(job.total, 1)
  const value = job.state === 'done' ? max : Math.min(job.done, max)
  return (
    <div className="progress" data-testid="export-progress" data-state={job.state}>
      {counting ? <progress /> : <progress max={max} value={value} />}
      <span>{counting ? t('export.counting') : t('export.progress', { done: job.done, total: job.total })}</span>
    </div>
  )
}
