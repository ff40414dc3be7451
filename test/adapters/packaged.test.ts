import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { _electron as electron } from 'playwright-core'
import { describe, expect, it } from 'vitest'

// Smoke test of the packaged desktop app (npm run package): it starts, loads its UI from
// app://galley/ with the fuses flipped, and answers IPC. It needs an Electron runtime, which
// cannot be downloaded on every machine (ELECTRON_SKIP_BINARY_DOWNLOAD): there it is skipped
// and says why. Nothing stands in for Electron here.

const root = path.resolve(__dirname, '../..')

function electronRuntime(): string | null {
  try {
    const binary = createRequire(__filename)('electron') as unknown
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

function packagedApp(): string | null {
  const candidates = [
    path.join(root, 'dist', 'linux-unpacked', 'galley'),
    path.join(root, 'dist', 'win-unpacked', 'Galley.exe'),
    path.join(root, 'dist', 'mac', 'Galley.app', 'Contents', 'MacOS', 'Galley'),
    path.join(root, 'dist', 'mac-arm64', 'Galley.app', 'Contents', 'MacOS', 'Galley')
  ]
  return candidates.find((file) => fs.existsSync(file)) ?? null
}

const runtime = electronRuntime()
const packaged = packagedApp()
const why = !runtime
  ? 'no Electron runtime on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)'
  : !packaged
    ? 'no packaged build in dist/ (run npm run package first)'
    : null

describe('the packaged desktop app', () => {
  if (why) console.warn(`packaged-build smoke test skipped: ${why}`)

  it.skipIf(why !== null)('starts, loads its UI from app://galley/ and answers IPC', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-packaged-'))
    const app = await electron.launch({
      executablePath: packaged!,
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), APPDATA: path.join(home, 'AppData') }
    })
    try {
      const window = await app.firstWindow()
      await window.waitForLoadState('domcontentloaded')
      expect(window.url()).toBe('app://galley/index.html')
      const info = await window.evaluate(async () => {
        const bridge = (window as unknown as { galley: Record<string, (a: unknown) => Promise<{ ok: boolean; result?: { mode: string } }>> }).galley
        return bridge.appInfo!({})
      })
      expect(info).toMatchObject({ ok: true, result: { mode: 'desktop' } })
      // The module script and the stylesheet ran: the workbench is on screen.
      await window.locator('#root *').first().waitFor({ timeout: 30_000 })
    } finally {
      await app.close()
      fs.rmSync(home, { recursive: true, force: true })
    }
  }, 120_000)
})
