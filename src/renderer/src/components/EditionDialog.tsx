import { useState } from 'react'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import { Dialog } from './Dialog'

/**
 * An edition's title, issue date and page labels, as the editor corrects them. The date is typed
 * as the editor likes (core reads 2024-05-01, 20240501, 2024年5月1日); a value the store refuses
 * is shown here and nothing is closed.
 */
export function EditionDialog(): React.JSX.Element | null {
  const t = useT()
  const wb = useWorkbench()
  const editionId = useApp((s) => s.editionId)
  const edition = useApp((s) => s.editions.find((e) => e.id === s.editionId))
  const allPages = useApp((s) => s.pages)
  const pages = allPages.filter((p) => p.editionId === editionId)
  const [title, setTitle] = useState(edition?.title ?? '')
  const [date, setDate] = useState(edition?.issueDate ?? '')
  const [labels, setLabels] = useState<Record<number, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const close = (): void => wb.store.set({ dialog: null, editionId: null })
  if (!edition) return null

  const save = async (): Promise<void> => {
    const change: { title?: string; issueDate?: string | null } = {}
    if (title.trim() !== edition.title) change.title = title.trim()
    const issueDate = date.trim() === '' ? null : date.trim()
    if (issueDate !== edition.issueDate) change.issueDate = issueDate
    const changed = pages.filter((p) => labels[p.id] !== undefined && labels[p.id]!.trim() !== p.label).map((p) => ({ pageId: p.id, label: labels[p.id]!.trim() }))
    setSaving(true)
    const failed = await wb.saveEditionMetadata(edition.id, change, changed)
    setSaving(false)
    if (failed) {
      setError(t('edition.refused', { message: failed }))
      return
    }
    wb.notify('edition.saved')
    close()
  }

  return (
    <Dialog title={t('edition.dialogTitle', { name: edition.name })} onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <label className="field">
          {t('edition.title')}
          <input value={title} onChange={(e) => {
            setTitle(e.target.value)
            setError(null)
          }} maxLength={200} required data-testid="edition-title" />
        </label>
        <label className="field">
          {t('edition.issueDate')}
          <input value={date} onChange={(e) => {
            setDate(e.target.value)
            setError(null)
          }} maxLength={40} placeholder="2024-05-01" data-testid="edition-date" />
          <small className="field-hint">{t('edition.issueDateHint')}</small>
        </label>
        {pages.length > 0 && (
          <fieldset className="field">
            <legend>{t('edition.pageLabels')}</legend>
            <div className="edition-labels">
              {pages.map((p) => (
                <label key={p.id} style={{ display: 'contents' }}>
                  <span title={p.sourceName}>{p.sourceName}</span>
                  <input
                    value={labels[p.id] ?? p.label}
                    maxLength={40}
                    aria-label={t('edition.pageLabel', { source: p.sourceName })}
                    data-page-label={p.id}
                    onChange={(e) => setLabels({ ...labels, [p.id]: e.target.value })}
                  />
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {error && (
          <p className="field-error" role="alert" data-testid="edition-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            {t('edition.cancel')}
          </button>
          <button type="submit" className="primary" disabled={saving} data-testid="edition-save">
            {t('edition.save')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
