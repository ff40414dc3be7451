import type { Db } from '../store/database'
import type { Proposer } from './proposal'
import { loadKnowledge } from './knowledge'
import { proposePage } from './propose'

/** The proposer import uses: analysis and suggestions, with what the store has learnt. */
export function defaultProposer(db: Db): Proposer {
  const knowledge = loadKnowledge(db)
  return (text) => proposePage(text, knowledge)
}
