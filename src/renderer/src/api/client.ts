import type { ApiArgs, ApiErrorBody, ApiMethod, ApiResult, GalleyApi } from '../../../shared/api'
import { API_METHOD_NAMES } from '../../../shared/methodNames'

// The renderer's only door to Galley: the preload's functions in the desktop app, the
// loopback server's API in browser mode. Both answer with the same envelope.

type Envelope = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody }

export class GalleyError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'GalleyError'
  }
}

declare global {
  interface Window {
    galley?: Record<ApiMethod, (args: unknown) => Promise<Envelope>>
    galleyShell?: { onMenu: (listener: (action: string) => void) => () => void }
  }
}

const TOKEN_KEY = 'galley-token'
const KEEPALIVE_METHODS = new Set<ApiMethod>(['saveRevision', 'updateArticles', 'decideSuggestion', 'decideSuggestions'])
const KEEPALIVE_LIMIT = 60_000

/** Browser mode: the token comes in the URL fragment once, then lives in this tab only. */
function browserToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash)
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1])
    history.replaceState(null, '', window.location.pathname + window.location.search)
    return match[1]
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

function httpTransport(): (method: ApiMethod, args: unknown) => Promise<Envelope> {
  const token = browserToken()
  return async (method, args) => {
    const body = JSON.stringify(args ?? {})
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Galley-Token': token },
      body,
      // A save started as the tab closes must outlive the tab (browsers cap keepalive bodies at 64 KiB).
      keepalive: KEEPALIVE_METHODS.has(method) && new Blob([body]).size < KEEPALIVE_LIMIT
    })
    const type = response.headers.get('Content-Type') ?? ''
    // a binary result (a scan) comes as its bytes; errors are always JSON
    if (response.ok && !type.startsWith('application/json')) return { ok: true, result: { mediaType: type, bytes: new Uint8Array(await response.arrayBuffer()) } }
    const envelope = (await response.json().catch(() => null)) as Envelope | null
    if (!envelope) return { ok: false, error: { code: 'failed', message: `${method}: HTTP ${response.status}` } }
    return envelope
  }
}

function createApi(): GalleyApi {
  const bridge = window.galley
  const transport = bridge ? (method: ApiMethod, args: unknown) => bridge[method](args) : httpTransport()
  const api: Record<string, (args: unknown) => Promise<unknown>> = {}
  for (const method of API_METHOD_NAMES) {
    api[method] = async (args: unknown) => {
      const envelope = await transport(method, args)
      if (!envelope.ok) throw new GalleyError(envelope.error.code, envelope.error.message)
      return envelope.result
    }
  }
  return api as GalleyApi
}

export const api: GalleyApi = createApi()

export type { ApiArgs, ApiResult }
