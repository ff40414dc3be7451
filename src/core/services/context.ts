import type { Db } from '../store/database'
import type { Proposer } from '../pipeline/proposal'

export interface ServiceContext {
  db: Db
  databasePath: string
  mode: 'desktop' | 'browser'
  propose: Proposer
}
