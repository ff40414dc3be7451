import type { Db } from '../store/database'
import type { Proposer } from '../pipeline/proposal'

export interface ServiceContext {
  db: Db
  databasePath: string
  mode: 'desktop' | 'browser' | 'cli'
  /** Analyses imported pages on the calling thread; without it, the standard analysis on workers. */
  propose?: Proposer
}
