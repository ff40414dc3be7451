import type { GalleyApi, Handlers } from '../../shared/api'
import type { ImportReport } from '../../shared/types'
import type { Db } from '../store/database'
import { importPaths, type ImportOptions } from '../import/importer'
import { runSuggestionPassInWorkers } from '../pipeline/suggestionPass'
import { exportStoreAsync, type AsyncExportOptions, type ExportResult } from '../export'
import { createHandlers, inProcessApi } from '.'

// The use cases that name files on this machine, for the adapters the user runs there (the CLI
// and the desktop shell); the renderer never sends paths, so they are not in the API contract.
// Everything else an adapter does goes through `handlers`, the same ones the UI calls.

export interface PathImportOptions extends Pick<ImportOptions, 'edition' | 'signal' | 'workers'> {
  onProgress?: (done: number, total: number) => void
  /** Progress of the suggestion pass that follows the import. */
  onChecking?: (done: number, total: number) => void
}

/**
 * Imports files and folders, then runs the suggestion pass over every page still waiting for it
 * (this batch's and any an interrupted import left): once, at the end.
 */
export async function importFromPaths(db: Db, paths: readonly string[], options: PathImportOptions = {}): Promise<ImportReport> {
  const { onProgress, onChecking, ...rest } = options
  const report = await importPaths(db, paths, { ...rest, ...(onProgress ? { onProgress: (done, total) => onProgress(done, total) } : {}) })
  await runSuggestionPassInWorkers(db, { ...(onChecking ? { onProgress: onChecking } : {}), ...(options.signal ? { signal: options.signal } : {}) })
  return report
}

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
}

/** A database opened for one command: the same handlers as the app, and the path-based use cases. */
export function localServices(db: Db, databasePath: string): LocalServices {
  const handlers = createHandlers({ db, databasePath, mode: 'cli' })
  return {
    db,
    handlers,
    api: inProcessApi(handlers),
    importFromPaths: (paths, options) => importFromPaths(db, paths, options),
    exportToFolder: (options) => exportToFolder(db, options)
  }
}

export { openDatabase, StoreError, type Db } from '../store/database'
export { ExportError, FORMATS, isFormat, type ExportScope, type Format } from '../export'
export { backupTo, checkDatabase, newestGoodBackup, restoreFrom, rollingBackup } from '../store/backup'
export { defaultDatabasePath } from '../paths'
export { VERSION } from '../version'
export { AUTO_APPROVE_CONFIDENCE } from '../pipeline/approve'
