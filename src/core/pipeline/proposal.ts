import type { ArticleInput } from '../store/queries/articles'
import type { SuggestionInput } from '../store/queries/suggestions'

/** What Galley proposes for a page: the cleaned working text, its structure and its suggestions. */
export interface Proposal {
  workingText: string
  /** Why the working text differs from the original, for the revision history. */
  reason: string
  articles: ArticleInput[]
  suggestions: SuggestionInput[]
  analyzerVersion: number
  /** Person names on the page (bylines, credits) with their counts. */
  names?: ReadonlyMap<string, number>
  /** Typo suggestions are still to be computed by the suggestion pass. */
  suggestionsPending?: boolean
}

export interface ProposeContext {
  /** Learned corrections, protected terms and names known to the store. */
  lexicon?: unknown
}

export type Proposer = (text: string, context?: ProposeContext) => Proposal
