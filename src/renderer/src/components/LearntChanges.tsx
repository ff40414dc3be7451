import { useEffect, useState } from 'react'
import type { PageReproposal, StructureRole } from '../../../shared/types'
import { api } from '../api/client'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'

/** The template of a change made by the publication's learnt role-model adjustment (core/learning/repropose.ts). */
const MODEL_KEY = '@model'

/**
 * What proposing this page again with its publication's learnt profile changed, and why ("learnt
 * from your edits on page 3: `本版责编：X` lines are furniture"), each rule with a button that
 * undoes it: the publication's untouched pages are then proposed again without it.
 */
export function LearntChanges(): React.JSX.Element | null {
  const t = useT()
  const wb = useWorkbench()
  const pageId = useApp((s) => s.pageId)
  const [latest, setLatest] = useState<PageReproposal | null>(null)
  const [undone, setUndone] = useState<ReadonlySet<number>>(new Set())
  // Read when a page opens: a page is proposed again only while untouched, and the editor's own
  // saves (each a new revision) must cost no request of their own.
  useEffect(() => {
    let live = true
    setLatest(null)
    if (pageId !== null) {
      api.listPageChanges({ pageId }).then(
        (list) => live && setLatest(list[0] ?? null),
        () => undefined
      )
    }
    return () => {
      live = false
    }
  }, [pageId])
  if (!latest) return null
  const rules = latest.changes.filter((c) => c.ruleId !== null)
  // Lines moved by what the approved pages taught the role model as a whole (no one rule).
  const model = latest.changes.filter((c) => c.ruleId === null && c.template === MODEL_KEY)
  const undo = async (ruleId: number): Promise<void> => {
    try {
      await api.undoLearntRule({ ruleId })
      setUndone(new Set([...undone, ruleId]))
      wb.notify('learnt.undone')
    } catch (error) {
      wb.fail(error)
    }
  }
  const seen = new Set<number>()
  return (
    <section className="learnt" data-testid="learnt-changes">
      <h3>{t('learnt.title')}</h3>
      {rules.length === 0 && model.length === 0 && <p className="muted">{t('learnt.general')}</p>}
      {model.length > 0 && (
        <p className="muted" data-testid="learnt-model">
          {t('learnt.model', { count: model.length, examples: model.slice(0, 3).map((c) => `${c.line.slice(0, 16)} → ${t(`learntRole.${c.role satisfies StructureRole}`)}`).join('; ') })}
        </p>
      )}
      <ul>
        {rules.map((c) => {
          if (seen.has(c.ruleId!)) return null
          seen.add(c.ruleId!)
          const count = rules.filter((r) => r.ruleId === c.ruleId).length
          return (
            <li key={c.ruleId}>
              <span>
                {t(c.fromPageLabel ? 'learnt.fromPage' : 'learnt.imported', { page: c.fromPageLabel ?? '', template: c.template, role: t(`learntRole.${c.role satisfies StructureRole}`), count })}
              </span>
              <button disabled={undone.has(c.ruleId!)} onClick={() => void undo(c.ruleId!)} data-testid="learnt-undo">
                {t(undone.has(c.ruleId!) ? 'learnt.wasUndone' : 'learnt.undo')}
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
