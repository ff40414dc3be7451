import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PageScanInfo } from '../../src/shared/api'
import type { EditionSummary, PageSummary } from '../../src/shared/types'
import { startApp, type BrowserApp } from '../support/browser'

// Files and folders dropped on the workbench window import through the import dialog's upload:
// a real folder from disk dropped through Chromium's own drag and drop (DevTools protocol), and a
// file dropped with a DataTransfer built in the page.
const OCR = path.resolve(__dirname, '../fixtures/ocr')
const P3 = '示例晚报_2026-03-05_03版'

let app: BrowserApp

beforeAll(async () => {
  app = await startApp()
  await app.page.goto(app.server.url)
  await app.page.getByTestId('diff-editor').waitFor({ state: 'attached' })
}, 120_000)

afterAll(async () => {
  await app?.close()
})

describe('drag and drop import', () => {
  it('imports a dropped folder: the OCR page with its scan in one batch, text pages beside it, other files left out', async () => {
    const folder = path.join(app.dir, 'drop', '晚报三月')
    fs.mkdirSync(path.join(folder, 'sub'), { recursive: true })
    fs.copyFileSync(path.join(OCR, `${P3}.alto.xml`), path.join(folder, `${P3}.alto.xml`))
    fs.copyFileSync(path.join(OCR, `${P3}.jpg`), path.join(folder, `${P3}.jpg`))
    fs.writeFileSync(path.join(folder, 'sub', '示例晚报_2026-03-05_04版.txt'), '社区举办春季义诊活动\n\n本报讯 三月四日，城东社区卫生服务中心举办义诊。\n')
    fs.writeFileSync(path.join(folder, 'notes.doc'), 'not a page')
    fs.writeFileSync(path.join(folder, '.hidden.txt'), 'hidden')

    const { page } = app
    const cdp = await page.context().newCDPSession(page)
    const data = { items: [], files: [folder], dragOperationsMask: 1 }
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, x: 400, y: 300, data })

    await page.getByTestId('import-result').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('import-result').innerText()).toMatch(/2/)
    const pages = await app.call<PageSummary[]>('listPages', {})
    expect(pages.map((p) => p.sourceName).sort()).toEqual([`${P3}.alto.xml`, '示例晚报_2026-03-05_04版.txt'])
    const alto = pages.find((p) => p.sourceName.endsWith('.alto.xml'))!
    const scan = await app.call<PageScanInfo>('getPageScan', { pageId: alto.id })
    expect(scan.image?.mediaType).toBe('image/jpeg')
    expect(scan.image?.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(scan.geometry?.format).toBe('alto')
    // the sidebar shows the new pages without a reload
    await page.locator(`[data-page-id="${alto.id}"]`).waitFor()
  }, 60_000)

  it('imports a file dropped with a DataTransfer built in the page, into the open dialog', async () => {
    const { page } = app
    const before = (await app.call<EditionSummary[]>('listEditions', {})).length
    await page.evaluate(() => {
      const data = new DataTransfer()
      data.items.add(new File(['新闻标题\n\n正文第一段。\n'], '城市日报_2026-04-01_01版.txt', { type: 'text/plain' }))
      data.items.add(new File(['x'], 'readme.md', { type: 'text/markdown' }))
      const target = document.querySelector('.center') ?? document.body
      for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }))
    })
    await expect.poll(async () => (await app.call<PageSummary[]>('listPages', {})).some((p) => p.sourceName === '城市日报_2026-04-01_01版.txt'), { timeout: 20_000 }).toBe(true)
    await expect.poll(async () => page.getByTestId('import-result').innerText(), { timeout: 10_000 }).toMatch(/1/)
    expect((await app.call<EditionSummary[]>('listEditions', {})).length).toBe(before + 1)
    expect((await app.call<PageSummary[]>('listPages', {})).some((p) => p.sourceName === 'readme.md')).toBe(false)
    expect(app.errors).toEqual([])
  }, 60_000)
})
