import type { Db } from '../store/database'
import type { Proposer } from './proposal'

/** The proposer import uses: the page's text as it came, until analysis is wired in. */
export function defaultProposer(_db: Db): Proposer {
  return (text) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })
}
