import { useState } from 'react'
import { BACKUPS_TO_KEEP_MAX as MAX, BACKUPS_TO_KEEP_MIN as MIN } from '../../../shared/settings'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import { LOCALES, type Locale } from '../i18n'
import { Dialog } from './Dialog'
import { monacoLocale } from '../monaco/messages'

const NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' }

export function SettingsDialog(): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  const locale = useApp((s) => s.locale)
  return (
    <Dialog title={t('settings.title')} onClose={() => wb.store.set({ dialog: null })}>
      <label className="field">
        {t('settings.language')}
        <select value={locale} onChange={(e) => wb.setLocale(e.target.value as Locale)} data-testid="locale">
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      {monacoLocale() !== null && monacoLocale() !== locale && (
        <p className="hint" data-testid="editor-language-hint">
          {t('settings.editorLanguageNextStart')}{' '}
          <button onClick={() => void wb.flush().then(() => location.reload())}>{t('settings.reloadNow')}</button>
        </p>
      )}
      <BackupsToKeep />
      <p>
        <button data-testid="open-knowledge" onClick={() => wb.store.set({ dialog: 'knowledge' })}>
          {t('knowledge.open')}
        </button>
      </p>
      <div className="dialog-actions">
        <button onClick={() => wb.store.set({ dialog: null })}>{t('settings.close')}</button>
      </div>
    </Dialog>
  )
}

/** Saved when it is left or Enter is pressed; a number out of range is explained, never sent. */
function BackupsToKeep(): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  const saved = useApp((s) => s.settings?.backupsToKeep)
  const [draft, setDraft] = useState<string | null>(null)
  const [status, setStatus] = useState<'idle' | 'invalid' | 'saving' | 'saved'>('idle')
  const value = draft ?? (saved === undefined ? '' : String(saved))

  const commit = async (): Promise<void> => {
    if (draft === null) return
    const n = Number(draft.trim())
    if (draft.trim() === '' || !Number.isInteger(n) || n < MIN || n > MAX) {
      setStatus('invalid')
      return
    }
    if (n === saved) {
      setDraft(null)
      setStatus('idle')
      return
    }
    setStatus('saving')
    const ok = await wb.updateSettings({ backupsToKeep: n })
    setStatus(ok ? 'saved' : 'idle')
    if (ok) setDraft(null)
  }

  return (
    <label className="field">
      {t('settings.backupsToKeep')}
      <input
        type="number"
        min={MIN}
        max={MAX}
        step={1}
        value={value}
        disabled={saved === undefined}
        aria-invalid={status === 'invalid'}
        data-testid="backups-to-keep"
        onChange={(e) => {
          setDraft(e.target.value)
          setStatus('idle')
        }}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void commit()
        }}
      />
      <small className="muted">{t('settings.backupsHint', { min: MIN, max: MAX })}</small>
      {status === 'invalid' && (
        <small className="invalid" role="alert">
          {t('settings.backupsInvalid', { min: MIN, max: MAX })}
        </small>
      )}
      {status === 'saved' && (
        <small className="muted" role="status" data-testid="backups-saved">
          {t('settings.saved')}
        </small>
      )}
    </label>
  )
}
