import type { ImportItemResult, ImportReport } from '../../shared/types'
import type { Db } from '../store/database'
import { importPaths, importSources, type ImportOptions, type PageSource } from '../import/importer'
import { runSuggestionPassInWorkers } from '../pipeline/suggestionPass'
import { learntForImported, proposeAgain } from '../learning/approval'
import { deriveStoredScans } from './scanDerivation'

// Import is one use case whatever brings the pages: store them (analysed on workers for a large
// batch), then one suggestion pass over every page still waiting for it (this batch's and any an
// interrupted import left).

export interface ImportUseCaseOptions extends Pick<ImportOptions, 'edition' | 'publication' | 'signal' | 'workers' | 'propose' | 'offThread' | 'onCurrent'> {
  onProgress?: (done: number, total: number, item: ImportItemResult) => void
  /** Progress of the suggestion pass that follows the import. */
  onChecking?: (done: number, total: number) => void
}

async function importThenCheck(db: Db, store: (options: ImportOptions) => Promise<ImportReport>, options: ImportUseCaseOptions): Promise<ImportReport> {
  const { onChecking, ...rest } = options
  const report = await store(rest)
  // A cancelled import stops here: its pages wait for the next pass (a later import's, or the
  // workbench's when one is opened). Large scans get their previews and tile pyramids in the
  // background, after the pass (a command waits for them: LocalServices.scansSettled).
  if (options.signal?.aborted) {
    deriveStoredScans(db)
    return report
  }
  await runSuggestionPassInWorkers(db, { ...(onChecking ? { onProgress: onChecking } : {}), ...(options.signal ? { signal: options.signal } : {}), ...(options.offThread ? { offThread: true } : {}) })
  // Pages of a publication that has learnt rules are proposed with them, in the background
  // (a command waits for it: LocalServices.learningSettled).
  void proposeAgain(db, learntForImported(db, report.items))
  deriveStoredScans(db)
  return report
}

/** Files and folders named on this machine (the CLI, the desktop shell's menu). */
export function importFromPaths(db: Db, paths: readonly string[], options: ImportUseCaseOptions = {}): Promise<ImportReport> {
  return importThenCheck(db, (o) => importPaths(db, paths, o), options)
}

/** Pages whose contents arrived (the UI's upload). */
export function importFromSources(db: Db, sources: readonly PageSource[], options: ImportUseCaseOptions = {}): Promise<ImportReport> {
  return importThenCheck(db, (o) => importSources(db, sources, o), options)
}
