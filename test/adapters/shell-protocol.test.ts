import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { APP_INDEX, APP_SCHEME_PRIVILEGES, appFile, appProtocolHandler, isAppUrl } from '../../src/main/appProtocol'
import { lockDown } from '../../src/main/security'
import { CSP } from '../../src/shared/csp'
import { tempDir } from '../support/tmp'

// The desktop shell loads its UI from app://galley/ wherever Galley is installed. Electron's
// runtime cannot run here: these tests drive the shell's own checks (the URL test that guards
// IPC and requests, the protocol handler and its file resolution) with install folders of
// every kind, Windows ones through path.win32.

const root = path.resolve(__dirname, '../..')

const INSTALLS: { name: string; root: string; paths: path.PlatformPath }[] = [
  { name: 'Windows, Program Files', root: 'C:\\Program Files\\Galley\\resources\\app.asar\\out\\renderer', paths: path.win32 },
  { name: 'Windows, spaced Chinese folder', root: 'D:\\新闻 编辑部\\Galley 排版\\resources\\app.asar\\out\\renderer', paths: path.win32 },
  { name: 'Windows, user profile', root: 'C:\\Users\\王 小明\\AppData\\Local\\Programs\\galley\\resources\\app.asar\\out\\renderer', paths: path.win32 },
  { name: 'macOS, spaced', root: '/Applications/Galley Editor.app/Contents/Resources/app.asar/out/renderer', paths: path.posix },
  { name: 'Linux, Chinese home', root: '/home/编辑/应用 程序/galley/resources/app.asar/out/renderer', paths: path.posix }
]

describe('the desktop shell under any install folder', () => {
  it('loads index.html from app://galley/, whatever the install folder', () => {
    expect(APP_INDEX).toBe('app://galley/index.html')
    expect(isAppUrl(APP_INDEX)).toBe(true)
    for (const install of INSTALLS) {
      expect(appFile(install.root, APP_INDEX, install.paths), install.name).toBe(install.paths.join(install.root, 'index.html'))
      expect(appFile(install.root, 'app://galley/', install.paths), install.name).toBe(install.paths.join(install.root, 'index.html'))
      expect(appFile(install.root, 'app://galley/assets/index-C5lghsXV.js', install.paths), install.name).toBe(install.paths.join(install.root, 'assets', 'index-C5lghsXV.js'))
      expect(appFile(install.root, 'app://galley/assets/%E5%AD%97%E4%BD%93%20a.woff2?v=1', install.paths), install.name).toBe(install.paths.join(install.root, 'assets', '字体 a.woff2'))
    }
  })

  it('never resolves a file outside the renderer folder', () => {
    const attacks = [
      'app://galley/../../secret.txt',
      'app://galley/%2e%2e/%2e%2e/secret.txt',
      'app://galley/..%5c..%5csecret.txt',
      'app://galley/%2e%2e%5c%2e%2e%5cWindows%5cwin.ini',
      'app://galley/C:%5cWindows%5cwin.ini',
      'app://galley/%5c%5cserver%5cshare%5cx',
      'app://galley/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd'
    ]
    for (const install of INSTALLS) {
      const base = install.paths.resolve(install.root)
      for (const url of attacks) {
        const file = appFile(install.root, url, install.paths)
        if (file === null) continue
        const rel = install.paths.relative(base, file)
        expect(rel.startsWith('..') || install.paths.isAbsolute(rel), `${install.name}: ${url} → ${file}`).toBe(false)
      }
      expect(appFile(install.root, 'app://galley/%00.js', install.paths)).toBeNull()
      expect(appFile(install.root, 'app://galley/%E0%A4%A', install.paths)).toBeNull()
    }
  })

  it('takes only app://galley/ as the app: not file:// pages, other hosts, or the web', () => {
    for (const install of INSTALLS) {
      // What the old check was given: the page's file:// URL, percent-encoded by the browser.
      const fileUrl = install.paths === path.win32 ? 'file:///' + install.root.replace(/\\/g, '/') + '/index.html' : 'file://' + install.root + '/index.html'
      expect(isAppUrl(encodeURI(fileUrl))).toBe(false)
      expect(appFile(install.root, encodeURI(fileUrl), install.paths)).toBeNull()
    }
    for (const url of ['https://galley/index.html', 'app://evil/index.html', 'app://galley.evil/', 'app://galley@evil/', 'app://galley:8080/index.html', 'app:galley', 'not a url']) {
      expect(isAppUrl(url), url).toBe(false)
    }
    // With a dev server (npm run dev), its URL is the app.
    expect(isAppUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl(APP_INDEX, 'http://localhost:5173')).toBe(false)
  })

  it('lets the app load its files and denies everything else, permissions included', () => {
    const registered: Record<string, (...args: never[]) => unknown> = {}
    const session = {
      setPermissionRequestHandler: (h: never) => (registered.permission = h),
      setPermissionCheckHandler: (h: never) => (registered.check = h),
      webRequest: { onBeforeRequest: (h: never) => (registered.request = h), onHeadersReceived: (h: never) => (registered.headers = h) }
    }
    lockDown(session as never, (url) => isAppUrl(url))
    const cancelled = (url: string): boolean | undefined => {
      let cancel: boolean | undefined
      ;(registered.request as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)({ url }, (r) => (cancel = r.cancel))
      return cancel
    }
    expect(cancelled(APP_INDEX)).toBe(false)
    expect(cancelled('app://galley/assets/index-C5lghsXV.js')).toBe(false)
    expect(cancelled('file:///C:/Program%20Files/Galley/resources/app.asar/out/renderer/index.html')).toBe(true)
    expect(cancelled('app://evil/x.js')).toBe(true)
    expect(cancelled('https://cdn.example.com/monaco.js')).toBe(true)
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      let granted: boolean | undefined
      ;(registered.permission as (wc: unknown, p: string, cb: (ok: boolean) => void, d: { requestingUrl: string }) => void)(null, permission, (ok) => (granted = ok), { requestingUrl: APP_INDEX })
      expect(granted, permission).toBe(false)
      expect((registered.check as (wc: unknown, p: string, origin: string) => boolean)(null, permission, 'app://galley')).toBe(false)
    }
  })

  it('serves the built renderer from a folder with spaces and Chinese in its path, and nothing beside it', async () => {
    const install = path.join(tempDir(), 'Program Files', '新闻 编辑部', 'out')
    const renderer = path.join(install, 'renderer')
    fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true })
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>')
    fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'export const ok = 1')
    fs.writeFileSync(path.join(renderer, 'assets', 'app.css'), 'body{}')
    fs.writeFileSync(path.join(install, 'secret.txt'), 'not for the page')
    const handle = appProtocolHandler(renderer)

    const index = await handle({ url: APP_INDEX, method: 'GET' })
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(index.headers.get('content-security-policy')).toBe(CSP)
    expect(await index.text()).toContain('./assets/app.js')
    const script = await handle({ url: 'app://galley/assets/app.js' })
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await handle({ url: 'app://galley/assets/app.css' })).headers.get('content-type')).toBe('text/css; charset=utf-8')
    for (const url of ['app://galley/../secret.txt', 'app://galley/%2e%2e/secret.txt', 'app://galley/..%5csecret.txt']) {
      const res = await handle({ url })
      expect(await res.text(), url).not.toContain('not for the page')
    }
    expect((await handle({ url: 'app://evil/index.html' })).status).toBe(403)
    expect((await handle({ url: 'app://galley/missing.js' })).status).toBe(404)
    expect((await handle({ url: APP_INDEX, method: 'POST' })).status).toBe(405)
  })

  it('registers app:// as a secure standard scheme, handles it, and never loads file://', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }])
    expect(APP_SCHEME_PRIVILEGES[0]!.privileges).not.toHaveProperty('bypassCSP')
    const shell = fs.readFileSync(path.join(root, 'src/main/index.ts'), 'utf8')
    expect(shell).toMatch(/protocol\.registerSchemesAsPrivileged\(APP_SCHEME_PRIVILEGES\)/)
    expect(shell).toMatch(/protocol\.handle\(APP_SCHEME, appProtocolHandler\(/)
    expect(shell).toMatch(/loadURL\(APP_INDEX\)/)
    expect(shell).not.toMatch(/loadFile\(|'file:\/\/'/)
  })

  it('packages with the GrantFileProtocolExtraPrivileges fuse off and the other fuses in their safe position', () => {
    const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { electronFuses: Record<string, boolean> }
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false
    })
  })
})
