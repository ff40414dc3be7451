import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { screenshot, startApp, type BrowserApp } from '../support/browser'
import { readSettings } from '../../src/core/store/queries/settings'

// Settings live in the database: they survive a reload, and reach a browser that never saw them.

describe('the settings dialog', () => {
  let app: BrowserApp
  beforeEach(async () => {
    app = await startApp()
    await app.page.goto(app.server.url)
    await app.page.getByText('尚无版面').waitFor()
  })
  afterEach(async () => {
    await app?.close()
  })

  it('changes how many backups are kept and the language; both persist', async () => {
    const { page, db } = app
    await page.getByRole('button', { name: '设置', exact: true }).click()
    const field = page.getByTestId('backups-to-keep')
    await expect.poll(() => field.inputValue()).toBe('10')

    // Out of range: explained in place, nothing sent.
    await field.fill('0')
    await field.press('Enter')
    await page.getByText('请输入 1 到 100 之间的整数').waitFor()
    expect(readSettings(db).backupsToKeep).toBe(10)

    await field.fill('3')
    await field.press('Enter')
    await page.getByTestId('backups-saved').waitFor()
    expect(readSettings(db).backupsToKeep).toBe(3)
    await screenshot(page, 'settings')

    await page.getByTestId('locale').selectOption('en')
    await page.getByText('Backups to keep').waitFor()
    await expect.poll(() => readSettings(db).locale).toBe('en')

    await page.reload()
    await page.getByText('No pages yet').waitFor()
    await page.getByRole('button', { name: 'Settings', exact: true }).click()
    await expect.poll(() => page.getByTestId('backups-to-keep').inputValue()).toBe('3')
    expect(await page.getByTestId('locale').inputValue()).toBe('en')

    // A browser with nothing stored of its own (another port, another profile) gets the store's language.
    const fresh = await app.browser.newContext({ locale: 'zh-CN' })
    const other = await fresh.newPage()
    await other.goto(app.server.url)
    await other.getByText('No pages yet').waitFor()
    await fresh.close()
    expect(app.errors).toEqual([])
  })
})
