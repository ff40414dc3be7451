import type { Db } from '../store/database'
import type { Proposer } from './proposal'
import { loadKnowledge } from './knowledge'
import { proposePage } from './propose'

/** The proposer a single page uses: analysis and suggestions, with what the store has learnt. */
export function defaultProposer(db: Db): Proposer {
  const knowledge = loadKnowledge(db)
  return (text, context) => proposePage(text, knowledge, { ...context?.layout, edition: context?.edition ?? null })
}

// Kept here for its callers; it lives beside proposePage, so the page workers load no store code.
export { structureProposer } from './propose'
