import type { Db } from '../store/database'
import type { Proposer } from './proposal'
import { loadKnowledge } from './knowledge'
import { proposePage } from './propose'

/** The proposer a single page uses: analysis and suggestions, with what the store has learnt. */
export function defaultProposer(db: Db): Proposer {
  const knowledge = loadKnowledge(db)
  return (text, context) => proposePage(text, knowledge, { ...context?.layout, edition: context?.edition ?? null })
}

/** The proposer of batch imports: analysis only; the suggestion pass follows (importer). */
export function structureProposer(): Proposer {
  return (text, context) => ({ ...proposePage(text, null, { ...context?.layout, edition: context?.edition ?? null }), suggestionsPending: true })
}
