import path from 'node:path'

// The built renderer's files, as browser mode's server and the desktop shell's app:// protocol
// serve them: one place decides which URL path is which file, and that none leaves the folder.

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

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Resolves a URL path (percent-encoded, as in a URL) inside root, or null when it would leave
 * it. `paths` is the platform's path module (path.win32 to check Windows install folders).
 */
export function resolveRendererFile(root: string, urlPath: string, paths: path.PlatformPath = path): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/')
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const base = paths.resolve(root)
  const target = paths.resolve(base, '.' + path.posix.normalize('/' + decoded.replace(/\\/g, '/')))
  const relative = paths.relative(base, target)
  if (relative === '') return target
  if (relative.startsWith('..') || paths.isAbsolute(relative)) return null
  return target
}
