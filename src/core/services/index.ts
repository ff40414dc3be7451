import { ApiError, type ApiErrorBody, type ApiMethod, type Handlers, isApiMethod, validateArgs } from '../../shared/api'
import type { ServiceContext } from './context'
import { editHandlers } from './editing'
import { exportHandlers } from './exporting'
import { importHandlers } from './importing'
import { readHandlers } from './pages'
import { structureHandlers } from './structure'
import { correctionHandlers } from './corrections'

export type { ServiceContext } from './context'

export function createHandlers(ctx: ServiceContext): Handlers {
  return { ...readHandlers(ctx), ...importHandlers(ctx), ...editHandlers(ctx), ...structureHandlers(ctx), ...exportHandlers(ctx), ...correctionHandlers(ctx) } satisfies Handlers
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
    return { ok: false, error: { code: 'failed', message: `${method as ApiMethod}: ${(error as Error).message}` } }
  }
}
