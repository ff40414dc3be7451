import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { screenshot, startApp, workingText, type BrowserApp } from '../support/browser'
import { currentText, listRevisions, getRevision } from '../../src/core/store/queries/revisions'

// A quiet diff: compared with the proposal (after the automatic fixes) only the editor's own
// change shows, marked by the character; inline, the working text takes the whole width.

// Half-width commas and a space between Chinese characters: the automatic fixes change them.
const TEXT = ['城南街道启动改造', '首批涉及三个社区,改造内容包括道路 和管网。', '', '绿色出行倡议', '公交卡与地铁卡通用,换乘更方便。'].join('\n')
const b64 = (s: string): string => Buffer.from(s).toString('base64')

async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') === 'saved')
}

const marks = (page: Page): Promise<number> => page.locator('.modified-in-monaco-diff-editor .char-insert, .modified-in-monaco-diff-editor .line-insert').count()

describe('the quiet diff', () => {
  let app: BrowserApp

  beforeEach(async () => {
    app = await startApp({ locale: 'en-US' })
    await app.page.goto(app.server.url)
  })
  afterEach(async () => {
    await app?.close()
  })

  it('compares with the proposal to show only the editor’s change, by the character, and goes inline', async () => {
    const { page, db } = app
    await app.call('importFiles', { files: [{ name: 'city_01.txt', dataBase64: b64(TEXT) }], edition: 'City' })
    const proposal = currentText(db, 1)!
    expect(proposal, 'the automatic fixes changed the page').not.toBe(TEXT)
    await page.reload()
    await page.locator('[data-page-id="1"]').click()
    await page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')
    await expect.poll(() => marks(page)).toBeGreaterThan(0)
    const noisy = await marks(page)

    await page.getByTestId('diff-base').selectOption('proposal')
    await expect.poll(() => marks(page)).toBe(0)

    // One character fixed by hand: that is all the diff shows, as a character change.
    const lines = (await workingText(page)).split('\n')
    const row = lines.findIndex((l) => l.includes('三个'))
    await page.locator('.modified-in-monaco-diff-editor .view-lines').click()
    await page.keyboard.press('Control+Home')
    for (let i = 0; i < row; i++) await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Home')
    for (let i = 0; i < lines[row]!.indexOf('三个'); i++) await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.type('四')
    await waitSaved(page)
    await expect.poll(() => page.locator('.modified-in-monaco-diff-editor .char-insert').count()).toBe(1)
    expect(await marks(page)).toBeLessThan(noisy + 1)
    // The mark covers one character (15 px font), not the line.
    const mark = (await page.locator('.modified-in-monaco-diff-editor .char-insert').boundingBox())!
    expect(mark.width).toBeGreaterThan(5)
    expect(mark.width).toBeLessThan(30)
    await screenshot(page, 'quiet-diff-proposal')

    // Inline: the working text gets the width of both panes.
    const pane = (await page.getByTestId('diff-editor').boundingBox())!
    const sideBySide = (await page.locator('.modified-in-monaco-diff-editor').boundingBox())!
    expect(sideBySide.width).toBeLessThan(pane.width * 0.6)
    await page.getByTestId('diff-inline').click()
    await expect.poll(async () => (await page.locator('.modified-in-monaco-diff-editor').boundingBox())!.width).toBeGreaterThan(pane.width * 0.9)
    await screenshot(page, 'quiet-diff-inline')

    // Remembered on reload; the original is one choice away.
    await page.reload()
    await page.locator('[data-page-id="1"]').click()
    await page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')
    expect(await page.getByTestId('diff-base').inputValue()).toBe('proposal')
    await expect.poll(() => page.locator('.modified-in-monaco-diff-editor .char-insert').count()).toBe(1)
    await page.getByTestId('diff-base').selectOption('original')
    await expect.poll(() => marks(page)).toBeGreaterThan(1)
    const galleys = listRevisions(db, 1).filter((r) => r.author === 'galley')
    expect(getRevision(db, galleys[0]!.id)!.text).toBe(proposal)
    expect(app.errors).toEqual([])
  })
})
