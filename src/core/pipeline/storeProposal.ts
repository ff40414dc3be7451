import type { Db } from '../store/database'
import { addFirstRevisions } from '../store/queries/revisions'
import { insertNewArticles } from '../store/queries/articles'
import { insertSuggestions, markSuggestionsFor } from '../store/queries/suggestions'
import { insertPageNames } from '../store/queries/knowledge'
import type { PreparedProposal } from './proposal'

/**
 * Stores a page's first revisions and proposal; the page was inserted in the same transaction and
 * has no revision, article, suggestion or name yet, and is not indexed. The import revision keeps
 * the decoded text (line endings normalised); the automatic fixes follow as a revision of their
 * own, so the editor can see and undo them.
 */
export function storeNewPageProposal(
  db: Db,
  pageId: number,
  text: string,
  proposal: PreparedProposal,
  /** `text` is the page's original exactly (no line endings changed). */
  textIsOriginal: boolean
): number {
  const imported = { text, author: 'galley', reason: 'import', isOriginal: textIsOriginal }
  const revisionId = addFirstRevisions(
    db,
    pageId,
    proposal.workingText === text ? [imported] : [imported, { text: proposal.workingText, author: 'galley', reason: proposal.reason }]
  )
  insertNewArticles(db, pageId, revisionId, proposal.articles, proposal.analyzerVersion)
  insertSuggestions(db, pageId, revisionId, proposal.suggestions)
  if (proposal.names) insertPageNames(db, pageId, proposal.names)
  if (!proposal.suggestionsPending) markSuggestionsFor(db, pageId, revisionId)
  return revisionId
}
