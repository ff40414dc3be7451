import { ApiError, type ArticleBoundary, type RevisionCommitted } from '../../shared/api'
import type { ArticleRecord, PageStatus } from '../../shared/types'
import { RevisionConflictError, addRevision, currentRevision } from '../store/queries/revisions'
import { listStoredArticles, replaceStoredArticles } from '../store/queries/articles'
import { listSuggestions, pagesWithStaleSuggestions } from '../store/queries/suggestions'
import { getPageSummary, setPageStatus } from '../store/queries/pages'
import { recordCorrection } from '../store/queries/knowledge'
import { followPageNames, knowledgeOf } from '../pipeline/knowledge'
import { refreshSuggestionsAfterEdit, typedCorrection } from '../pipeline/refreshSuggestions'
import { placeArticles } from './articleRanges'
import type { ServiceContext } from './context'

// Every way of changing a page's working text (a save, a restore, a fix applied across pages,
// and whatever comes next) is this one use case, so that none of them forgets a part: the
// revision and its search index, what the editor taught, the suggestions, the articles carried
// over, the page's status.

export interface RevisionChange {
  pageId: number
  text: string
  /** Why, for the revision history. */
  reason: string
  /** The revision the change was made on: refused as a conflict when the page moved on. */
  baseRevisionId?: number
  /** The page's current revision and its text, when the caller read them already. */
  base?: { revisionId: number; text: string }
  /** The editor's article boundaries on `text` (see placeArticles). */
  boundaries?: readonly ArticleBoundary[]
  /** 'edit' for the editor's typing, 'keep' for a reviewed fix across pages, 'reset' for a restore (see placeArticles). */
  decisions: 'edit' | 'keep' | 'reset'
  /** A few characters replaced by hand are a correction the editor taught: remember it. */
  learnTyped?: boolean
}

/** Commits one change; runs inside the caller's write transaction (see inWriteTransaction). */
export function commitRevision(ctx: ServiceContext, change: RevisionChange): RevisionCommitted {
  const { db } = ctx
  const { pageId, text } = change
  const base = change.base ?? currentRevision(db, pageId)
  if (!base) throw new ApiError('not-found', `page ${pageId} does not exist`)
  if (change.baseRevisionId !== undefined && change.baseRevisionId !== base.revisionId) {
    throw new RevisionConflictError(pageId, base.revisionId, change.baseRevisionId)
  }
  const suggestionsOnBefore = pagesWithStaleSuggestions(db, [pageId]).length === 0
  const revisionId = addRevision(db, { pageId, baseRevisionId: base.revisionId, text, author: 'editor', reason: change.reason })

  followPageNames(db, pageId, text)
  const typed = change.learnTyped ? typedCorrection(base.text, text) : null
  if (typed) recordCorrection(db, { ...typed, decision: 'accepted', pageId })
  // The one place a change meets typo detection; the knowledge is the connection's, kept between saves.
  const edit = { before: base.text, suggestionsOnBefore, taught: typed !== null }
  refreshSuggestionsAfterEdit(db, pageId, revisionId, text, edit, knowledgeOf(db).current())

  const from = base.text.split('\n')
  const to = text.split('\n')
  const stored = listStoredArticles(db, pageId, { revisionId: base.revisionId, lines: from })
  const placed = placeArticles(stored, from, to, { boundaries: change.boundaries, decisions: change.decisions })
  const articles = replaceStoredArticles(db, pageId, revisionId, placed.articles, to)

  const summary = getPageSummary(db, pageId)!
  const status = pageStatusFor(articles, summary.status)
  if (status !== summary.status) setPageStatus(db, pageId, status)
  const suggestions = listSuggestions(db, pageId)
  return {
    revisionId,
    articles,
    suggestions,
    page: { ...summary, status, openSuggestions: suggestions.length, articleCount: articles.filter((a) => a.kind !== 'furniture').length },
    articlesReset: placed.reset
  }
}

/**
 * A page is approved when every article on it is decided, in progress once anything is done
 * to it. A page without articles keeps an approval the editor gave it (approvePage).
 */
export function pageStatusFor(articles: readonly Pick<ArticleRecord, 'kind' | 'status'>[], previous: PageStatus): PageStatus {
  const counted = articles.filter((a) => a.kind !== 'furniture')
  if (counted.length === 0) return previous === 'approved' ? 'approved' : 'in-progress'
  return counted.every((a) => a.status !== 'proposed') ? 'approved' : 'in-progress'
}

/**
 * One write transaction of a service. A conflict becomes the API's error; after any failure
 * the connection's knowledge is read again, since what it read inside may have been undone.
 */
export function inWriteTransaction<T>(ctx: ServiceContext, run: () => T): T {
  try {
    return ctx.db.transaction(run).immediate()
  } catch (error) {
    knowledgeOf(ctx.db).forget()
    if (error instanceof RevisionConflictError) throw new ApiError('conflict', error.message)
    throw error
  }
}
