import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { openDatabase, type Db } from '../../src/core/store/database'
import { createHandlers } from '../../src/core/services'
import { defaultProposer } from '../../src/core/pipeline/defaultProposer'
import { startServer, type RunningServer } from '../../src/server/server'

export const RENDERER_ROOT = path.resolve(__dirname, '../../out/renderer')
export const RESULTS_DIR = path.resolve(__dirname, '../../test-results')
export const CHROMIUM = process.env.GALLEY_CHROMIUM ?? '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

/** The UI tests drive the built renderer: say so plainly when it is missing. */
export function assertRendererBuilt(): void {
  if (!fs.existsSync(path.join(RENDERER_ROOT, 'index.html'))) {
    throw new Error(`out/renderer is missing: build it first (npx electron-vite build, or npm test, which builds before vitest)`)
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk`)
}

export interface BrowserApp {
  dir: string
  dbPath: string
  db: Db
  server: RunningServer
  browser: Browser
  page: Page
  /** Console errors and page errors seen so far. */
  errors: string[]
  /** Calls the API as the UI does, with the run's token. */
  call: <T>(method: string, args: unknown) => Promise<T>
  close: () => Promise<void>
}

/**
 * Browser mode over a fresh temp database, with Debian's Chromium on it. The pages are analysed
 * on the server's thread with the proposer the app uses; `workers: true` gives the app's
 * standard set-up instead, imports analysed on worker threads.
 */
export async function startApp(options: { locale?: string; workers?: boolean } = {}): Promise<BrowserApp> {
  assertRendererBuilt()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-ui-'))
  const dbPath = path.join(dir, 'galley.db')
  const db = openDatabase(dbPath)
  const handlers = createHandlers({ db, databasePath: dbPath, mode: 'browser', ...(options.workers ? {} : { propose: defaultProposer(db) }) })
  const server = await startServer({ handlers, rendererRoot: RENDERER_ROOT })
  const { browser, page, errors } = await launchBrowser(options)
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Galley-Token': server.token },
      body: JSON.stringify(args)
    })
    const body = (await res.json()) as { ok: boolean; result?: T; error?: { message: string } }
    if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
    return body.result as T
  }
  return {
    dir,
    dbPath,
    db,
    server,
    browser,
    page,
    errors,
    call,
    close: async () => {
      await browser.close().catch(() => undefined)
      await server.close()
      db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** Debian's Chromium with one page, recording console and page errors. */
export async function launchBrowser(options: { locale?: string } = {}): Promise<{ browser: Browser; page: Page; errors: string[] }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: false,
    // Playwright gives every launch a fresh temporary profile.
    args: CHROMIUM_ARGS
  })
  const context = await browser.newContext({ viewport: { width: 1600, height: 960 }, locale: options.locale ?? 'zh-CN' })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`)
  })
  return { browser, page, errors }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, `${name}.png`)
  await page.screenshot({ path: file })
  return file
}

/** The working text as the editor's model holds it (Monaco renders only the visible lines). */
export function workingText(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { galleyDebug: { workingText(): string } }).galleyDebug.workingText())
}
