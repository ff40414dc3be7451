import { ApiError, type Handlers } from '../../shared/api'
import type { PageDetail } from '../../shared/types'
import { schemaVersion } from '../store/database'
import { listEditions } from '../store/queries/editions'
import { getPageRow, listPages } from '../store/queries/pages'
import { getRevision, listRevisions } from '../store/queries/revisions'
import { listArticles } from '../store/queries/articles'
import { listSuggestions, pagesWithStaleSuggestions } from '../store/queries/suggestions'
import { runSuggestionPass } from '../pipeline/suggestionPass'
import { knowledgeOf } from '../pipeline/knowledge'
import { nameVariantsToRejudge, refreshSuggestions } from '../pipeline/refreshSuggestions'
import { searchPages } from '../store/queries/search'
import { finishPendingReflow } from '../learning/reproposalJobs'
import type { ServiceContext } from './context'
import { VERSION } from '../version'

type ReadHandlers = Pick<
  Handlers,
  'appInfo' | 'listEditions' | 'listPages' | 'getPage' | 'search' | 'listRevisions' | 'getRevision'
>

export function getPageDetail(ctx: ServiceContext, pageId: number): PageDetail {
  // A page imported in a batch whose suggestion pass has not reached it yet gets it now (a page
  // proposed again whose rewritten lines wait to be read: only those).
  if (pagesWithStaleSuggestions(ctx.db, [pageId]).length > 0 && !finishPendingReflow(ctx.db, pageId)) runSuggestionPass(ctx.db, [pageId])
  const row = getPageRow(ctx.db, pageId)
  if (!row || row.currentRevisionId === null) throw new ApiError('not-found', `page ${pageId} does not exist`)
  const revision = getRevision(ctx.db, row.currentRevisionId)
  if (!revision) throw new ApiError('not-found', `revision ${row.currentRevisionId} of page ${pageId} is missing`)
  // Names fixed or approved elsewhere since: the page's name variants are judged again.
  const knowledge = knowledgeOf(ctx.db).current()
  if (nameVariantsToRejudge(ctx.db, pageId, knowledge)) ctx.db.transaction(() => refreshSuggestions(ctx.db, pageId, revision.id, revision.text, knowledge)).immediate()
  const { originalText, currentRevisionId: _current, ...page } = row
  return {
    page,
    originalText,
    revision,
    articles: listArticles(ctx.db, pageId),
    suggestions: listSuggestions(ctx.db, pageId)
  }
}

export function readHandlers(ctx: ServiceContext): ReadHandlers {
  return {
    appInfo: () => ({ version: VERSION, mode: ctx.mode, database: ctx.databasePath, schemaVersion: schemaVersion(ctx.db), recovery: null }),
    listEditions: () => listEditions(ctx.db),
    listPages: ({ editionId }) => listPages(ctx.db, editionId),
    getPage: ({ pageId }) => getPageDetail(ctx, pageId),
    search: ({ query, limit }) => searchPages(ctx.db, query, { limit: limit ?? 100 }),
    listRevisions: ({ pageId }) => listRevisions(ctx.db, pageId),
    getRevision: ({ revisionId }) => {
      const revision = getRevision(ctx.db, revisionId)
      if (!revision) throw new ApiError('not-found', `revision ${revisionId} does not exist`)
      return revision
    }
  }
}
