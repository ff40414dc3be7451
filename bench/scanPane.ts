// Opening the scan pane on a 6,000 × 9,000 px scan, in Chromium on browser mode: from the click on
// the page in the sidebar to OpenSeadragon's full-detail frame (data-drawn on the viewer), for a
// PNG and a JPEG (the JPEG made by ImageMagick's convert when it is installed, else left out).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { openDatabase } from '../src/core/store/database'
import { createHandlers } from '../src/core/services'
import { importPaths } from '../src/core/import/importer'
import { encodePng } from '../src/core/media/png'
import { startServer } from '../src/server/server'
import type { PageSummary } from '../src/shared/types'
import { CHROMIUM, launchBrowser, RENDERER_ROOT } from '../test/support/browser'
import { mulberry32 } from './synthetic/prng'
import { quantile } from './stats'

const WIDTH = 6000
const HEIGHT = 9000

/** A grey page like a newspaper scan: paper noise, columns of dark glyph-sized blocks. */
function syntheticScan(seed: number): Buffer {
  const rng = mulberry32(seed)
  const random = (): number => rng.next()
  const data = new Uint8Array(WIDTH * HEIGHT)
  for (let i = 0; i < data.length; i++) data[i] = 225 + Math.floor(random() * 20)
  const glyph = 48
  for (let col = 0; col < 5; col++) {
    const x0 = 200 + col * 1140
    for (let y = 300; y + glyph < HEIGHT - 300; y += glyph + 16) {
      for (let x = x0; x + glyph < x0 + 1080; x += glyph + 4) {
        if (random() < 0.08) continue
        for (let dy = 4; dy < glyph - 4; dy += 1 + Math.floor(random() * 3)) {
          const row = (y + dy) * WIDTH
          for (let dx = 4; dx < glyph - 4; dx++) if (random() < 0.35) data[row + x + dx] = 20 + Math.floor(random() * 60)
        }
      }
    }
  }
  return encodePng({ width: WIDTH, height: HEIGHT, channels: 1, data })
}

export async function scanPaneBench(opens: number): Promise<Record<string, unknown>> {
  if (!fs.existsSync(path.join(RENDERER_ROOT, 'index.html'))) return { skipped: 'out/renderer is missing: npm run build' }
  if (!fs.existsSync(CHROMIUM)) return { skipped: `Chromium not found at ${CHROMIUM}` }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-bench-scan-'))
  try {
    const input = path.join(dir, 'in')
    fs.mkdirSync(input)
    const png = syntheticScan(11)
    fs.writeFileSync(path.join(input, '大幅_2026-01-01_01版.png'), png)
    fs.writeFileSync(path.join(input, '大幅_2026-01-01_01版.txt'), '头版\n\n正文。\n')
    fs.writeFileSync(path.join(input, '大幅_2026-01-01_02版.txt'), '二版\n\n正文。\n')
    let jpegBytes = 0
    try {
      execFileSync('convert', [path.join(input, '大幅_2026-01-01_01版.png'), '-quality', '85', path.join(input, '大幅_2026-01-01_03版.jpg')], { stdio: 'ignore' })
      jpegBytes = fs.statSync(path.join(input, '大幅_2026-01-01_03版.jpg')).size
      fs.writeFileSync(path.join(input, '大幅_2026-01-01_03版.txt'), '三版\n\n正文。\n')
    } catch {
      // no ImageMagick: the PNG alone
    }
    const dbPath = path.join(dir, 'galley.db')
    const db = openDatabase(dbPath, { noBackup: true })
    const report = await importPaths(db, [input], {})
    if (report.failed > 0) throw new Error(report.items.map((i) => i.reason).join('; '))
    const handlers = createHandlers({ db, databasePath: dbPath, mode: 'browser' })
    const server = await startServer({ handlers, rendererRoot: RENDERER_ROOT })
    const { browser, page } = await launchBrowser()
    try {
      const pages = await handlers.listPages({})
      const bySource = (suffix: string): PageSummary | undefined => pages.find((p) => p.sourceName.endsWith(suffix))
      const textOnly = bySource('02版.txt')!
      await page.goto(server.url)
      await page.locator('.page-row').first().waitFor()
      const open = async (pageId: number): Promise<void> => {
        await page.locator(`[data-page-id="${pageId}"]`).click()
        await page.locator(`[data-page-id="${pageId}"][aria-current="page"]`).waitFor()
      }
      const time = async (pageId: number): Promise<number> => {
        await open(textOnly.id)
        await page.getByTestId('scan-pane').waitFor({ state: 'detached' })
        const started = performance.now()
        await page.locator(`[data-page-id="${pageId}"]`).click()
        await page.waitForSelector('[data-testid="scan-view"][data-drawn]', { timeout: 60_000 })
        return performance.now() - started
      }
      const out: Record<string, unknown> = { width: WIDTH, height: HEIGHT, pngMB: png.length / 1e6, jpegMB: jpegBytes / 1e6 }
      for (const [kind, suffix] of [['png', '01版.txt'], ['jpeg', '03版.txt']] as const) {
        const target = bySource(suffix)
        if (!target) continue
        await time(target.id) // warm-up: the renderer's code, the decoder
        const ms: number[] = []
        for (let i = 0; i < opens; i++) ms.push(await time(target.id))
        out[kind] = { n: ms.length, p50: quantile(ms, 0.5), min: Math.min(...ms), max: Math.max(...ms) }
      }
      return out
    } finally {
      await browser.close().catch(() => undefined)
      await server.close()
      db.close()
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
