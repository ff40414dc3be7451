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

export function approveProposals(db: Db, pageIds: readonly number[], all: boolean): ApproveResult[] {
  return db.transaction(() =>
    pageIds.map((pageId) => {
      let approved = 0
      let left = 0
      for (const article of listArticles(db, pageId)) {
        if (article.kind === 'furniture' || article.status !== 'proposed') continue
        if (all || (article.confidence >= AUTO_APPROVE_CONFIDENCE && article.flags.length === 0)) {
          setArticleStatus(db, article.id, 'approved')
          approved++
        } else left++
      }
      setPageStatus(db, pageId, left === 0 ? 'approved' : 'in-progress')
      return { pageId, approved, left }
    })
  ).immediate()
}
