import path from 'node:path'
import type { Handlers } from '../../shared/api'
import type { ImportReport } from '../../shared/types'
import type { Db } from '../store/database'
import { importPaths, importSources, type ImportOptions, type PageSource } from '../import/importer'
import { MAX_PAGE_BYTES } from '../import/decode'
import type { ServiceContext } from './context'
import { runSuggestionPassInWorkers } from '../pipeline/suggestionPass'
import { batchImageFinder, isScanFileName } from '../import/scans'
import { learntForImported, proposeAgain } from '../learning/approval'

// Import is one use case whatever brings the pages: store them (analysed on workers for a large
// batch), then one suggestion pass over every page still waiting for it (this batch's and any an
// interrupted import left).

export interface ImportUseCaseOptions extends Pick<ImportOptions, 'edition' | 'publication' | 'signal' | 'workers' | 'propose' | 'offThread'> {
  onProgress?: (done: number, total: number) => void
  /** Progress of the suggestion pass that follows the import. */
  onChecking?: (done: number, total: number) => void
}

async function importThenCheck(db: Db, store: (options: ImportOptions) => Promise<ImportReport>, options: ImportUseCaseOptions): Promise<ImportReport> {
  const { onProgress, onChecking, ...rest } = options
  const report = await store({ ...rest, ...(onProgress ? { onProgress: (done, total) => onProgress(done, total) } : {}) })
  await runSuggestionPassInWorkers(db, { ...(onChecking ? { onProgress: onChecking } : {}), ...(options.signal ? { signal: options.signal } : {}), ...(options.offThread ? { offThread: true } : {}) })
  // Pages of a publication that has learnt rules are proposed with them, in the background
  // (a command waits for it: LocalServices.learningSettled).
  void proposeAgain(db, learntForImported(db, report.items))
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

// Standard base64 as FileReader.readAsDataURL and Buffer write it: Buffer.from would skip any
// other character without a word and import what is left. (A loop: a regular expression over
// a 27 MB string runs out of stack.)
function isBase64(data: string): boolean {
  if (data.length % 4 !== 0) return false
  const pad = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0
  for (let i = 0; i < data.length - pad; i++) {
    const c = data.charCodeAt(i)
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47
    if (!ok) return false
  }
  return true
}

export function importHandlers(ctx: ServiceContext): Pick<Handlers, 'importFiles'> {
  return {
    importFiles: async ({ files, edition, publication }) => {
      // Contents arrive, never paths: the caller only sends what the user picked. Each file is
      // judged on its own: one that is too large or not base64 fails alone, not its batch. Scans
      // come in the same batch as their pages and are matched to them by name within their folder.
      const decoded = files.map((file) => {
        const name = path.basename(file.name.replace(/\\/g, '/'))
        const data = file.dataBase64
        const size = Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0)
        const scan = isScanFileName(name)
        // A page over the limit fails on its size, without being decoded.
        const tooLarge = !scan && size > MAX_PAGE_BYTES
        const refused = tooLarge || isBase64(data) ? undefined : 'the upload is not valid base64 (the file was not sent whole)'
        const bytes = tooLarge || refused ? Buffer.alloc(0) : Buffer.from(data, 'base64')
        return { file, name, scan, size, refused, bytes, source: file.folder ? `${file.folder}/${name}` : name }
      })
      const folders = new Map<string, ReturnType<typeof batchImageFinder>>()
      const finder = (folder: string): ReturnType<typeof batchImageFinder> => {
        let f = folders.get(folder)
        if (!f) {
          f = batchImageFinder(decoded.filter((d) => !d.refused && (d.file.folder ?? '') === folder))
          folders.set(folder, f)
        }
        return f
      }
      const sources: PageSource[] = decoded
        .filter((d) => !d.scan)
        .map(({ file, name, size, refused, bytes, source }) => ({
          source,
          fileName: name,
          folderName: file.folder ? path.basename(file.folder.replace(/\\/g, '/')) : '',
          size,
          ...(refused ? { refused } : {}),
          read: () => bytes,
          findImage: finder(file.folder ?? '')(name)
        }))
      // Decoding, analysis and detection run on worker threads, whatever the batch size: a
      // server answering other calls must not wait for a 20 MB page.
      const offThread = !ctx.propose
      const report = await importFromSources(ctx.db, sources, { ...(ctx.propose ? { propose: ctx.propose } : {}), ...(edition ? { edition } : {}), ...(publication ? { publication } : {}), offThread })
      // A scan that did not arrive whole is named too (its page is imported without it).
      const badScans = decoded.filter((d) => d.scan && d.refused).map((d) => ({ source: d.source, status: 'failed' as const, reason: d.refused! }))
      if (badScans.length > 0) return { ...report, failed: report.failed + badScans.length, items: [...report.items, ...badScans] }
      return report
    }
  }
}
