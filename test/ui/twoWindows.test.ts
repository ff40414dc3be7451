import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startApp, workingText, type BrowserApp } from '../support/browser'
import { currentText } from '../../src/core/store/queries/revisions'

// Two windows on one page: when B saves over A's saved edit, A does not go on saying "saved"
// over text that is not the store's; back in front it shows the newest text.

const TEXT = '河畔公园今日开园\n园内新栽树木两千株。'
const b64 = (s: string): string => Buffer.from(s).toString('base64')

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.locator('[data-page-id="1"]').click()
  await page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')
}

async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator('.modified-in-monaco-diff-editor .view-lines').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text)
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') === 'saved')
}

describe('two windows on one page', () => {
  let app: BrowserApp

  beforeEach(async () => {
    app = await startApp()
  })
  afterEach(async () => {
    await app?.close()
  })

  it('shows the newest text in the window that comes back to the front, not a stale "saved"', async () => {
    const { db } = app
    await app.call('importFiles', { files: [{ name: 'park_01.txt', dataBase64: b64(TEXT) }], edition: '公园' })
    const a = app.page
    await open(a, app.server.url)
    await typeAtEnd(a, '甲')
    const b = await a.context().newPage()
    await open(b, app.server.url)
    await typeAtEnd(b, '乙')
    await expect.poll(() => currentText(db, 1)?.endsWith('甲乙')).toBe(true)

    await a.bringToFront()
    await a.evaluate(() => window.dispatchEvent(new Event('focus')))
    await expect.poll(() => workingText(a)).toBe(currentText(db, 1))
    await a.getByText('此版面已在另一窗口保存').waitFor()
    // A's next keystroke goes on top of B's text, not over it.
    await typeAtEnd(a, '丙')
    await expect.poll(() => currentText(db, 1)?.endsWith('甲乙丙')).toBe(true)
    expect(app.errors).toEqual([])
  })
})
