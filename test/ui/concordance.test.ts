import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { screenshot, startApp, workingText, type BrowserApp } from '../support/browser'
import { currentText, listRevisions } from '../../src/core/store/queries/revisions'
import { listCorrections } from '../../src/core/store/queries/knowledge'

// Fix everywhere from the keyboard: a selection opens the concordance of every occurrence in the
// edition, the editor unticks one, applies with Ctrl+Enter, and undoes the batch.

const A = '河畔公园今日开园\n园内新栽树木两千株，步道全长三公里。\n游客称赞园内树木茂盛。'
const B = '夜市延长营业时间\n夏季夜市每晚营业至二十三时，树木间挂起彩灯。'
const C = '另一份报纸\n校园里的树木开始发芽。'
const b64 = (s: string): string => Buffer.from(s).toString('base64')

describe('the concordance in the workbench', () => {
  let app: BrowserApp

  beforeEach(async () => {
    app = await startApp()
    await app.page.goto(app.server.url)
  })
  afterEach(async () => {
    await app?.close()
  })

  it('opens on the selection, lists every occurrence with its context, fixes the ticked ones and undoes them as one', async () => {
    const { page, db } = app
    await app.call('importFiles', { files: [{ name: 'a_01.txt', dataBase64: b64(A) }, { name: 'a_02.txt', dataBase64: b64(B) }], edition: '晚报' })
    await app.call('importFiles', { files: [{ name: 'c_01.txt', dataBase64: b64(C) }], edition: '周报' })
    const before = [1, 2, 3].map((id) => currentText(db, id)!)
    await page.reload()
    await page.locator('[data-page-id="1"]').click()
    await page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')

    // Select 树木 on its line with the keyboard.
    const lines = (await workingText(page)).split('\n')
    const row = lines.findIndex((l) => l.includes('树木'))
    await page.locator('.modified-in-monaco-diff-editor .view-lines').click()
    await page.keyboard.press('Control+Home')
    for (let i = 0; i < row; i++) await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Home')
    for (let i = 0; i < lines[row]!.indexOf('树木'); i++) await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.press('Control+Shift+KeyH')

    const dialog = page.getByTestId('concordance')
    await dialog.waitFor()
    expect(await page.getByTestId('fix-pattern').inputValue()).toBe('树木')
    await page.getByTestId('fix-summary').getByText('共 3 处，2 个版面。').waitFor()
    expect(await dialog.locator('.occurrence').count()).toBe(3)
    expect(await dialog.locator('.occurrence').nth(1).textContent()).toContain('游客称赞园内树木茂盛')

    // The replacement, then down into the list: the second occurrence is left as it is.
    await page.getByTestId('fix-replacement').fill('林木')
    await page.getByTestId('fix-replacement').press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Space')
    expect(await dialog.locator('.occurrence.chosen').count()).toBe(2)
    await screenshot(page, 'concordance')
    await page.keyboard.press('Control+Enter')

    await page.getByTestId('fix-done').waitFor()
    await expect.poll(() => currentText(db, 1)).toBe(before[0]!.replace('树木', '林木'))
    expect(currentText(db, 2)).toBe(before[1]!.replace('树木', '林木'))
    expect(currentText(db, 3)).toBe(before[2])
    expect(listRevisions(db, 1)[0]!.reason).toBe('fix: 树木 → 林木')
    expect(listCorrections(db).filter((c) => c.original === '树木')).toHaveLength(1)
    // The open page shows the fixed text.
    await expect.poll(() => workingText(page)).toBe(before[0]!.replace('树木', '林木'))
    await screenshot(page, 'concordance-done')

    await page.getByTestId('fix-done').getByRole('button', { name: '撤销' }).click()
    await expect.poll(() => currentText(db, 1)).toBe(before[0])
    expect(currentText(db, 2)).toBe(before[1])
    await expect.poll(() => workingText(page)).toBe(before[0])
    expect(await page.getByTestId('fix-done').count()).toBe(0)

    // A correction typed by hand: the same key opens the concordance of the error it fixed.
    await page.locator('.modified-in-monaco-diff-editor .view-lines').click()
    await page.keyboard.press('Control+Home')
    for (let i = 0; i < row; i++) await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Home')
    for (let i = 0; i < lines[row]!.indexOf('树木'); i++) await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Shift+ArrowRight')
    await page.keyboard.type('林')
    await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') === 'saved')
    await page.keyboard.press('Control+Shift+KeyH')
    await dialog.waitFor()
    expect(await page.getByTestId('fix-pattern').inputValue()).toBe('树木')
    expect(await page.getByTestId('fix-replacement').inputValue()).toBe('林木')
    // The rest of the edition: the other place on this page and the one on page 2.
    await page.getByTestId('fix-summary').getByText('共 2 处，2 个版面。').waitFor()
    expect(app.errors).toEqual([])
  })
})
