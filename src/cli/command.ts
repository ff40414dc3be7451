import type { Db, LocalServices } from '../core/services/local'
import type { Options } from './args'
import type { Output } from './output'

export interface CommandContext {
  values: Record<string, unknown>
  positionals: string[]
  output: Output
  /**
   * Opens the database named by --db, GALLEY_DB or the default, migrating it. Only a command that
   * `createsDatabase` may find no file there; every other one is refused (a mistyped path).
   */
  openDb: () => Db
  /** The same database with the app's handlers over it and the path-based use cases: what a command calls. */
  services: () => LocalServices
  databasePath: string
}

export interface Command {
  name: string
  summary: string
  usage: string
  options: Options
  /** Makes the database when there is none yet (import); every other command needs an existing one. */
  createsDatabase?: boolean
  /** Resolves to the exit code: 0 all ok, 1 some inputs failed. */
  run: (ctx: CommandContext) => number | Promise<number>
}

export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const
