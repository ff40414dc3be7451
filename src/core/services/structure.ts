import { ApiError, type Handlers } from '../../shared/api'
import { listStoredArticles, replaceStoredArticles } from '../store/queries/articles'
import { decideSuggestion, getSuggestion } from '../store/queries/suggestions'
import { getPageRow } from '../store/queries/pages'
import { getRevision } from '../store/queries/revisions'
import { placeArticles } from './articleRanges'
import type { ServiceContext } from './context'
import { learnFrom, refreshPageStatus } from './editing'
import { inWriteTransaction } from './commitRevision'

export function structureHandlers(ctx: ServiceContext): Pick<Handlers, 'updateArticles' | 'decideSuggestions'> {
  const { db } = ctx
  return {
    updateArticles: ({ pageId, revisionId, articles }) =>
      db.transaction(() => {
        const page = getPageRow(db, pageId)
        if (!page) throw new ApiError('not-found', `page ${pageId} does not exist`)
        if (page.currentRevisionId !== revisionId) {
          throw new ApiError('conflict', `page ${pageId} is now at revision ${page.currentRevisionId}, not ${revisionId}; reload it`)
        }
        const lines = getRevision(db, revisionId)!.text.split('\n')
        const stored = listStoredArticles(db, pageId, { revisionId, lines })
        const placed = placeArticles(stored, lines, lines, { boundaries: articles, decisions: 'keep' })
        const records = replaceStoredArticles(db, pageId, revisionId, placed.articles, lines)
        refreshPageStatus(ctx, pageId)
        return records
      }).immediate(),
    decideSuggestions: ({ suggestionIds, decision }) =>
      inWriteTransaction(ctx, () => {
        let decided = 0
        for (const id of suggestionIds) {
          const suggestion = getSuggestion(db, id)
          if (!suggestion) throw new ApiError('not-found', `suggestion ${id} does not exist`)
          decideSuggestion(db, id, decision)
          learnFrom(ctx, suggestion, decision)
          decided++
        }
        return { decided }
      })
  }
}
