import fs from 'node:fs'
import path from 'node:path'
import type { ServerResponse } from 'node:http'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm'
}

/** Resolves a URL path inside root, or null when it would leave it. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/')
  } catch {
    // A malformed %-escape names no file: not found.
    return null
  }
  if (decoded.includes('\0')) return null
  const target = path.resolve(root, '.' + path.posix.normalize('/' + decoded.replace(/\\/g, '/')))
  const rootWithSep = path.resolve(root) + path.sep
  if (target !== path.resolve(root) && !target.startsWith(rootWithSep)) return null
  return target
}

export function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string>): void {
  const target = resolveStatic(root, urlPath)
  if (target === null) {
    res.writeHead(403, headers).end('forbidden')
    return
  }
  let file = target
  let stat = safeStat(file)
  if (!stat || stat.isDirectory()) {
    // The renderer is a single page: unknown paths get index.html, real files themselves.
    file = path.join(root, 'index.html')
    stat = safeStat(file)
    if (!stat) {
      res.writeHead(404, headers).end('the renderer is not built: run npm run build')
      return
    }
  }
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
  res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': String(stat.size) })
  fs.createReadStream(file).pipe(res)
}

function safeStat(file: string): fs.Stats | null {
  try {
    return fs.statSync(file)
  } catch {
    // No such file (or unreadable): the caller answers not found.
    return null
  }
}
