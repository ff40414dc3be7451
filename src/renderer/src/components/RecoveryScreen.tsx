import { useState } from 'react'
import type { RecoveryInfo } from '../../../shared/recovery'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'

// Shown instead of the workbench when the database cannot be used. It names the file and what is
// wrong, and offers only what cannot lose work: restoring keeps the damaged file aside.

export function RecoveryScreen({ recovery }: { recovery: RecoveryInfo }): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  const database = useApp((s) => s.database)
  const locale = useApp((s) => s.locale)
  const error = useApp((s) => s.error)
  const [restoring, setRestoring] = useState(false)
  const backup = recovery.backup

  const restore = async (): Promise<void> => {
    setRestoring(true)
    try {
      await wb.restoreNewestBackup()
    } finally {
      setRestoring(false)
    }
  }

  return (
    <main className="recovery" data-testid="recovery" data-problem={recovery.problem}>
      <h1>{t('recovery.title')}</h1>
      <p>{t(`recovery.problem.${recovery.problem}`)}</p>
      <dl>
        <dt>{t('recovery.database')}</dt>
        <dd className="path" data-testid="recovery-database">{database}</dd>
        <dt>{t('recovery.reason')}</dt>
        <dd className="path" data-testid="recovery-reason">{recovery.message}</dd>
      </dl>
      {recovery.restorable && backup && (
        <section className="offer">
          <p>{t('recovery.backup', { date: new Date(backup.createdAt).toLocaleString(locale) })}</p>
          <p className="path" data-testid="recovery-backup">{backup.file}</p>
          <p className="muted">{t('recovery.keptAside')}</p>
          <button className="primary" onClick={() => void restore()} disabled={restoring} data-testid="recovery-restore">
            {restoring ? t('recovery.restoring') : t('recovery.restore')}
          </button>
        </section>
      )}
      {recovery.restorable && !backup && <p className="offer" data-testid="recovery-no-backup">{t('recovery.noBackup')}</p>}
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
    </main>
  )
}
