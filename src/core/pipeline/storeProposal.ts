import type { Db } from '../store/database'
import { addRevision } from '../store/queries/revisions'
import { replaceArticles } from '../store/queries/articles'
import { markSuggestionsFor, replaceOpenSuggestions } from '../store/queries/suggestions'
import { replacePageNames } from '../store/queries/knowledge'
import type { Proposal } from './proposal'

/**
 * Stores a new page's first revisions and proposal (a new page: nothing of it is indexed yet). The import revision keeps the decoded text
 * (line endings normalised); the automatic fixes follow as a revision of their own, so the
 * editor can see and undo them. Runs inside the caller's transaction.
 */
export function storeProposal(
  db: Db,
  pageId: number,
  text: string,
  proposal: Proposal,
  options: { index?: 'insert' | false; /** `text` is the page's original exactly (no line endings changed). */ textIsOriginal?: boolean } = {}
): number {
  const index = options.index ?? 'insert'
  const fixed = proposal.workingText !== text
  let revisionId = addRevision(db, { pageId, text, author: 'galley', reason: 'import', index: fixed ? false : index, isOriginal: options.textIsOriginal })
  if (fixed) {
    revisionId = addRevision(db, { pageId, text: proposal.workingText, author: 'galley', reason: proposal.reason, index })
  }
  replaceArticles(db, pageId, revisionId, proposal.articles, { source: 'analysis', analyzerVersion: proposal.analyzerVersion, text: proposal.workingText })
  replaceOpenSuggestions(db, pageId, revisionId, proposal.suggestions)
  if (proposal.names) replacePageNames(db, pageId, proposal.names)
  if (!proposal.suggestionsPending) markSuggestionsFor(db, pageId, revisionId)
  return revisionId
}
