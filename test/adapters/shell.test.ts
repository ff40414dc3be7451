import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { windowOptions } from '../../src/main/windowOptions'
import { lockDown, lockDownContents } from '../../src/main/security'
import { CSP } from '../../src/shared/csp'
import { menuTemplate } from '../../src/main/menu'

// Electron's runtime cannot run here: these tests check the settings the shell hands to it,
// with stand-ins for the session and web contents that record what the shell registers.

const root = path.resolve(__dirname, '../..')

describe('desktop shell', () => {
  it('opens the window isolated, sandboxed, without Node', () => {
    const prefs = windowOptions('/app/preload.js').webPreferences!
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/preload.js'
    })
  })

  it('uses a CSP without unsafe-eval or remote sources, in the headers and the page', () => {
    expect(CSP).not.toMatch(/unsafe-eval/)
    expect(CSP).toMatch(/default-src 'self'/)
    expect(CSP).toMatch(/script-src 'self'(;|$)/)
    expect(CSP).not.toMatch(/https?:/)
    const html = fs.readFileSync(path.join(root, 'src/renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBeTruthy()
    expect(meta).not.toMatch(/unsafe-eval/)
    expect(meta).toMatch(/script-src 'self'/)
  })

  it('denies permissions, remote requests, navigation and new windows', () => {
    const registered: Record<string, (...args: never[]) => unknown> = {}
    const session = {
      setPermissionRequestHandler: (h: never) => (registered.permission = h),
      setPermissionCheckHandler: (h: never) => (registered.check = h),
      webRequest: {
        onBeforeRequest: (h: never) => (registered.request = h),
        onHeadersReceived: (h: never) => (registered.headers = h)
      }
    }
    lockDown(session as never, (url) => url.startsWith('file:///app/'))
    let granted: boolean | undefined
    ;(registered.permission as (wc: unknown, p: string, cb: (ok: boolean) => void) => void)(null, 'media', (ok) => (granted = ok))
    expect(granted).toBe(false)
    expect((registered.check as () => boolean)()).toBe(false)
    const decide = (url: string): boolean | undefined => {
      let cancel: boolean | undefined
      ;(registered.request as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)({ url }, (r) => (cancel = r.cancel))
      return cancel
    }
    expect(decide('https://cdn.example.com/monaco.js')).toBe(true)
    expect(decide('http://127.0.0.1:8080/')).toBe(true)
    expect(decide('file:///app/index.html')).toBe(false)
    let headers: Record<string, string[]> | undefined
    ;(registered.headers as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)(
      { responseHeaders: {} },
      (r) => (headers = r.responseHeaders)
    )
    expect(headers?.['Content-Security-Policy']).toEqual([CSP])

    const events: Record<string, (e: { preventDefault: () => void }) => void> = {}
    let openHandler: (() => { action: string }) | undefined
    const contents = {
      on: (name: string, h: (e: { preventDefault: () => void }) => void) => (events[name] = h),
      setWindowOpenHandler: (h: () => { action: string }) => (openHandler = h)
    }
    lockDownContents(contents as never)
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false
      events[name]!({ preventDefault: () => (prevented = true) })
      expect(prevented).toBe(true)
    }
    expect(openHandler!()).toEqual({ action: 'deny' })
  })

  it('flips the Electron fuses when packaging', () => {
    const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { electronFuses: Record<string, boolean>; asar: boolean }
    expect(config.asar).toBe(true)
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true
    })
  })

  it('has the menus an editor expects', () => {
    const template = menuTemplate({ importFiles: () => undefined, importFolder: () => undefined, send: () => undefined, isMac: false })
    const labels = template.map((m) => m.label ?? m.role)
    expect(labels).toEqual(['File', 'editMenu', 'View', 'help'])
    const file = template[0]!.submenu as { label?: string }[]
    expect(file.map((i) => i.label)).toContain('Import Files…')
  })

  it('exposes one named function per API method and nothing else from the preload', () => {
    const preload = fs.readFileSync(path.join(root, 'src/preload/index.ts'), 'utf8')
    expect(preload).toMatch(/API_METHOD_NAMES/)
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/)
  })
})
