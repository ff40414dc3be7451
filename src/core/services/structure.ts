import { ApiError, type Handlers } from '../../shared/api'
import type { ArticleStatus } from '../../shared/types'
import { listArticles, replaceArticles } from '../store/queries/articles'
import { decideSuggestion, getSuggestion } from '../store/queries/suggestions'
import { getPageRow } from '../store/queries/pages'
import { getRevision } from '../store/queries/revisions'
import { describeLines } from '../pipeline/describe'
import type { ServiceContext } from './context'
import { learnFrom, refreshPageStatus } from './editing'

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
        const revision = getRevision(db, revisionId)!
        const lines = revision.text.split('\n')
        const sorted = [...articles].sort((a, b) => a.startLine - b.startLine)
        for (let i = 0; i < sorted.length; i++) {
          const a = sorted[i]!
          if (a.endLine > lines.length) throw new ApiError('invalid-argument', `article ${i + 1} ends after the last line (${lines.length})`)
          const next = sorted[i + 1]
          if (next && next.startLine < a.endLine) throw new ApiError('invalid-argument', `articles ${i + 1} and ${i + 2} overlap`)
        }
        const inputs = sorted.map((a) => describeLines(lines.slice(a.startLine, a.endLine), a.kind, a.startLine, a.endLine))
        const statuses = new Map<number, ArticleStatus>(sorted.map((a, i) => [i, a.status ?? 'proposed']))
        const titleOverrides = new Map<number, string>()
        sorted.forEach((a, i) => a.titleOverride && titleOverrides.set(i, a.titleOverride))
        replaceArticles(db, pageId, revisionId, inputs, { source: 'editor', analyzerVersion: 0, keepStatus: statuses, titleOverrides })
        refreshPageStatus(ctx, pageId)
        return listArticles(db, pageId)
      }).immediate(),
    decideSuggestions: ({ suggestionIds, decision }) =>
      db.transaction(() => {
        let decided = 0
        for (const id of suggestionIds) {
          const suggestion = getSuggestion(db, id)
          if (!suggestion) throw new ApiError('not-found', `suggestion ${id} does not exist`)
          decideSuggestion(db, id, decision)
          learnFrom(ctx, suggestion, decision)
          decided++
        }
        return { decided }
      }).immediate()
  }
}
