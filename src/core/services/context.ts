import type { Db } from '../store/database'
import type { Proposer } from '../pipeline/proposal'
import type { CallWorker } from './callWorker'

export interface ServiceContext {
  db: Db
  databasePath: string
  mode: 'desktop' | 'browser' | 'cli'
  /** Analyses imported pages on the calling thread; without it, the standard analysis on workers. */
  propose?: Proposer
  /** A thread of its own for calls too long for the caller's (see callWorker.ts). */
  longCalls?: CallWorker
}
