import type { Db } from '../store/database'
import { pagesWithStaleSuggestions } from '../store/queries/suggestions'
import { currentText } from '../store/queries/revisions'
import { loadKnowledge } from './knowledge'
import { refreshSuggestions } from './refreshSuggestions'

/**
 * Computes typo and name suggestions for pages whose suggestions are not on their current
 * revision (after a batch import), in short transactions so other writers get their turn.
 * Names are compared across the store, so the whole batch is known before any page is read.
 */
export function runSuggestionPass(
  db: Db,
  pageIds?: readonly number[],
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal
): number {
  const pending = pagesWithStaleSuggestions(db, pageIds)
  const knowledge = loadKnowledge(db)
  let done = 0
  for (let i = 0; i < pending.length && !signal?.aborted; i += 25) {
    const slice = pending.slice(i, i + 25)
    db.transaction(() => {
      for (const pageId of slice) {
        const revision = db.prepare('SELECT current_revision_id FROM pages WHERE id = ?').pluck().get(pageId) as number | null
        const text = currentText(db, pageId)
        if (revision !== null && text !== undefined) refreshSuggestions(db, pageId, revision, text, knowledge)
      }
    }).immediate()
    done += slice.length
    onProgress?.(done, pending.length)
  }
  return done
}
