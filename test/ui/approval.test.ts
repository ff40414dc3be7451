import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { screenshot, startApp, workingText, type BrowserApp } from '../support/browser'
import { listArticles } from '../../src/core/store/queries/articles'
import { getPageSummary } from '../../src/core/store/queries/pages'
import { currentText } from '../../src/core/store/queries/revisions'
import type { ArticleRecord, PageDetail } from '../../src/shared/types'

// Approval that means something: an edit inside an approved article takes the approval back,
// visibly; deleting an article's text leaves no empty approved article; shortcuts do not type;
// approving a page with flagged articles asks first.

const TEXT = ['河畔公园今日开园', '园内新栽树木两千株，步道全长三公里。', '', '夜市延长营业时间', '夏季夜市每晚营业至二十三时。'].join('\n')
const b64 = (s: string): string => Buffer.from(s).toString('base64')

async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') === 'saved')
}

async function twoApprovedArticles(app: BrowserApp): Promise<{ pageId: number; text: string; articles: ArticleRecord[] }> {
  await app.call('importFiles', { files: [{ name: 'park_01.txt', dataBase64: b64(TEXT) }], edition: '公园' })
  const detail = await app.call<PageDetail>('getPage', { pageId: 1 })
  // The automatic fixes may have changed the lines: the second article starts at its title.
  const lines = detail.revision.text.split('\n')
  const second = lines.indexOf('夜市延长营业时间')
  const articles = await app.call<ArticleRecord[]>('updateArticles', {
    pageId: 1,
    revisionId: detail.revision.id,
    articles: [
      { kind: 'article', startLine: 0, endLine: second, status: 'approved' },
      { kind: 'article', startLine: second, endLine: lines.length, status: 'approved' }
    ]
  })
  return { pageId: 1, text: detail.revision.text, articles }
}

async function openPage(page: Page, pageId: number): Promise<void> {
  await page.reload()
  await page.locator(`[data-page-id="${pageId}"]`).click()
  await page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')
  await page.locator(`[data-page-id="${pageId}"][aria-current="page"]`).waitFor()
}

describe('approval in the workbench', () => {
  let app: BrowserApp

  beforeEach(async () => {
    app = await startApp()
    await app.page.goto(app.server.url)
    await app.page.getByText('尚无版面').waitFor()
  })
  afterEach(async () => {
    await app?.close()
  })

  it('takes the approval back from an edited article and its page, and drops an article whose text is deleted', async () => {
    const { page, db } = app
    const { pageId, text, articles } = await twoApprovedArticles(app)
    expect(getPageSummary(db, pageId)!.status).toBe('approved')
    await openPage(page, pageId)
    await page.getByTestId('page-status').getByText('已通过').waitFor()
    expect(await page.locator('.article[data-status="approved"]').count()).toBe(2)

    // F1 in the text opens the sheet and types nothing.
    await page.locator('.modified-in-monaco-diff-editor .view-lines').click()
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('F1')
    await page.getByTestId('shortcut-sheet').waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('shortcut-sheet').count()).toBe(0)
    expect(await workingText(page)).toBe(text)

    // A word typed in the first article: it is proposed at once, in the panel and then in the store.
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('End')
    await page.keyboard.type('新')
    await expect.poll(() => page.locator('.article[data-status="proposed"]').count()).toBe(1)
    await waitSaved(page)
    await expect.poll(() => listArticles(db, pageId).map((a) => [a.id, a.status])).toEqual([
      [articles[0]!.id, 'proposed'],
      [articles[1]!.id, 'approved']
    ])
    expect(getPageSummary(db, pageId)!.status).toBe('in-progress')
    await page.getByTestId('page-status').getByText('进行中').waitFor()
    await screenshot(page, 'approval-withdrawn')

    // Approved again from the keyboard, then the second article's lines deleted whole.
    await page.keyboard.press('Alt+KeyA')
    await expect.poll(() => getPageSummary(db, pageId)!.status).toBe('approved')
    const lines = (await workingText(page)).split('\n')
    const second = articles[1]!.startLine
    await page.keyboard.press('Control+End')
    for (let i = 0; i < lines.length - 1 - second; i++) await page.keyboard.press('Shift+ArrowUp')
    await page.keyboard.press('Shift+Home')
    await page.keyboard.press('Delete')
    await waitSaved(page)
    await expect.poll(() => currentText(db, pageId)).toBe([...lines.slice(0, second), ''].join('\n'))
    await expect.poll(() => listArticles(db, pageId).map((a) => [a.id, a.status])).toEqual([[articles[0]!.id, 'approved']])

    // All the text deleted: no article is left, none approved and empty.
    await page.keyboard.press('Control+KeyA')
    await page.keyboard.press('Delete')
    await waitSaved(page)
    await expect.poll(() => currentText(db, pageId)).toBe('')
    expect(listArticles(db, pageId)).toEqual([])
    expect(await page.locator('.article').count()).toBe(0)
    expect(app.errors).toEqual([])
  })

  it('asks before approving flagged articles, and approves only the unflagged ones by default', async () => {
    const { page, db } = app
    const { pageId, articles } = await twoApprovedArticles(app)
    db.prepare("UPDATE articles SET status = 'proposed'").run()
    db.prepare("UPDATE articles SET flags_json = '[]'").run()
    db.prepare('UPDATE articles SET flags_json = ? WHERE id = ?').run(JSON.stringify(['title-missing']), articles[1]!.id)
    await openPage(page, pageId)
    await page.keyboard.press('Alt+Shift+KeyA')
    await page.getByTestId('approve-flagged').getByText('1 篇').waitFor()
    await screenshot(page, 'approve-flagged')
    await page.keyboard.press('Enter')
    await expect.poll(() => listArticles(db, pageId).map((a) => a.status)).toEqual(['approved', 'proposed'])
    expect(getPageSummary(db, pageId)!.status).toBe('in-progress')

    await page.keyboard.press('Alt+Shift+KeyA')
    await page.getByRole('button', { name: '全部通过（含存疑）' }).click()
    await expect.poll(() => listArticles(db, pageId).map((a) => a.status)).toEqual(['approved', 'approved'])
    expect(getPageSummary(db, pageId)!.status).toBe('approved')
    await page.getByTestId('page-status').getByText('已通过').waitFor()
    expect(app.errors).toEqual([])
  })
})
