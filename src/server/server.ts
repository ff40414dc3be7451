import { randomBytes } from 'node:crypto'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isBinaryResult, type Handlers } from '../shared/api'
import { dispatch } from '../core/services'
import { hostIsAllowed, originIsAllowed, tokenIsValid, type GuardConfig } from './guard'
import { serveStatic } from './static'
import { CSP } from '../shared/csp'

export interface ServerOptions {
  handlers: Handlers
  rendererRoot: string
  port?: number
  token?: string
  /** Largest request body accepted, in bytes. */
  maxBody?: number
}

export interface RunningServer {
  url: string
  port: number
  token: string
  close: () => Promise<void>
}



const BASE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store'
}

const STATUS: Record<string, number> = { 'invalid-argument': 400, 'unknown-method': 404, 'not-found': 404, conflict: 409, unavailable: 503, failed: 500 }

/** Serves the renderer and the API on 127.0.0.1 only. */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const maxBody = options.maxBody ?? 300 * 1024 * 1024
  const config: GuardConfig = { port: 0, token }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'failed', message: (error as Error).message } })
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostIsAllowed(req, config)) {
      res.writeHead(403, BASE_HEADERS).end('forbidden host')
      return
    }
    const url = req.url ?? '/'
    if (!url.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, BASE_HEADERS).end('method not allowed')
        return
      }
      serveStatic(options.rendererRoot, url, res, BASE_HEADERS)
      return
    }
    if (!originIsAllowed(req, config) || !tokenIsValid(req, config)) {
      sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: 'missing or wrong token, or foreign origin' } })
      req.resume()
      return
    }
    if (req.method !== 'POST' || !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(res, 405, { ok: false, error: { code: 'invalid-argument', message: 'API calls are POST with a JSON body' } })
      req.resume()
      return
    }
    const method = decodeURIComponent(url.slice('/api/'.length).split('?')[0] ?? '')
    let body: unknown
    try {
      body = JSON.parse(await readBody(req, maxBody))
    } catch (error) {
      sendJson(res, 400, { ok: false, error: { code: 'invalid-argument', message: `${method}: ${(error as Error).message}` } })
      return
    }
    const outcome = await dispatch(options.handlers, method, body)
    if (outcome.ok && isBinaryResult(outcome.result)) sendBytes(res, outcome.result.mediaType, outcome.result.bytes)
    else if (outcome.ok) sendJson(res, 200, outcome)
    else sendJson(res, STATUS[outcome.error.code] ?? 500, outcome)
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port
      config.port = port
      resolve({
        url: `http://127.0.0.1:${port}/#token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          })
      })
    })
  })
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) })
  res.end(body)
}

/** A binary result (a scan) goes as it is: no base64, no JSON for the browser to parse. */
function sendBytes(res: ServerResponse, mediaType: string, bytes: Uint8Array): void {
  res.writeHead(200, { ...BASE_HEADERS, 'Content-Type': mediaType, 'Content-Length': String(bytes.byteLength) })
  res.end(bytes)
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new Error(`request body larger than ${Math.round(limit / 1024 / 1024)} MB`))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
