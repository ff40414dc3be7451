import { afterEach, describe, expect, it } from 'vitest'
import { screenshot, startApp, type BrowserApp } from '../support/browser'
import type { ImportReport } from '../../src/shared/types'

// Monaco's own strings (find widget, context menu) speak the UI's language: Simplified Chinese
// from the translations the monaco-editor package ships, English as Monaco is written.

const PAGE = ['社区开展清理行动', '本报讯 近日，社区组织志愿者开展清理行动，居民纷纷点赞。'].join('\n')

async function openPage(locale: string): Promise<BrowserApp> {
  const app = await startApp({ locale })
  const report = await app.call<ImportReport>('importFiles', { files: [{ name: '样例_01.txt', dataBase64: Buffer.from(PAGE).toString('base64') }], edition: '样例' })
  await app.page.goto(app.server.url)
  await app.page.locator(`[data-page-id="${report.items[0]!.pageId!}"]`).click()
  await app.page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')
  return app
}

describe("Monaco's strings", () => {
  let app: BrowserApp | undefined
  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  it('are Chinese in the Chinese UI: the find widget and the context menu', async () => {
    app = await openPage('zh-CN')
    const { page } = app
    await page.locator('.modified-in-monaco-diff-editor .view-lines').click()
    await page.keyboard.press('Control+KeyF')
    const find = page.locator('.modified-in-monaco-diff-editor .find-widget textarea').first()
    await expect.poll(() => find.getAttribute('placeholder')).toBe('查找')
    await expect.poll(() => page.locator('.modified-in-monaco-diff-editor .find-widget [aria-label^="区分大小写"]').count()).toBeGreaterThan(0)
    await page.keyboard.press('Escape')
    await page.locator('.modified-in-monaco-diff-editor .view-lines').click({ button: 'right' })
    const menu = page.locator('.monaco-menu .action-label')
    await expect.poll(async () => (await menu.allTextContents()).join(' ')).toContain('复制')
    await screenshot(page, 'monaco-zh-menu')
    expect((await menu.allTextContents()).join(' ')).not.toContain('Copy')
    await page.keyboard.press('Escape')
    // Switching the UI to English says the editor's own strings follow on reloading, and reloading does it.
    await page.getByRole('button', { name: '设置' }).click()
    await expect.poll(() => page.getByTestId('editor-language-hint').count()).toBe(0)
    await page.getByTestId('locale').selectOption('en')
    await page.getByTestId('editor-language-hint').getByRole('button').click()
    await page.locator('[data-page-id]').first().click()
    await page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')
    await page.locator('.modified-in-monaco-diff-editor .view-lines').click()
    await page.keyboard.press('Control+KeyF')
    await expect.poll(() => page.locator('.modified-in-monaco-diff-editor .find-widget textarea').first().getAttribute('placeholder')).toBe('Find')
    expect(app.errors).toEqual([])
  })

  it('are English in the English UI', async () => {
    app = await openPage('en-US')
    const { page } = app
    await page.locator('.modified-in-monaco-diff-editor .view-lines').click()
    await page.keyboard.press('Control+KeyF')
    await expect.poll(() => page.locator('.modified-in-monaco-diff-editor .find-widget textarea').first().getAttribute('placeholder')).toBe('Find')
  })
})
