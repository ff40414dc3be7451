import fs from 'node:fs'
import path from 'node:path'
import type { CustomScheme } from 'electron'
import { contentType, resolveRendererFile } from '../core/rendererFiles'
import { CSP } from '../shared/csp'

// The desktop app loads its UI from app://galley/, not file://: a URL that is the same under
// any install folder (Windows drive letters, spaces, Chinese names), a secure standard origin
// for the CSP's 'self' and for module scripts, and no need for file:// privileges (packaging
// turns the GrantFileProtocolExtraPrivileges fuse off). Kept free of Electron's runtime so a
// test can drive it.

export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://galley`
export const APP_INDEX = `${APP_ORIGIN}/index.html`

/** For protocol.registerSchemesAsPrivileged, before the app is ready. */
export const APP_SCHEME_PRIVILEGES: CustomScheme[] = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }
]

/** True for the app's own pages and files; the dev server's URL when there is one. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  if (devServerUrl) return url.startsWith(devServerUrl)
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'galley' && parsed.username === '' && parsed.password === '' && parsed.port === ''
}

/** The file an app:// URL names inside the renderer folder, or null (another origin, or outside it). */
export function appFile(rendererRoot: string, url: string, paths: path.PlatformPath = path): string | null {
  if (!isAppUrl(url)) return null
  // The raw path, still percent-encoded: URL would resolve an encoded ../ before the check.
  const rest = url.slice(APP_ORIGIN.length)
  const urlPath = rest === '' ? '/' : rest
  const file = resolveRendererFile(rendererRoot, urlPath, paths)
  if (file === null) return null
  return paths.relative(paths.resolve(rendererRoot), file) === '' ? paths.join(rendererRoot, 'index.html') : file
}

/** The handler for protocol.handle(APP_SCHEME, …): the renderer's files, nothing else. */
export function appProtocolHandler(rendererRoot: string): (request: { url: string; method?: string }) => Promise<Response> {
  return async (request) => {
    if (request.method && request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405 })
    const file = appFile(rendererRoot, request.url)
    if (file === null) return new Response('forbidden', { status: 403 })
    let body: Buffer
    try {
      body = await fs.promises.readFile(file)
    } catch {
      return new Response('not found', { status: 404 })
    }
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: { 'Content-Type': contentType(file), 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' }
    })
  }
}
