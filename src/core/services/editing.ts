import { ApiError, type Handlers } from '../../shared/api'
import { getRevision } from '../store/queries/revisions'
import { getArticle, listArticles, setArticleStatus } from '../store/queries/articles'
import { decideSuggestion, getSuggestion } from '../store/queries/suggestions'
import { getPageSummary, setPageStatus } from '../store/queries/pages'
import type { ServiceContext } from './context'
import { approveProposals } from '../pipeline/approve'
import type { SuggestionRecord } from '../../shared/types'
import { recordCorrection } from '../store/queries/knowledge'
import { widenFix } from '../pipeline/refreshSuggestions'
import { commitRevision, inWriteTransaction, pageStatusFor } from './commitRevision'

type EditHandlers = Pick<Handlers, 'saveRevision' | 'restoreRevision' | 'setArticleStatus' | 'approvePage' | 'decideSuggestion'>

export function editHandlers(ctx: ServiceContext): EditHandlers {
  const { db } = ctx
  return {
    saveRevision: ({ pageId, baseRevisionId, text, reason, articles }) =>
      inWriteTransaction(ctx, () =>
        commitRevision(ctx, { pageId, baseRevisionId, text, reason: reason ?? 'edit', boundaries: articles, decisions: 'edit', learnTyped: true })
      ),
    restoreRevision: ({ pageId, revisionId, baseRevisionId }) =>
      inWriteTransaction(ctx, () => {
        const old = getRevision(db, revisionId)
        if (!old || old.pageId !== pageId) throw new ApiError('not-found', `revision ${revisionId} is not a revision of page ${pageId}`)
        return commitRevision(ctx, { pageId, baseRevisionId, text: old.text, reason: `restore revision ${revisionId}`, decisions: 'reset' })
      }),
    setArticleStatus: ({ articleId, status }) =>
      db.transaction(() => {
        const article = getArticle(db, articleId)
        if (!article) throw new ApiError('not-found', `article ${articleId} does not exist`)
        setArticleStatus(db, articleId, status)
        refreshPageStatus(ctx, article.pageId)
        return getArticle(db, articleId)!
      }).immediate(),
    // One rule for the UI and `galley approve` (pipeline/approve.ts).
    approvePage: ({ pageId, flagged, confidentOnly }) => {
      if (!getPageSummary(db, pageId)) throw new ApiError('not-found', `page ${pageId} does not exist`)
      const mode = confidentOnly === true ? 'confident' : flagged === true ? 'all' : 'unflagged'
      const [result] = approveProposals(db, [pageId], mode)
      return { ...getPageSummary(db, pageId)!, approved: result!.approved, left: result!.left }
    },
    decideSuggestion: ({ suggestionId, decision }) =>
      inWriteTransaction(ctx, () => {
        const suggestion = getSuggestion(db, suggestionId)
        if (!suggestion) throw new ApiError('not-found', `suggestion ${suggestionId} does not exist`)
        decideSuggestion(db, suggestionId, decision)
        learnFrom(ctx, suggestion, decision)
        return getSuggestion(db, suggestionId)!
      })
  }
}

/** Accepted fixes become the dictionary, rejected ones are not offered again in that context. */
export function learnFrom(ctx: ServiceContext, s: SuggestionRecord, decision: 'accepted' | 'rejected'): void {
  if (s.rule === 'duplicate' || s.replacement === '') return
  const text = getRevision(ctx.db, s.revisionId)?.text ?? ''
  if (decision === 'accepted') {
    recordCorrection(ctx.db, { ...widenFix(text, s.start, s.end, s.replacement), contextBefore: '', contextAfter: '', decision, pageId: s.pageId })
    return
  }
  recordCorrection(ctx.db, {
    original: s.original,
    replacement: s.replacement,
    contextBefore: text.slice(Math.max(0, s.start - CONTEXT), s.start),
    contextAfter: text.slice(s.end, s.end + CONTEXT),
    decision,
    pageId: s.pageId
  })
}

const CONTEXT = 6

/** The page's status after its articles' decisions changed (see pageStatusFor). */
export function refreshPageStatus(ctx: ServiceContext, pageId: number): void {
  const previous = getPageSummary(ctx.db, pageId)?.status ?? 'new'
  setPageStatus(ctx.db, pageId, pageStatusFor(listArticles(ctx.db, pageId), previous))
}
