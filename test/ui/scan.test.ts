import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { Page } from 'playwright-core'
import type { PageScanInfo } from '../../src/shared/api'
import type { ImportReport, PageSummary } from '../../src/shared/types'
import { screenshot, startApp, workingText, type BrowserApp } from '../support/browser'
import { listSuggestions, replaceOpenSuggestions } from '../../src/core/store/queries/suggestions'
import { rangeBox } from '../../src/renderer/src/scan/scanGeometry'
import { setNodeDerivation } from '../../src/core/media/derive'
import { derivationsSettled } from '../../src/core/media/derivations'

// The scan pane in the real browser: a Tesseract ALTO page imported with its scan through the
// same upload the import dialog uses, OpenSeadragon on the scan's bytes, the line under the
// cursor outlined, a click on the scan moving the cursor, keyboard zoom, Alt+I hiding it.
const OCR = path.resolve(__dirname, '../fixtures/ocr')
const P3 = '示例晚报_2026-03-05_03版'

let app: BrowserApp
let scanPageId: number
let textPageId: number
let scan: PageScanInfo

function upload(name: string, bytes: Buffer): { name: string; dataBase64: string } {
  return { name, dataBase64: bytes.toString('base64') }
}

async function openPage(page: Page, pageId: number): Promise<void> {
  await page.locator(`[data-page-id="${pageId}"]`).click()
  await page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')
}

function cursorOffset(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { galleyDebug: { cursorOffset(): number } }).galleyDebug.cursorOffset())
}

/** Where a point of the scan (in the geometry's units) is on the screen, with the page fitted in the viewer. */
async function onScreen(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId('scan-view').boundingBox())!
  const geometry = scan.geometry!
  const scale = Math.min(box.width / geometry.width, box.height / geometry.height)
  return { x: box.x + (box.width - geometry.width * scale) / 2 + x * scale, y: box.y + (box.height - geometry.height * scale) / 2 + y * scale }
}

beforeAll(async () => {
  app = await startApp()
  const report = await app.call<ImportReport>('importFiles', {
    edition: '扫描件',
    files: [
      upload(`${P3}.alto.xml`, fs.readFileSync(path.join(OCR, `${P3}.alto.xml`))),
      upload(`${P3}.jpg`, fs.readFileSync(path.join(OCR, `${P3}.jpg`))),
      upload('示例晚报_2026-03-05_04版.txt', Buffer.from('社区举办春季义诊活动\n\n本报讯（记者 田野）三月四日，城东社区卫生服务中心举办义诊。\n'))
    ]
  })
  expect(report.failed).toBe(0)
  const pages = await app.call<PageSummary[]>('listPages', {})
  scanPageId = pages.find((p) => p.sourceName.endsWith('.alto.xml'))!.id
  textPageId = pages.find((p) => p.sourceName.endsWith('.txt'))!.id
  scan = await app.call<PageScanInfo>('getPageScan', { pageId: scanPageId })
  expect(scan.image?.mediaType).toBe('image/jpeg')
  // three open suggestions on characters of three printed lines (the marks are what is tested here, not the detector)
  const rev = (app.db.prepare('SELECT current_revision_id AS rev FROM pages WHERE id = ?').get(scanPageId) as { rev: number }).rev
  const seeds = [3, 12, 25].map((n) => {
    const line = scan.geometry!.lines.filter((l) => l.box && l.end - l.start > 4)[n]!
    const at = line.start + 2
    return { rule: 'typo', start: at, end: at + 1, original: scan.originalText[at]!, replacement: '〇', confidence: 0.5, message: 'test' }
  })
  app.db.transaction(() => replaceOpenSuggestions(app.db, scanPageId, rev, seeds))()
  await app.page.goto(app.server.url)
  await app.page.locator('.page-row').first().waitFor()
}, 120_000)

afterAll(async () => {
  await app?.close()
})

describe('the scan pane', () => {
  it('shows the scan beside the text, outlines the line under the cursor, and a click on a line moves the cursor there', async () => {
    const { page } = app
    await openPage(page, scanPageId)
    await page.getByTestId('scan-pane').waitFor()
    await page.waitForSelector('.scan-view .openseadragon-canvas canvas', { timeout: 30_000 })
    // the line printed at the top of the third column: 十届市民文化节将于四月中
    const index = scan.geometry!.lines.findIndex((l) => scan.originalText.slice(l.start, l.end).startsWith('十届市民文化节'))
    expect(index).toBeGreaterThan(0)
    const [bx, by, bw, bh] = scan.geometry!.lines[index]!.box!
    const target = await onScreen(page, bx + bw / 3, by + bh / 2)
    // OpenSeadragon draws once its image is in: wait for the first frame
    await page.waitForTimeout(500)
    await page.mouse.click(target.x, target.y)
    await expect.poll(async () => (await workingText(page)).slice(await cursorOffset(page), (await cursorOffset(page)) + 7), { timeout: 10_000 }).toBe('十届市民文化节')
    const outline = page.getByTestId('scan-line')
    await outline.waitFor()
    expect(await outline.getAttribute('data-line')).toBe(String(index))
    // the outline sits on the printed line
    const drawn = (await outline.boundingBox())!
    const top = await onScreen(page, bx, by)
    expect(Math.abs(drawn.x - top.x)).toBeLessThan(6)
    expect(Math.abs(drawn.y - top.y)).toBeLessThan(6)
    await screenshot(page, 'scan-pane')

    // moving the cursor by keyboard moves the outline: End goes to the end of the paragraph, a later printed line
    // (End goes to the end of the wrapped row first, a second End to the end of the paragraph)
    await page.keyboard.press('End')
    await page.keyboard.press('End')
    await expect.poll(async () => Number(await outline.getAttribute('data-line'))).toBeGreaterThan(index)
  })

  it('marks each open suggestion where it is printed, the one at the cursor highlighted', async () => {
    const { page } = app
    const open = listSuggestions(app.db, scanPageId)
    expect(open).toHaveLength(3)
    const marks = page.getByTestId('scan-suggestion')
    await expect.poll(() => marks.count(), { timeout: 10_000 }).toBe(3)
    for (const s of open) {
      const mark = page.locator(`[data-testid="scan-suggestion"][data-suggestion-id="${s.id}"]`)
      const drawn = (await mark.boundingBox())!
      const [x, y] = rangeBox(scan.geometry!, s.start, s.end)!
      const at = await onScreen(page, x, y)
      expect(Math.abs(drawn.x - at.x)).toBeLessThan(6)
      expect(Math.abs(drawn.y - at.y)).toBeLessThan(6)
    }
    // F8 goes to the first suggestion: its mark becomes the current one, and only it
    await page.locator('.modified-in-monaco-diff-editor .view-lines').click()
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('F8')
    const first = [...open].sort((a, b) => a.start - b.start)[0]!
    await expect.poll(() => page.locator('[data-testid="scan-suggestion"][data-current="1"]').getAttribute('data-suggestion-id'), { timeout: 5000 }).toBe(String(first.id))
    expect(await page.locator('[data-testid="scan-suggestion"][data-current="1"]').count()).toBe(1)
    await page.keyboard.press('Escape')
    await screenshot(page, 'scan-suggestions')
  })

  it('zooms and pans by keyboard', async () => {
    const { page } = app
    const outline = page.getByTestId('scan-line')
    const before = (await outline.boundingBox())!
    await page.locator('.scan-view .openseadragon-canvas').focus()
    // OpenSeadragon zooms and pans while a key is held
    for (let k = 0; k < 6; k++) {
      await page.keyboard.press('Equal')
      await page.waitForTimeout(150)
    }
    await expect.poll(async () => (await outline.boundingBox())!.width, { timeout: 5000 }).toBeGreaterThan(before.width * 1.15)
    const zoomed = (await outline.boundingBox())!
    for (let k = 0; k < 4; k++) {
      await page.keyboard.press('ArrowRight')
      await page.waitForTimeout(100)
    }
    await expect.poll(async () => Math.abs((await outline.boundingBox())!.x - zoomed.x), { timeout: 5000 }).toBeGreaterThan(10)
  })

  it('hides and shows with Alt+I, and a page without a scan has no pane', async () => {
    const { page } = app
    await page.keyboard.press('Alt+I')
    await page.getByTestId('scan-pane').waitFor({ state: 'detached' })
    expect(await page.getByTestId('scan-toggle').innerText()).toContain('显示扫描件')
    await page.keyboard.press('Alt+I')
    await page.getByTestId('scan-pane').waitFor()
    await openPage(page, textPageId)
    await page.getByTestId('scan-pane').waitFor({ state: 'detached' })
    expect(app.errors.filter((e) => !/favicon/.test(e)), app.errors.join('\n')).toEqual([])
  })
})

describe('TIFF and PDF scans', () => {
  it('shows a TIFF scan (decoded to PNG in core, sent as bytes) and says plainly that a PDF is stored but not shown', async () => {
    const { page } = app
    const tiff = fs.readFileSync(path.resolve(__dirname, '../fixtures/tiff/grey-LZW.tif'))
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
    const report = await app.call<ImportReport>('importFiles', {
      edition: '扫描格式',
      files: [
        upload('日报_2026-05-01_01版.txt', Buffer.from('头版标题\n\n正文一段。\n')),
        upload('日报_2026-05-01_01版.tif', tiff),
        upload('日报_2026-05-01_02版.txt', Buffer.from('二版标题\n\n正文二段。\n')),
        upload('日报_2026-05-01_02版.pdf', pdf)
      ]
    })
    expect(report.failed, JSON.stringify(report.items)).toBe(0)
    const pages = await app.call<PageSummary[]>('listPages', {})
    const tiffPage = pages.find((p) => p.sourceName === '日报_2026-05-01_01版.txt')!
    const pdfPage = pages.find((p) => p.sourceName === '日报_2026-05-01_02版.txt')!
    // the HTTP API answers the image with its bytes, a PNG of the TIFF's 200 × 120 pixels
    const res = await fetch(`http://127.0.0.1:${app.server.port}/api/getPageImage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Galley-Token': app.server.token },
      body: JSON.stringify({ pageId: tiffPage.id })
    })
    expect(res.headers.get('content-type')).toBe('image/png')
    const png = Buffer.from(await res.arrayBuffer())
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([200, 120])

    await page.reload()
    await page.locator('.page-row').first().waitFor()
    await openPage(page, tiffPage.id)
    await page.getByTestId('scan-pane').waitFor()
    await page.waitForSelector('.scan-view .openseadragon-canvas canvas', { timeout: 30_000 })
    // OpenSeadragon has drawn the image, of the TIFF's size, and no error is shown
    await expect.poll(() => page.getByTestId('scan-view').getAttribute('data-drawn'), { timeout: 30_000 }).toBe('200x120')
    expect(await page.locator('.scan-pane .error').count()).toBe(0)
    expect(await page.locator('.scan-pane .empty').count()).toBe(0)

    await openPage(page, pdfPage.id)
    await expect.poll(() => page.locator('.scan-pane .empty').innerText(), { timeout: 10_000 }).toContain('PDF')
    expect(await page.getByTestId('scan-view').count()).toBe(0)
  }, 60_000)
})

describe('a large scan', () => {
  // Where core cannot make previews (no sharp on the platform): the workbench's own fallback.
  it('is drawn whole the first time, then from the preview the workbench stored beside it; zooming in draws the scan itself over it', async () => {
    setNodeDerivation(false)
    onTestFinished(() => setNodeDerivation(true))
    const { page } = app
    // 3,000 × 2,400 grey with dark bands of "print": above the size that gets a preview
    const [width, height] = [3000, 2400]
    const data = new Uint8Array(width * height).fill(235)
    for (let y = 100; y < height - 100; y += 60) for (let x = 100 + (y % 120); x < width - 100; x += 7) data.fill(40, y * width + x, y * width + x + 4)
    for (let y = 100; y < height - 100; y += 60) for (let r = 1; r < 30; r++) data.copyWithin((y + r) * width, y * width, (y + 1) * width)
    const { encodePng } = await import('../../src/core/media/png')
    const png = encodePng({ width, height, channels: 1, data })
    const report = await app.call<ImportReport>('importFiles', {
      edition: '大幅',
      files: [upload('大幅_2026-06-01_01版.txt', Buffer.from('大幅头版标题\n\n大幅扫描件的正文。\n')), upload('大幅_2026-06-01_01版.png', png)]
    })
    expect(report.failed, JSON.stringify(report.items)).toBe(0)
    const large = (await app.call<PageSummary[]>('listPages', {})).find((p) => p.sourceName === '大幅_2026-06-01_01版.txt')!
    const first = await app.call<PageScanInfo>('getPageScan', { pageId: large.id })
    expect(first.image?.preview).toBeNull()
    expect(first.image?.previewWanted).toEqual({ width: 2048, height: 1638 })
    const original = fs.readFileSync(path.join(path.dirname(app.dbPath), 'media', first.image!.sha256.slice(0, 2), `${first.image!.sha256}.png`))

    await page.reload()
    await page.locator('.page-row').first().waitFor()
    await openPage(page, large.id)
    const view = page.getByTestId('scan-view')
    await expect.poll(() => view.getAttribute('data-drawn'), { timeout: 30_000 }).toBe('3000x2400')
    expect(await view.getAttribute('data-detail')).toBe('full')
    // the workbench makes the preview in a worker and core stores it beside the scan
    await expect.poll(async () => (await app.call<PageScanInfo>('getPageScan', { pageId: large.id })).image?.preview, { timeout: 30_000 }).toEqual({ width: 2048, height: 1638 })
    const previewFile = path.join(path.dirname(app.dbPath), 'media', first.image!.sha256.slice(0, 2), `${first.image!.sha256}.preview.jpg`)
    expect(fs.readFileSync(previewFile).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))

    // the next time: the preview is drawn, and the scan itself only once the view needs it
    await openPage(page, textPageId)
    await page.getByTestId('scan-pane').waitFor({ state: 'detached' })
    await openPage(page, large.id)
    await expect.poll(() => view.getAttribute('data-drawn'), { timeout: 30_000 }).toBe('2048x1638')
    expect(await view.getAttribute('data-detail')).toBe('preview')
    await screenshot(page, 'scan-large-preview')
    const box = (await view.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    for (let i = 0; i < 30 && (await view.getAttribute('data-detail')) === 'preview'; i++) {
      await page.mouse.wheel(0, -120)
      await page.waitForTimeout(100)
    }
    await expect.poll(() => view.getAttribute('data-detail'), { timeout: 30_000 }).toBe('full')
    await screenshot(page, 'scan-large-zoomed')
    // keyboard zoom and pan still work on the preview and the scan over it
    await page.locator('.scan-view .openseadragon-canvas').focus()
    await page.keyboard.press('Digit0')
    expect(await page.locator('.scan-pane .error').count()).toBe(0)
    // the original scan is as it was imported
    expect(fs.readFileSync(path.join(path.dirname(app.dbPath), 'media', first.image!.sha256.slice(0, 2), `${first.image!.sha256}.png`)).equals(original)).toBe(true)
    expect(app.errors.filter((e) => !/favicon/.test(e)), app.errors.join('\n')).toEqual([])
  }, 120_000)
})

describe('a 6,000 × 9,000 scan with its tile pyramid', () => {
  it('is drawn from the preview core made after the import, and zoomed in from its tiles, never decoding the whole scan', async () => {
    const { page } = app
    const sharp = (await import('sharp')).default
    // the fixture page scaled to 6,000 × 9,000, as a 600 dpi broadsheet scan is
    const jpeg = await sharp(path.join(OCR, `${P3}.jpg`)).resize(6000, 9000, { fit: 'fill' }).jpeg({ quality: 85 }).toBuffer()
    const report = await app.call<ImportReport>('importFiles', {
      edition: '瓦片',
      files: [upload('瓦片_2026-08-01_01版.txt', Buffer.from('瓦片头版标题\n\n瓦片扫描件的正文。\n')), upload('瓦片_2026-08-01_01版.jpg', jpeg)]
    })
    expect(report.failed, JSON.stringify(report.items)).toBe(0)
    // the background job that follows the import
    await derivationsSettled()
    const tiled = (await app.call<PageSummary[]>('listPages', {})).find((p) => p.sourceName === '瓦片_2026-08-01_01版.txt')!
    const info = await app.call<PageScanInfo>('getPageScan', { pageId: tiled.id })
    expect(info.image?.tiles).toEqual({ width: 6000, height: 9000, tileSize: 512, overlap: 1, format: 'jpeg' })

    const asked: { pageId: number; tile?: { level: number }; preview?: boolean }[] = []
    const record = (request: import('playwright-core').Request): void => {
      if (request.url().endsWith('/api/getPageImage')) asked.push(JSON.parse(request.postData() ?? '{}') as (typeof asked)[number])
    }
    await page.reload()
    await page.locator('.page-row').first().waitFor()
    page.on('request', record)
    try {
      await openPage(page, tiled.id)
      const view = page.getByTestId('scan-view')
      // fitted: its preview, one request of 2.8 million pixels
      await expect.poll(() => view.getAttribute('data-drawn'), { timeout: 30_000 }).toBe('1365x2048')
      expect(await view.getAttribute('data-detail')).toBe('preview')
      await screenshot(page, 'scan-tiles-fitted')
      expect(asked).toEqual([{ pageId: tiled.id, preview: true }])

      // zoomed in to the scan's own pixels: tiles of the top levels drawn over it, never the whole scan
      const box = (await view.boundingBox())!
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3)
      for (let i = 0; i < 24; i++) {
        await page.mouse.wheel(0, -120)
        await page.waitForTimeout(60)
      }
      await expect.poll(() => view.getAttribute('data-detail'), { timeout: 30_000 }).toBe('tiles')
      await expect.poll(() => view.getAttribute('data-complete'), { timeout: 30_000 }).toBe('1')
      const tileRequests = asked.slice(1)
      expect(tileRequests.length).toBeGreaterThan(0)
      expect(tileRequests.every((a) => a.tile !== undefined)).toBe(true)
      expect(Math.max(...tileRequests.map((a) => a.tile!.level))).toBeGreaterThanOrEqual(13)
      // only what the view shows: a scan's top level alone has 216 tiles
      expect(tileRequests.filter((a) => a.tile!.level === 14).length).toBeLessThan(60)
      await screenshot(page, 'scan-tiles-zoomed')
      // the keyboard still fits the page, and nothing went wrong on the way
      await page.locator('.scan-view .openseadragon-canvas').focus()
      await page.keyboard.press('Digit0')
      expect(await page.locator('.scan-pane .error').count()).toBe(0)
    } finally {
      page.off('request', record)
    }
    // the scan itself is as it was imported
    expect(fs.readFileSync(path.join(path.dirname(app.dbPath), 'media', info.image!.sha256.slice(0, 2), `${info.image!.sha256}.jpg`)).equals(jpeg)).toBe(true)
    expect(app.errors.filter((e) => !/favicon/.test(e)), app.errors.join('\n')).toEqual([])
  }, 180_000)
})

describe('paging through large scans', () => {
  it('makes the next page\'s preview while the editor reads this one, so the next page opens from its preview', async () => {
    // the workbench's own previews, as where core cannot make them (no sharp)
    setNodeDerivation(false)
    onTestFinished(() => setNodeDerivation(true))
    const { page } = app
    const { encodePng } = await import('../../src/core/media/png')
    const scanOf = (seed: number): Buffer => {
      const [width, height] = [2800, 2600]
      const data = new Uint8Array(width * height).fill(232)
      for (let y = 80 + seed * 7; y < height - 80; y += 50) data.fill(30 + seed, y * width + 80, y * width + width - 80)
      return encodePng({ width, height, channels: 1, data })
    }
    const report = await app.call<ImportReport>('importFiles', {
      edition: '连版',
      files: [
        upload('连版_2026-07-01_01版.txt', Buffer.from('连版一版标题\n\n第一版的正文。\n')),
        upload('连版_2026-07-01_01版.png', scanOf(1)),
        upload('连版_2026-07-01_02版.txt', Buffer.from('连版二版标题\n\n第二版的正文。\n')),
        upload('连版_2026-07-01_02版.png', scanOf(2))
      ]
    })
    expect(report.failed, JSON.stringify(report.items)).toBe(0)
    const pages = await app.call<PageSummary[]>('listPages', {})
    const [one, two] = ['连版_2026-07-01_01版.txt', '连版_2026-07-01_02版.txt'].map((n) => pages.find((p) => p.sourceName === n)!)
    expect((await app.call<PageScanInfo>('getPageScan', { pageId: two!.id })).image?.preview).toBeNull()
    await page.reload()
    await page.locator('.page-row').first().waitFor()
    await openPage(page, one!.id)
    await expect.poll(() => page.getByTestId('scan-view').getAttribute('data-detail'), { timeout: 30_000 }).toBe('full')
    // page 2 was never opened, and its preview is made
    await expect.poll(async () => (await app.call<PageScanInfo>('getPageScan', { pageId: two!.id })).image?.preview, { timeout: 40_000 }).toEqual({ width: 2048, height: 1902 })
    await page.keyboard.press('Alt+PageDown')
    await page.locator(`[data-page-id="${two!.id}"][aria-current="page"]`).waitFor()
    await expect.poll(() => page.getByTestId('scan-view').getAttribute('data-drawn'), { timeout: 30_000 }).toBe('2048x1902')
    expect(await page.getByTestId('scan-view').getAttribute('data-detail')).toBe('preview')
    expect(app.errors.filter((e) => !/favicon/.test(e)), app.errors.join('\n')).toEqual([])
  }, 120_000)
})

describe('uploads keep a page and its scan together', () => {
  it('takes OCR files and scans, and never splits a page from its scan across batches', async () => {
    const { isImportFile, planGroupedBatches, groupKey } = await import('../../src/renderer/src/importing/scanGroups')
    expect(['a.txt', 'a.alto.xml', 'a.hocr', 'a.html', 'a.png', 'a.JPG', 'a.tif', 'a.webp', 'a.pdf'].every(isImportFile)).toBe(true)
    expect(['.DS_Store', 'a.json', 'Thumbs.db', '.a.png'].some(isImportFile)).toBe(false)
    expect(groupKey('d/p05.alto.xml')).toBe(groupKey('d/p05.png'))
    expect(groupKey('d/p05.png')).not.toBe(groupKey('e/p05.png'))
    const files = [
      { path: 'd/p01.txt', size: 10 },
      { path: 'd/p01.png', size: 7_000_000 },
      { path: 'd/p02.alto.xml', size: 10 },
      { path: 'd/p02.png', size: 7_000_000 },
      { path: 'd/p03.txt', size: 10 }
    ]
    const batches = planGroupedBatches(files)
    for (const pair of [[0, 1], [2, 3]]) expect(batches.some((b) => pair.every((i) => b.includes(i))), JSON.stringify(batches)).toBe(true)
    expect(batches.flat().sort()).toEqual([0, 1, 2, 3, 4])
  })
})
