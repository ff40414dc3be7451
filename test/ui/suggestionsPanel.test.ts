import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { screenshot, startApp, workingText, type BrowserApp } from '../support/browser'
import { listSuggestions } from '../../src/core/store/queries/suggestions'
import { currentText } from '../../src/core/store/queries/revisions'
import { listCorrections } from '../../src/core/store/queries/knowledge'

// The suggestions panel says where each suggestion is, and takes the cursor there on a click or
// Enter; accepting then works at the cursor (Alt+Enter), and the lesson is learnt once.

const TEXT = ['清理行动走进社区', '', '本报讯 社区组织大学生态愿者开展清理行动，居民纷纷点赞。', '', '第二期活动下周举行，欢迎更多居民报名参加，共建美好末来。'].join('\n')
const b64 = (s: string): string => Buffer.from(s).toString('base64')

async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') === 'saved')
}

describe('the suggestions panel', () => {
  let app: BrowserApp

  beforeEach(async () => {
    app = await startApp({ locale: 'en-US' })
    await app.page.goto(app.server.url)
  })
  afterEach(async () => {
    await app?.close()
  })

  it('shows where each suggestion is and moves the cursor to it on click and on Enter', async () => {
    const { page, db } = app
    await app.call('importFiles', { files: [{ name: 'clean_01.txt', dataBase64: b64(TEXT) }], edition: 'Clean' })
    await page.reload()
    await page.locator('[data-page-id="1"]').click()
    await page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')
    // Two different misreadings: a string read the same way twice on a page counts as a word of it.
    const open = listSuggestions(db, 1).filter((s) => s.original === '态' || s.original === '末').sort((a, b) => a.start - b.start)
    expect(open.length, JSON.stringify(listSuggestions(db, 1))).toBe(2)
    const text = currentText(db, 1)!
    const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length

    await page.getByRole('tab', { name: 'Suggestions' }).click()
    const rows = page.locator('li.suggestion')
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2)
    const second = page.locator(`li.suggestion[data-suggestion-id="${open[1]!.id}"]`)
    await second.getByText(`line ${lineOf(open[1]!.start)}`).waitFor()
    expect(await second.getByTestId('suggestion-context').textContent()).toContain('美好末来')
    await screenshot(page, 'suggestions-panel-places')

    // A click on the row (not its buttons) selects the suggestion in the text: Alt+Enter accepts it there.
    await second.locator('.message').click()
    await page.keyboard.press('Alt+Enter')
    await expect.poll(() => workingText(page)).toContain('美好未来')
    expect(await workingText(page)).toContain('大学生态愿者')

    // Enter on a focused row does the same for the other one.
    const first = page.locator(`li.suggestion[data-suggestion-id="${open[0]!.id}"]`)
    await first.focus()
    await page.keyboard.press('Enter')
    await page.keyboard.press('Alt+Enter')
    await expect.poll(() => workingText(page)).toContain('大学生志愿者')
    await waitSaved(page)
    await expect.poll(() => currentText(db, 1)).toBe(text.replace('态愿者', '志愿者').replace('末来', '未来'))
    // Each lesson learnt once, though each accept was also a typed change.
    await expect.poll(() => listCorrections(db).filter((c) => c.decision === 'accepted').length).toBe(2)
    expect(app.errors).toEqual([])
  })
})
