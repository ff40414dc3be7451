import { ApiError, apiMethods, type ApiErrorBody, type ApiMethod, type ApiResult, type GalleyApi, type Handlers, isApiMethod, validateArgs } from '../../shared/api'
import type { ServiceContext } from './context'
import { log } from '../log'
import { editHandlers } from './editing'
import { exportHandlers } from './exporting'
import { importJobs, type ImportJobs } from './importJobs'
import { readHandlers } from './pages'
import { structureHandlers } from './structure'
import { correctionHandlers } from './corrections'
import { concordanceHandlers } from './concordance'
import { settingsHandlers } from './settings'
import { scanHandlers } from './scans'
import { editionHandlers } from './editions'
import { learningHandlers } from './learning'

export type { ServiceContext } from './context'

// Only a session in recovery puts a backup in place (session.ts); with a database open and sound there is nothing to restore.
const noRestore: Pick<Handlers, 'restoreNewestBackup'> = {
  restoreNewestBackup: () => {
    throw new ApiError('conflict', 'restoreNewestBackup: the database is sound; there is nothing to restore')
  }
}

/** Saves of texts at least this long run on the context's thread for long calls (a page is 5–15 KB). */
export const LONG_SAVE_CHARS = 200_000

export interface Services {
  handlers: Handlers
  /** The import jobs behind the handlers, for the desktop shell's import by path. */
  imports: ImportJobs
}

export function createHandlers(ctx: ServiceContext): Handlers {
  return createServices(ctx).handlers
}

export function createServices(ctx: ServiceContext): Services {
  const imports = importJobs(ctx)
  const edits = editHandlers(ctx)
  // learningHandlers wraps the edits' approvePage and setArticleStatus: an approval is evidence for the page's publication.
  const handlers: Handlers = { ...readHandlers(ctx), ...imports.handlers, ...edits, ...structureHandlers(ctx), ...exportHandlers(ctx), ...correctionHandlers(ctx), ...concordanceHandlers(ctx), ...settingsHandlers(ctx), ...scanHandlers(ctx), ...editionHandlers(ctx), ...noRestore, ...learningHandlers(ctx, edits) }
  const long = ctx.longCalls
  if (long) {
    const inline = handlers.saveRevision
    handlers.saveRevision = (args) => (args.text.length >= LONG_SAVE_CHARS ? (long.call('saveRevision', args) as Promise<ApiResult<'saveRevision'>>) : inline(args))
  }
  return { handlers, imports }
}

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody }

/** The one entry both transports use: validate, run, and turn failures into data. */
export async function dispatch(handlers: Handlers, method: string, rawArgs: unknown): Promise<DispatchResult> {
  if (!isApiMethod(method)) return { ok: false, error: { code: 'unknown-method', message: `unknown method ${method}` } }
  try {
    const args = validateArgs(method, rawArgs)
    const handler = handlers[method] as (args: unknown) => unknown
    return { ok: true, result: await handler(args) }
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: { code: error.code, message: error.message } }
    // Not a refusal the handlers chose: a fault, logged with its trace.
    log.error(`${method} failed`, error)
    return { ok: false, error: { code: 'failed', message: `${method as ApiMethod}: ${(error as Error).message}` } }
  }
}

/**
 * The handlers as the renderer sees them (GalleyApi), for an adapter in the same process (the
 * CLI): arguments validated by the same schemas, failures thrown as ApiError.
 */
export function inProcessApi(handlers: Handlers): GalleyApi {
  const api = {} as Record<ApiMethod, (args: unknown) => Promise<unknown>>
  for (const method of apiMethods) {
    api[method] = async (args: unknown) => {
      const handler = handlers[method] as (args: unknown) => unknown
      return handler(validateArgs(method, args))
    }
  }
  return api as unknown as GalleyApi
}
