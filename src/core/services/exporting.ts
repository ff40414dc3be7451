import fs from 'node:fs'
import path from 'node:path'
import { ApiError, type ApiArgs, type Handlers } from '../../shared/api'
import type { ExportJob } from '../../shared/types'
import { ExportError, exportStoreAsync, safeName, type ExportResult, type ExportScope } from '../export'
import { listEditions } from '../store/queries/editions'
import { getPageRow } from '../store/queries/pages'
import type { ServiceContext } from './context'
import { jobRegistry, oneLine, type Job } from './jobs'

/**
 * The app's export: the renderer never handles file paths, so the export goes to a new folder
 * `exports/<name>-<timestamp>` beside the database (in the user-data folder by default) and
 * the result names it, for the app to show or open.
 *
 * It runs as a job (startExport, then exportStatus until it is no longer running, or
 * cancelExport) so that the window can show its progress while the server or the IPC handler
 * goes on answering; exportEdition is the same job, awaited.
 */

type Request = ApiArgs<'startExport'>

/** A handful at once is plenty for one editor; more would only compete for the disk. */
const MAX_RUNNING = 3

export function exportHandlers(ctx: ServiceContext): Pick<Handlers, 'exportEdition' | 'startExport' | 'exportStatus' | 'cancelExport'> {
  const jobs = jobRegistry<ExportJob>('export', (s) => s.state !== 'running')

  const snapshot = (job: Job<ExportJob>): ExportJob => ({ ...job.status, result: job.status.result && { ...job.status.result } })

  const start = (request: Request): Job<ExportJob> => {
    const running = jobs.count((s) => s.state === 'running')
    if (running >= MAX_RUNNING) throw new ApiError('conflict', `${running} exports are already running; wait for one to finish`)
    const { scope, name } = resolveScope(ctx, request)
    const outDir = freeFolder(path.join(exportsFolder(ctx), `${safeName(name, 'export', 80)}-${timestamp(new Date())}`))
    return jobs.add(
      (jobId) => ({ jobId, state: 'running', done: 0, total: 0, result: null, error: null }),
      (job) => {
        const { status } = job
        return exportStoreAsync(ctx.db, {
          scope,
          formats: request.formats,
          outDir,
          includeUnapproved: request.includeUnapproved ?? false,
          singleFile: request.singleFile ?? false,
          signal: job.controller.signal,
          onProgress: (done, total) => {
            status.done = done
            status.total = total
          }
        })
          .then(
            (result: ExportResult) => {
              status.state = 'done'
              status.result = result
            },
            (error: unknown) => {
              if (error instanceof ExportError && error.code === 'cancelled') status.state = 'cancelled'
              else {
                status.state = 'failed'
                status.error = oneLine(error, 'export failed')
                job.failure = error
              }
            }
          )
          .finally(() => claimed.delete(outDir))
      }
    )
  }

  return {
    exportEdition: async (request) => {
      const job = start(request)
      await job.settled
      const { state, result } = job.status
      if (state === 'done' && result) return result
      throw asApiError(job.failure ?? new ExportError(`export ${state}`, 'cancelled'))
    },
    startExport: (request) => snapshot(start(request)),
    exportStatus: ({ jobId }) => snapshot(jobs.find(jobId)),
    // Answers once the staging folder is gone, so that the caller can say nothing was left.
    cancelExport: async ({ jobId }) => snapshot(await jobs.cancel(jobId))
  }
}

/** What to export and the name its folder starts with; an unknown edition or page is refused here, before any job starts. */
function resolveScope(ctx: ServiceContext, { scope, id }: Pick<Request, 'scope' | 'id'>): { scope: ExportScope; name: string } {
  if (scope === 'edition') {
    const edition = listEditions(ctx.db).find((e) => e.id === id)
    if (!edition) throw new ApiError('not-found', `edition ${id} does not exist`)
    return { scope: { edition: edition.name }, name: edition.name }
  }
  if (scope === 'page') {
    if (!getPageRow(ctx.db, id!)) throw new ApiError('not-found', `page ${id} does not exist`)
    return { scope: { pageId: id! }, name: `page-${id}` }
  }
  return { scope: { all: true }, name: 'all' }
}

function asApiError(error: unknown): unknown {
  if (!(error instanceof ExportError)) return error
  const code = error.code === 'not-found' ? 'not-found' : error.code === 'exists' || error.code === 'cancelled' ? 'conflict' : 'invalid-argument'
  return new ApiError(code, error.message)
}

export function exportsFolder(ctx: Pick<ServiceContext, 'databasePath'>): string {
  return path.join(path.dirname(path.resolve(ctx.databasePath)), 'exports')
}

/** `20240501-093005`, local time: the name the user will look for. */
function timestamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`
}

/** Folders of jobs still writing: they appear on disk only when the job finishes. */
const claimed = new Set<string>()

/** A folder name no other export has, on disk or running; released by the job when it ends. */
function freeFolder(base: string): string {
  let candidate = base
  for (let n = 2; fs.existsSync(candidate) || claimed.has(candidate); n++) candidate = `${base}-${n}`
  claimed.add(candidate)
  return candidate
}
