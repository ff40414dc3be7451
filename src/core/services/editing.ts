import { ApiError, type Handlers } from '../../shared/api'
import { RevisionConflictError, addRevision, currentText, getRevision } from '../store/queries/revisions'
import { getArticle, listArticles, listStoredArticles, replaceStoredArticles, setArticleStatus } from '../store/queries/articles'
import { decideSuggestion, getSuggestion, listSuggestions } from '../store/queries/suggestions'
import { getPageSummary, setPageStatus } from '../store/queries/pages'
import type { ServiceContext } from './context'
import { remapArticles } from './articleRanges'
import type { SuggestionRecord } from '../../shared/types'
import { recordCorrection } from '../store/queries/knowledge'
import { refreshSuggestions, typedCorrection, widenFix } from '../pipeline/refreshSuggestions'

type EditHandlers = Pick<Handlers, 'saveRevision' | 'restoreRevision' | 'setArticleStatus' | 'approvePage' | 'decideSuggestion'>

function conflictsAsApiErrors<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof RevisionConflictError) throw new ApiError('conflict', error.message)
    throw error
  }
}

export function editHandlers(ctx: ServiceContext): EditHandlers {
  const { db } = ctx
  return {
    saveRevision: ({ pageId, baseRevisionId, text, reason }) =>
      conflictsAsApiErrors(() =>
        db.transaction(() => {
          const before = getRevision(db, baseRevisionId)
          const revisionId = addRevision(db, { pageId, baseRevisionId, text, author: 'editor', reason: reason ?? 'edit' })
          // A few characters replaced by hand is a correction the editor taught: remember it.
          const typed = before ? typedCorrection(before.text, text) : null
          if (typed) recordCorrection(db, { ...typed, decision: 'accepted', pageId })
          refreshSuggestions(db, pageId, revisionId, text)
          // The articles follow the text, so that what is exported is what the editor sees.
          if (before) replaceStoredArticles(db, pageId, revisionId, remapArticles(listStoredArticles(db, pageId), before.text, text, { keepDecisions: true }).articles)
          const page = getPageSummary(db, pageId)
          if (page?.status === 'new') setPageStatus(db, pageId, 'in-progress')
          return { revisionId, suggestions: listSuggestions(db, pageId) }
        }).immediate()
      ),
    restoreRevision: ({ pageId, revisionId, baseRevisionId }) =>
      conflictsAsApiErrors(() =>
        db.transaction(() => {
          const old = getRevision(db, revisionId)
          if (!old || old.pageId !== pageId) throw new ApiError('not-found', `revision ${revisionId} is not a revision of page ${pageId}`)
          // The article ranges are lines of the text being replaced (addRevision refuses a stale base).
          const replaced = currentText(db, pageId) ?? ''
          const id = addRevision(db, {
            pageId,
            baseRevisionId,
            text: old.text,
            author: 'editor',
            reason: `restore revision ${revisionId}`
          })
          refreshSuggestions(db, pageId, id, old.text)
          const remapped = remapArticles(listStoredArticles(db, pageId), replaced, old.text)
          replaceStoredArticles(db, pageId, id, remapped.articles)
          refreshPageStatus(ctx, pageId)
          return { revisionId: id, articlesReset: remapped.reset }
        }).immediate()
      ),
    setArticleStatus: ({ articleId, status }) =>
      db.transaction(() => {
        const article = getArticle(db, articleId)
        if (!article) throw new ApiError('not-found', `article ${articleId} does not exist`)
        setArticleStatus(db, articleId, status)
        refreshPageStatus(ctx, article.pageId)
        return getArticle(db, articleId)!
      }).immediate(),
    approvePage: ({ pageId }) =>
      db.transaction(() => {
        const articles = listArticles(db, pageId)
        if (!getPageSummary(db, pageId)) throw new ApiError('not-found', `page ${pageId} does not exist`)
        for (const article of articles) {
          if (article.kind !== 'furniture' && article.status === 'proposed') setArticleStatus(db, article.id, 'approved')
        }
        setPageStatus(db, pageId, 'approved')
        return getPageSummary(db, pageId)!
      }).immediate(),
    decideSuggestion: ({ suggestionId, decision }) =>
      db.transaction(() => {
        const suggestion = getSuggestion(db, suggestionId)
        if (!suggestion) throw new ApiError('not-found', `suggestion ${suggestionId} does not exist`)
        decideSuggestion(db, suggestionId, decision)
        learnFrom(ctx, suggestion, decision)
        return getSuggestion(db, suggestionId)!
      }).immediate()
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

/** A page is approved when every article on it is decided; in progress once anything is. */
export function refreshPageStatus(ctx: ServiceContext, pageId: number): void {
  const articles = listArticles(ctx.db, pageId).filter((a) => a.kind !== 'furniture')
  const decided = articles.filter((a) => a.status !== 'proposed').length
  const status = articles.length > 0 && decided === articles.length ? 'approved' : 'in-progress'
  setPageStatus(ctx.db, pageId, status)
}
