// Opening the scan pane on a 6,000 × 9,000 px scan, in Chromium on browser mode: from the click on
// the page in the sidebar to OpenSeadragon's first complete frame (data-drawn on the viewer), for a
// PNG and a JPEG (the JPEG made by ImageMagick's convert when it is installed, else left out).
// Each round, under the same load, times the ways a large scan is shown:
// - where core makes nothing (no sharp; Node derivation turned off here): the first view decodes
//   the whole scan and the workbench makes its preview in a worker; the next opens from that
//   preview, and zooming in to the scan's pixels fetches the scan and draws it over the preview;
// - with Node: nothing derived yet (a scan opened before the import's background job came to it),
//   drawn whole while core makes its preview and pyramid (timed until both are stored); then, as
//   after the job, from its preview, and zooming in draws the pyramid's tiles over it.
// Zooms are timed from the last wheel notch to that view at rest at full detail (the scan drawn
// over the preview, or every tile of the view drawn: data-complete), with the bytes fetched. The floor is a page with a
// 1,365 × 2,048 JPEG scan drawn as it is.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { openDatabase } from '../src/core/store/database'
import { createHandlers } from '../src/core/services'
import { importPaths } from '../src/core/import/importer'
import { encodePng } from '../src/core/media/png'
import { mediaFolder, previewPath } from '../src/core/media/mediaStore'
import { pyramidPath, setNodeDerivation } from '../src/core/media/derive'
import { derivationsSettled } from '../src/core/media/derivations'
import { startServer } from '../src/server/server'
import type { PageSummary } from '../src/shared/types'
import type { Page } from 'playwright-core'
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

/**
 * Zooms in with the mouse wheel to the scan's own pixels; the ms from the last notch until the
 * view has come to rest at full detail (every tile of it drawn, or, from a preview, the scan itself
 * over it), and the bytes of scan the workbench fetched for it.
 */
async function zoomIn(page: Page, until: 'tiles' | 'full'): Promise<{ ms: number; bytes: number }> {
  const view = page.getByTestId('scan-view')
  const box = (await view.boundingBox())!
  let bytes = 0
  const count = (response: import('playwright-core').Response): void => {
    if (response.url().endsWith('/api/getPageImage')) bytes += Number(response.headers()['content-length'] ?? 0)
  }
  page.on('response', count)
  try {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3)
    // from fitted (about a tenth of the scan's pixels a screen pixel) to 1:1 and a little past
    for (let i = 0; i < 14; i++) {
      await page.mouse.wheel(0, -120)
      await page.waitForTimeout(40)
    }
    const last = performance.now()
    await page.waitForTimeout(30)
    const detail = until === 'tiles' ? '[data-detail="tiles"][data-complete="1"]' : '[data-detail="full"]'
    await page.waitForSelector(`[data-testid="scan-view"]${detail}[data-moving="0"]`, { timeout: 60_000 })
    return { ms: performance.now() - last, bytes }
  } finally {
    page.off('response', count)
  }
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
      // the floor: a scan of the preview's size (2,048 pixels high), drawn as it is
      execFileSync('convert', [path.join(input, '大幅_2026-01-01_01版.png'), '-resize', 'x2048', '-quality', '85', path.join(input, '大幅_2026-01-01_04版.jpg')], { stdio: 'ignore' })
      fs.writeFileSync(path.join(input, '大幅_2026-01-01_04版.txt'), '四版\n\n正文。\n')
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
      const floorPage = bySource('04版.txt')
      if (floorPage) {
        await time(floorPage.id)
        const floor: number[] = []
        for (let i = 0; i < opens; i++) floor.push(await time(floorPage.id))
        out.floor = { n: floor.length, p50: quantile(floor, 0.5), min: Math.min(...floor), max: Math.max(...floor) }
      }
      const stats = (ms: number[]): { n: number; p50: number; min: number; max: number } => ({ n: ms.length, p50: quantile(ms, 0.5), min: Math.min(...ms), max: Math.max(...ms) })
      for (const [kind, suffix] of [['png', '01版.txt'], ['jpeg', '03版.txt']] as const) {
        const target = bySource(suffix)
        if (!target) continue
        const scanInfo = (await handlers.getPageScan({ pageId: target.id })).image!
        const folder = mediaFolder(dbPath)
        const removeDerived = (): void => {
          fs.rmSync(previewPath(folder, scanInfo.sha256), { force: true })
          fs.rmSync(pyramidPath(folder, scanInfo.sha256), { force: true })
        }
        const waitForPreview = async (): Promise<number> => {
          const started = performance.now()
          while ((await handlers.getPageScan({ pageId: target.id })).image?.preview === null) {
            if (performance.now() - started > 60_000) throw new Error(`no preview of the ${kind} scan after 60 s`)
            await new Promise((resolve) => setTimeout(resolve, 50))
          }
          return performance.now() - started
        }
        const detail = (): Promise<string | null> => page.getByTestId('scan-view').getAttribute('data-detail')
        const whole: number[] = []
        const stored: number[] = []
        const first: number[] = []
        const pyramid: number[] = []
        const tiles: number[] = []
        const zoom: number[] = []
        const fromPreview: number[] = []
        const zoomFull: number[] = []
        const zoomFullBytes: number[] = []
        const zoomTilesBytes: number[] = []
        for (let i = 0; i <= opens; i++) {
          // where core makes nothing: drawn whole, the preview made by the workbench's worker
          removeDerived()
          setNodeDerivation(false)
          let w: number
          let s: number
          try {
            w = await time(target.id)
            if ((await detail()) !== 'full') throw new Error(`${kind}: drawn from ${await detail()}, not whole`)
            s = w + (await waitForPreview())
            // from the preview the workbench made: zoomed in, the scan itself is fetched and drawn over it
            const p = await time(target.id)
            if ((await detail()) !== 'preview') throw new Error(`${kind}: drawn from ${await detail()}, not the workbench's preview`)
            fromPreview.push(p)
            const zf = await zoomIn(page, 'full')
            zoomFull.push(zf.ms)
            zoomFullBytes.push(zf.bytes)
          } finally {
            setNodeDerivation(true)
          }
          // nothing derived yet: drawn whole, core makes the preview and the pyramid next
          removeDerived()
          const f = await time(target.id)
          if ((await detail()) !== 'full') throw new Error(`${kind}: first view drawn from ${await detail()}, not whole`)
          const settleFrom = performance.now()
          await derivationsSettled()
          const p = f + (performance.now() - settleFrom)
          // as after the import's job: from the preview, then zoomed in to the scan's pixels from the tiles
          const t = await time(target.id)
          if ((await detail()) !== 'preview') throw new Error(`${kind}: drawn from ${await detail()}, not the preview core made`)
          const zt = await zoomIn(page, 'tiles')
          const z = zt.ms
          if (i === 0) {
            // warm-up: the renderer's code, the decoders, the worker, sharp
            fromPreview.pop()
            zoomFull.pop()
            zoomFullBytes.pop()
            continue
          }
          whole.push(w)
          stored.push(s)
          first.push(f)
          pyramid.push(p)
          tiles.push(t)
          zoom.push(z)
          zoomTilesBytes.push(zt.bytes)
        }
        out[kind] = {
          whole: stats(whole),
          previewStoredAfter: stats(stored),
          fromPreview: stats(fromPreview),
          zoomFull: stats(zoomFull),
          firstView: stats(first),
          pyramidStoredAfter: stats(pyramid),
          tiles: stats(tiles),
          zoomTiles: stats(zoom),
          zoomFullMB: quantile(zoomFullBytes, 0.5) / 1e6,
          zoomTilesMB: quantile(zoomTilesBytes, 0.5) / 1e6
        }
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
