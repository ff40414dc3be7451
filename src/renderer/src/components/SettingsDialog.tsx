import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import { LOCALES, type Locale } from '../i18n'
import { Dialog } from './Dialog'

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
      <div className="dialog-actions">
        <button onClick={() => wb.store.set({ dialog: null })}>{t('settings.close')}</button>
      </div>
    </Dialog>
  )
}
