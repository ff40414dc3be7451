import type { GalleyApi, Handlers } from '../../shared/api'
import type { ImportReport } from '../../shared/types'
import type { Db } from '../store/database'
import { importFromPaths, type ImportUseCaseOptions } from './importing'
import { exportStoreAsync, type AsyncExportOptions, type ExportResult } from '../export'
import { createHandlers, inProcessApi } from '.'
import { allReproposalsSettled } from '../learning/reproposalJobs'
import { derivationsSettled } from '../media/derivations'

// The use cases that name files on this machine, for the adapters the user runs there (the CLI
// and the desktop shell); the renderer never sends paths, so they are not in the API contract.
// Everything else an adapter does goes through `handlers`, the same ones the UI calls.

export type PathImportOptions = Omit<ImportUseCaseOptions, 'propose'>

/** Exports to a folder the user named (the app's export picks its own folder: exporting.ts). */
export function exportToFolder(db: Db, options: AsyncExportOptions): Promise<ExportResult> {
  return exportStoreAsync(db, options)
}

export interface LocalServices {
  db: Db
  /** The handlers the UI calls, over this database. */
  handlers: Handlers
  /** The same handlers called as the UI calls them: arguments validated, failures thrown as ApiError. */
  api: GalleyApi
  importFromPaths: (paths: readonly string[], options?: PathImportOptions) => Promise<ImportReport>
  exportToFolder: (options: AsyncExportOptions) => Promise<ExportResult>
  /** Settles when every publication's untouched pages being proposed again (after an approval, an undone or imported rule, an import) are done: a command waits for it before it exits, the app goes on. */
  learningSettled: () => Promise<void>
  /** Settles when the large scans' previews and tile pyramids being made after an import are done (media/derivations.ts). */
  scansSettled: () => Promise<void>
}

/** A database opened for one command: the same handlers as the app, and the path-based use cases. */
export function localServices(db: Db, databasePath: string): LocalServices {
  const handlers = createHandlers({ db, databasePath, mode: 'cli' })
  return {
    db,
    handlers,
    api: inProcessApi(handlers),
    importFromPaths: (paths, options) => importFromPaths(db, paths, options),
    exportToFolder: (options) => exportToFolder(db, options),
    learningSettled: () => allReproposalsSettled(db),
    scansSettled: derivationsSettled
  }
}

export { openDatabase, StoreError, type Db } from '../store/database'
export { ExportError, FORMATS, isFormat, type ExportScope, type Format } from '../export'
export { backupTo, checkDatabase, newestGoodBackup, restoreFrom, rollingBackup } from '../store/backup'
export { defaultDatabasePath } from '../paths'
export { VERSION } from '../version'
export { importFromPaths } from './importing'
export { AUTO_APPROVE_CONFIDENCE } from '../pipeline/approve'
