import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { PageScanInfo } from '../../src/shared/api'
import type { GeometryBox } from '../../src/shared/geometry'
import type { ImportReport, PageSummary } from '../../src/shared/types'
import { screenshot, startApp, workingText, type BrowserApp } from '../support/browser'

// A scan whose EXIF orientation turns it (a phone photo taken sideways: the page's pixels stored
// lying on their side, orientation 6 saying "turn 90° clockwise"), with the hOCR Tesseract wrote
// for it (`tesseract … -l chi_sim --psm 1 hocr`: Tesseract ignores the tag, so its boxes are in
// the stored pixels; test/fixtures/ocr/示例晚报_2026-03-05_03版.rot6.hocr). In the real browser the
// page shows upright, and the line under the cursor is outlined where it is printed on the upright
// page: where the ALTO of the same page scanned upright (the fixture beside it) puts that line.
const OCR = path.resolve(__dirname, '../fixtures/ocr')
const P3 = '示例晚报_2026-03-05_03版'
const LINE = '十届市民文化节'

let app: BrowserApp
let turned: PageScanInfo
let upright: PageScanInfo
let turnedId: number

function upload(name: string, bytes: Buffer): { name: string; dataBase64: string } {
  return { name, dataBase64: bytes.toString('base64') }
}

/** Where a point of the scan as shown (its pixels) is on the screen, the page fitted in the viewer. */
async function onScreen(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId('scan-view').boundingBox())!
  const [w, h] = [turned.image!.width!, turned.image!.height!]
  const scale = Math.min(box.width / w, box.height / h)
  return { x: box.x + (box.width - w * scale) / 2 + x * scale, y: box.y + (box.height - h * scale) / 2 + y * scale }
}

beforeAll(async () => {
  app = await startApp()
  // the fixture page, its pixels turned a quarter anticlockwise and tagged to be turned back
  const photo = await sharp(path.join(OCR, `${P3}.jpg`)).rotate(270).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer()
  const report = await app.call<ImportReport>('importFiles', {
    edition: '转向',
    files: [
      upload(`${P3}.rot6.hocr`, fs.readFileSync(path.join(OCR, `${P3}.rot6.hocr`))),
      upload(`${P3}.rot6.jpg`, photo),
      upload(`${P3}.alto.xml`, fs.readFileSync(path.join(OCR, `${P3}.alto.xml`))),
      upload(`${P3}.jpg`, fs.readFileSync(path.join(OCR, `${P3}.jpg`)))
    ]
  })
  expect(report.failed).toBe(0)
  const pages = await app.call<PageSummary[]>('listPages', {})
  turnedId = pages.find((p) => p.sourceName.endsWith('.rot6.hocr'))!.id
  turned = await app.call<PageScanInfo>('getPageScan', { pageId: turnedId })
  upright = await app.call<PageScanInfo>('getPageScan', { pageId: pages.find((p) => p.sourceName.endsWith('.alto.xml'))!.id })
  // stored lying on its side, shown upright
  expect([turned.image?.width, turned.image?.height, turned.image?.orientation]).toEqual([1240, 1754, 6])
  expect([turned.geometry?.width, turned.geometry?.height]).toEqual([1754, 1240])
  await app.page.goto(app.server.url)
  await app.page.locator('.page-row').first().waitFor()
}, 120_000)

afterAll(async () => {
  await app?.close()
})

function lineBox(scan: PageScanInfo): { index: number; box: GeometryBox } {
  const index = scan.geometry!.lines.findIndex((l) => scan.originalText.slice(l.start, l.end).startsWith(LINE))
  expect(index).toBeGreaterThan(0)
  return { index, box: scan.geometry!.lines[index]!.box! }
}

describe('a scan turned by its EXIF orientation', () => {
  it('shows upright; a click on a printed line moves the cursor there, and the line is outlined where the upright page prints it', async () => {
    const { page } = app
    await page.locator(`[data-page-id="${turnedId}"]`).click()
    await page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')
    await page.getByTestId('scan-pane').waitFor()
    await page.waitForSelector('.scan-view .openseadragon-canvas canvas', { timeout: 30_000 })
    await expect.poll(() => page.getByTestId('scan-view').getAttribute('data-drawn'), { timeout: 30_000 }).toBe('1240x1754')
    // where the upright scan's ALTO prints the line (the same page, OCR'd upright)
    const [ux, uy, uw, uh] = lineBox(upright).box
    const target = await onScreen(page, ux + uw / 3, uy + uh / 2)
    await page.waitForTimeout(500)
    await page.mouse.click(target.x, target.y)
    const offset = (): Promise<number> => page.evaluate(() => (window as unknown as { galleyDebug: { cursorOffset(): number } }).galleyDebug.cursorOffset())
    await expect.poll(async () => (await workingText(page)).slice(await offset(), (await offset()) + LINE.length), { timeout: 10_000 }).toBe(LINE)
    const outline = page.getByTestId('scan-line')
    await outline.waitFor()
    expect(await outline.getAttribute('data-line')).toBe(String(lineBox(turned).index))
    // the outline lies across the page as the printed line does (in the stored pixels it stands upright) …
    const drawn = (await outline.boundingBox())!
    expect(drawn.width).toBeGreaterThan(drawn.height * 4)
    // … on the line as the upright page prints it (two OCR runs: boxes a few pixels apart)
    const from = await onScreen(page, ux, uy)
    const to = await onScreen(page, ux + uw, uy + uh)
    expect(Math.abs(drawn.x - from.x)).toBeLessThan(8)
    expect(Math.abs(drawn.y - from.y)).toBeLessThan(8)
    expect(Math.abs(drawn.x + drawn.width - to.x)).toBeLessThan(8)
    expect(Math.abs(drawn.y + drawn.height - to.y)).toBeLessThan(8)
    await screenshot(page, 'scan-orientation')
  })
})
