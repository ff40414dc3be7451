import { useCallback, useEffect, useState } from 'react'
import type { LearntCorrection } from '../../../shared/api'
import { api } from '../api/client'
import { useT, useWorkbench } from '../hooks/useWorkbench'
import { Dialog } from './Dialog'

/** What Galley learnt from the editor, to read, correct and remove: corrections and protected terms. */
export function KnowledgeDialog(): React.JSX.Element {
  const t = useT()
  const wb = useWorkbench()
  const [corrections, setCorrections] = useState<LearntCorrection[] | null>(null)
  const [terms, setTerms] = useState<string[]>([])
  const [newTerm, setNewTerm] = useState('')
  const run = useCallback(
    async (call: () => Promise<void>) => {
      try {
        await call()
      } catch (error) {
        wb.fail(error)
      }
    },
    [wb]
  )
  useEffect(() => {
    void run(async () => {
      setCorrections(await api.listCorrections({}))
      setTerms(await api.listProtectedTerms({}))
    })
  }, [run])
  const edit = (c: LearntCorrection, to?: string): void =>
    void run(async () => setCorrections(await api.editCorrection({ original: c.original, replacement: c.replacement, decision: c.decision, ...(to ? { to } : {}) })))
  const protect = (term: string, keep: boolean): void => void run(async () => setTerms(await api.setProtectedTerm({ term, protected: keep })))
  return (
    <Dialog title={t('knowledge.title')} onClose={() => wb.store.set({ dialog: null })} wide>
      <div className="knowledge" data-testid="knowledge">
        <h3>{t('knowledge.corrections')}</h3>
        {corrections?.length === 0 && <p className="muted">{t('knowledge.noCorrections')}</p>}
        <table className="corrections">
          <tbody>
            {corrections?.map((c) => (
              <tr key={`${c.decision}:${c.original}:${c.replacement}`} data-original={c.original}>
                <td className={`decision decision-${c.decision}`}>{t(`knowledge.${c.decision}`)}</td>
                <td>
                  <del>{c.original}</del>
                </td>
                <td>→</td>
                <td>
                  <input
                    aria-label={t('knowledge.replacement')}
                    defaultValue={c.replacement}
                    maxLength={50}
                    onKeyDown={(e) => {
                      const value = e.currentTarget.value.trim()
                      if (e.key === 'Enter' && value && value !== c.replacement) edit(c, value)
                    }}
                    onBlur={(e) => {
                      const value = e.currentTarget.value.trim()
                      if (value && value !== c.replacement) edit(c, value)
                    }}
                  />
                </td>
                <td className="muted">{t('knowledge.times', { count: c.count })}</td>
                <td>
                  <button onClick={() => edit(c)}>{t('knowledge.remove')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>{t('knowledge.terms')}</h3>
        <ul className="terms">
          {terms.map((term) => (
            <li key={term} data-term={term}>
              <span>{term}</span> <button onClick={() => protect(term, false)}>{t('knowledge.remove')}</button>
            </li>
          ))}
        </ul>
        <form
          className="add-term"
          onSubmit={(e) => {
            e.preventDefault()
            const term = newTerm.trim()
            if (term) protect(term, true)
            setNewTerm('')
          }}
        >
          <input data-testid="new-term" value={newTerm} maxLength={50} placeholder={t('knowledge.addTerm')} onChange={(e) => setNewTerm(e.target.value)} />
          <button type="submit">{t('knowledge.add')}</button>
        </form>
      </div>
    </Dialog>
  )
}
