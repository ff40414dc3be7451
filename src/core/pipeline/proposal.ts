import type { EditionEvidence, LayoutHints } from '../analysis'
import type { ArticleInput } from '../model/article'
import { encodeArticles, type EncodedArticle } from '../model/articleBody'
import type { SuggestionInput } from '../model/suggestion'

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

/** A proposal made ready for the store (on any thread): its articles encoded as their rows keep them. */
export interface PreparedProposal extends Omit<Proposal, 'articles'> {
  articles: EncodedArticle[]
}

/** The proposal with its articles encoded against its working text. */
export function prepareProposal(proposal: Proposal): PreparedProposal {
  return { ...proposal, articles: encodeArticles(proposal.articles, proposal.workingText) }
}

export interface ProposeContext {
  /** Learned corrections, protected terms and names known to the store. */
  lexicon?: unknown
  /** What the page's OCR layout knows (column breaks, furniture blocks), when it has one. */
  layout?: LayoutHints
  /** What the other pages of the page's edition show (lines that recur are furniture). */
  edition?: EditionEvidence | null
}

export type Proposer = (text: string, context?: ProposeContext) => Proposal
