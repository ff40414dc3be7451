import type { Db } from '../store/database'
import { listArticles, setArticleStatus } from '../store/queries/articles'
import { setPageStatus } from '../store/queries/pages'

/** Confident, unflagged articles are what a scripted pipeline may approve without --all. */
export const AUTO_APPROVE_CONFIDENCE = 0.8

export interface ApproveResult {
  pageId: number
  approved: number
  left: number
}

/**
 * Which proposed articles an approval takes: `all` of them (the editor said so, or `--all`),
 * the `unflagged` ones (the editor's approve when flagged ones are left for a second look), or
 * the `confident` unflagged ones (a script's approval without --all).
 */
export type ApproveMode = 'all' | 'unflagged' | 'confident'

export function approveProposals(db: Db, pageIds: readonly number[], mode: ApproveMode): ApproveResult[] {
  return db.transaction(() =>
    pageIds.map((pageId) => {
      let approved = 0
      let left = 0
      for (const article of listArticles(db, pageId)) {
        if (article.kind === 'furniture' || article.status !== 'proposed') continue
        const unflagged = article.flags.length === 0
        const take = mode === 'all' || (unflagged && (mode === 'unflagged' || article.confidence >= AUTO_APPROVE_CONFIDENCE))
        if (take) {
          setArticleStatus(db, article.id, 'approved')
          approved++
        } else left++
      }
      setPageStatus(db, pageId, left === 0 ? 'approved' : 'in-progress')
      return { pageId, approved, left }
    })
  ).immediate()
}
