import fs from 'node:fs'
import path from 'node:path'
import { ApiError, type Handlers } from '../../shared/api'
import { ExportError, exportStore, safeName, type ExportScope } from '../export'
import { listEditions } from '../store/queries/editions'
import type { ServiceContext } from './context'

/**
 * The app's export: the renderer never handles file paths, so the export goes to a new folder
 * `exports/<name>-<timestamp>` beside the database (in the user-data folder by default) and
 * the result names it, for the app to show or open.
 */
export function exportHandlers(ctx: ServiceContext): Pick<Handlers, 'exportEdition'> {
  return {
    exportEdition: ({ scope, id, formats, includeUnapproved, singleFile }) => {
      let exportScope: ExportScope
      let name: string
      if (scope === 'edition') {
        const edition = listEditions(ctx.db).find((e) => e.id === id)
        if (!edition) throw new ApiError('not-found', `edition ${id} does not exist`)
        exportScope = { edition: edition.name }
        name = edition.name
      } else if (scope === 'page') {
        exportScope = { pageId: id! }
        name = `page-${id}`
      } else {
        exportScope = { all: true }
        name = 'all'
      }
      const outDir = freeFolder(path.join(exportsFolder(ctx), `${safeName(name, 'export', 80)}-${timestamp(new Date())}`))
      try {
        return exportStore(ctx.db, {
          scope: exportScope,
          formats,
          outDir,
          includeUnapproved: includeUnapproved ?? false,
          singleFile: singleFile ?? false
        })
      } catch (error) {
        if (error instanceof ExportError) {
          throw new ApiError(error.code === 'not-found' ? 'not-found' : error.code === 'exists' ? 'conflict' : 'invalid-argument', error.message)
        }
        throw error
      }
    }
  }
}

export function exportsFolder(ctx: Pick<ServiceContext, 'databasePath'>): string {
  return path.join(path.dirname(path.resolve(ctx.databasePath)), 'exports')
}

/** `20240501-093005`, local time: the name the user will look for. */
function timestamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`
}

function freeFolder(base: string): string {
  let candidate = base
  for (let n = 2; fs.existsSync(candidate); n++) candidate = `${base}-${n}`
  return candidate
}
