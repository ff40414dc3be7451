import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startApp, workingText, type BrowserApp } from '../support/browser'
import type { EditionSummary, ImportReport, PageSummary } from '../../src/shared/types'
import { orderPages } from '../../src/renderer/src/state/sidebarRows'

// The sidebar of a big archive: a virtual list, so only the rows in view are in the document,
// and the open page's row follows the next-page key.

const EDITIONS = 25
const PAGES_PER_EDITION = 8

const pageText = (edition: number, page: number): string =>
  `第${edition}期第${page}版\n社区新闻记录居民生活点滴与城市变化，街道组织志愿者开展清理行动。\n本报记者 王明`

describe('the sidebar of a big archive', () => {
  let app: BrowserApp

  beforeEach(async () => {
    app = await startApp()
    for (let e = 1; e <= EDITIONS; e++) {
      const files = Array.from({ length: PAGES_PER_EDITION }, (_, i) => ({
        name: `${String(i + 1).padStart(2, '0')}版.txt`,
        dataBase64: Buffer.from(pageText(e, i + 1)).toString('base64')
      }))
      const report = await app.call<ImportReport>('importFiles', { files, edition: `样报 第${e}期` })
      expect(report.imported).toBe(PAGES_PER_EDITION)
    }
    await app.page.goto(app.server.url)
    await app.page.locator('.page-row').first().waitFor()
  })
  afterEach(async () => {
    await app?.close()
  })

  /** The open page's row lies inside the sidebar's visible box. */
  const activeRowInView = (): Promise<boolean> =>
    app.page.evaluate(() => {
      const row = document.querySelector('.page-row[aria-current="page"]')
      const tree = document.querySelector('.tree')
      if (!row || !tree) return false
      const r = row.getBoundingClientRect()
      const t = tree.getBoundingClientRect()
      return r.top >= t.top - 1 && r.bottom <= t.bottom + 1
    })

  it('holds only the rows in view, gives the keyboard to the text, follows the open page and reaches the last page by scrolling', async () => {
    const { page } = app
    const total = EDITIONS * PAGES_PER_EDITION
    const rows = await page.locator('.page-row').count()
    expect(rows).toBeGreaterThan(5)
    expect(rows).toBeLessThan(total / 2)
    // Screen readers still hear how long the list is.
    expect(await page.locator('.tree-row').first().getAttribute('aria-setsize')).toBe(String(total + EDITIONS))

    const [editions, pages] = await Promise.all([app.call<EditionSummary[]>('listEditions', {}), app.call<PageSummary[]>('listPages', {})])
    const order = orderPages(editions, pages).map((p) => p.id)
    await page.locator('.page-row').first().click()
    await page.locator(`[data-page-id="${order[0]}"][aria-current="page"]`).waitFor()
    // The click that opens the first page leaves the keyboard in the working text, not on the row.
    await page.keyboard.press('Control+Home')
    await page.keyboard.type('Q')
    await expect
      .poll(() => workingText(page))
      .toMatch(/^Q第\d+期第1版/)
    // Each step's row is found in the document only if the sidebar scrolled it in.
    const steps = 30
    for (let i = 1; i <= steps; i++) {
      await page.keyboard.press('Alt+PageDown')
      await page.locator(`[data-page-id="${order[i]}"][aria-current="page"]`).waitFor({ timeout: 5000 })
    }
    await expect.poll(activeRowInView).toBe(true)

    // Scrolling to the end brings the last edition's rows in; its last page opens on a click.
    await page.locator('.tree').evaluate((tree) => tree.scrollTo({ top: tree.scrollHeight }))
    const lastEdition = editions.at(-1)!
    await page.locator('.edition h2', { hasText: lastEdition.title || lastEdition.name }).waitFor()
    const lastId = order.at(-1)!
    const last = page.locator(`.page-row[data-page-id="${lastId}"]`)
    await last.click()
    await page.locator(`[data-page-id="${lastId}"][aria-current="page"]`).waitFor()
    expect(await page.locator('.page-label', { hasText: '8' }).count()).toBeGreaterThan(0)
    expect(await page.locator('.page-row').count()).toBeLessThan(total / 2)
    expect(app.errors).toEqual([])
  })
})
