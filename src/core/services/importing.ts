import path from 'node:path'
import type { Handlers } from '../../shared/api'
import { importSources, type PageSource } from '../import/importer'
import type { ServiceContext } from './context'
import { runSuggestionPassInWorkers } from '../pipeline/suggestionPass'

export function importHandlers(ctx: ServiceContext): Pick<Handlers, 'importFiles'> {
  return {
    importFiles: async ({ files, edition }) => {
      // Contents arrive, never paths: the caller only sends what the user picked.
      const sources: PageSource[] = files.map((file) => {
        const bytes = Buffer.from(file.dataBase64, 'base64')
        const name = path.basename(file.name.replace(/\\/g, '/'))
        return {
          source: file.folder ? `${file.folder}/${name}` : name,
          fileName: name,
          folderName: file.folder ? path.basename(file.folder.replace(/\\/g, '/')) : '',
          size: bytes.length,
          read: () => bytes
        }
      })
      const report = await importSources(ctx.db, sources, { ...(ctx.propose ? { propose: ctx.propose } : {}), ...(edition ? { edition } : {}) })
      await runSuggestionPassInWorkers(ctx.db)
      return report
    }
  }
}
