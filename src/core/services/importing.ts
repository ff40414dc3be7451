import path from 'node:path'
import type { Handlers } from '../../shared/api'
import type { ImportReport } from '../../shared/types'
import type { Db } from '../store/database'
import { importPaths, importSources, type ImportOptions, type PageSource } from '../import/importer'
import type { ServiceContext } from './context'
import { runSuggestionPassInWorkers } from '../pipeline/suggestionPass'
import { batchImageFinder, isScanFileName } from '../import/scans'

// Import is one use case whatever brings the pages: store them (analysed on workers for a large
// batch), then one suggestion pass over every page still waiting for it (this batch's and any an
// interrupted import left).

export interface ImportUseCaseOptions extends Pick<ImportOptions, 'edition' | 'signal' | 'workers' | 'propose'> {
  onProgress?: (done: number, total: number) => void
  /** Progress of the suggestion pass that follows the import. */
  onChecking?: (done: number, total: number) => void
}

async function importThenCheck(db: Db, store: (options: ImportOptions) => Promise<ImportReport>, options: ImportUseCaseOptions): Promise<ImportReport> {
  const { onProgress, onChecking, ...rest } = options
  const report = await store({ ...rest, ...(onProgress ? { onProgress: (done, total) => onProgress(done, total) } : {}) })
  await runSuggestionPassInWorkers(db, { ...(onChecking ? { onProgress: onChecking } : {}), ...(options.signal ? { signal: options.signal } : {}) })
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

export function importHandlers(ctx: ServiceContext): Pick<Handlers, 'importFiles'> {
  return {
    importFiles: async ({ files, edition }) => {
      // Contents arrive, never paths: the caller only sends what the user picked. Scans come in
      // the same batch as their pages and are matched to them by name within their folder.
      const decoded = files.map((file) => ({ file, name: path.basename(file.name.replace(/\\/g, '/')), bytes: Buffer.from(file.dataBase64, 'base64') }))
      const folders = new Map<string, ReturnType<typeof batchImageFinder>>()
      const finder = (folder: string): ReturnType<typeof batchImageFinder> => {
        let f = folders.get(folder)
        if (!f) {
          f = batchImageFinder(decoded.filter((d) => (d.file.folder ?? '') === folder))
          folders.set(folder, f)
        }
        return f
      }
      const sources: PageSource[] = decoded
        .filter((d) => !isScanFileName(d.name))
        .map(({ file, name, bytes }) => ({
          source: file.folder ? `${file.folder}/${name}` : name,
          fileName: name,
          folderName: file.folder ? path.basename(file.folder.replace(/\\/g, '/')) : '',
          size: bytes.length,
          read: () => bytes,
          findImage: finder(file.folder ?? '')(name)
        }))
      return importFromSources(ctx.db, sources, { ...(ctx.propose ? { propose: ctx.propose } : {}), ...(edition ? { edition } : {}) })
    }
  }
}
