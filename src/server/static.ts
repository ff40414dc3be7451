import fs from 'node:fs'
import path from 'node:path'
import type { ServerResponse } from 'node:http'
import { contentType, resolveRendererFile } from '../core/rendererFiles'

/** Resolves a URL path inside root, or null when it would leave it. */
export function resolveStatic(root: string, urlPath: string): string | null {
  return resolveRendererFile(root, urlPath)
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
  const type = contentType(file)
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
