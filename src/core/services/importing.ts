import path from 'node:path'
import type { Handlers } from '../../shared/api'
import { importSources, type PageSource } from '../import/importer'
import type { ServiceContext } from './context'
import { runSuggestionPassInWorkers } from '../pipeline/suggestionPass'
import { batchImageFinder, isScanFileName } from '../import/scans'

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
      const report = await importSources(ctx.db, sources, { ...(ctx.propose ? { propose: ctx.propose } : {}), ...(edition ? { edition } : {}) })
      await runSuggestionPassInWorkers(ctx.db)
      return report
    }
  }
}
