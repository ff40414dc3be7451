import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startApp, type BrowserApp } from '../support/browser'
import { listArticles } from '../../src/core/store/queries/articles'
import { currentText, listRevisions } from '../../src/core/store/queries/revisions'
import { listSuggestions } from '../../src/core/store/queries/suggestions'
import type { ImportReport, PageDetail } from '../../src/shared/types'

// The workbench's side of three fixes: a title the editor types stays theirs while the
// boundaries are sent again, a restored revision brings article ranges that fit it, and the
// suggestions speak the UI's language.

const PAGE = [
  '社区开展清理行动',
  '本报讯（记者 王小明）近日，社区组织大学生态愿者开展清理行动，居民纷纷点赞。',
  '',
  '文明新风进校园',
  '本报讯（记者 李华）日前，学校组织学生走进课堂，讲解垃圾分类知识。'
].join('\n')

async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') === 'saved')
}

describe('titles, restored structure and suggestion messages in the workbench', () => {
  let app: BrowserApp
  let pageId: number

  beforeEach(async () => {
    app = await startApp()
    const report = await app.call<ImportReport>('importFiles', { files: [{ name: '样例_01.txt', dataBase64: Buffer.from(PAGE).toString('base64') }], edition: '样例' })
    pageId = report.items[0]!.pageId!
    // Two articles, whatever the analysis proposed: one at each title line of the working text.
    const detail = await app.call<PageDetail>('getPage', { pageId })
    const lines = detail.revision.text.split('\n')
    const second = lines.indexOf('文明新风进校园')
    await app.call('updateArticles', {
      pageId,
      revisionId: detail.revision.id,
      articles: [
        { kind: 'article', startLine: lines.indexOf('社区开展清理行动'), endLine: second },
        { kind: 'article', startLine: second, endLine: lines.length }
      ]
    })
    await app.page.goto(app.server.url)
    await app.page.locator(`[data-page-id="${pageId}"]`).click()
    await app.page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')
  })
  afterEach(async () => {
    await app?.close()
  })

  it('keeps the typed title apart from read ones, fits articles to a restored revision, and explains suggestions in Chinese', async () => {
    const { page, db } = app
    const imported = currentText(db, pageId)
    await page.locator('.article').nth(1).getByRole('button', { name: '编辑标题' }).click()
    await page.locator('.title-input').fill('校园文明新风')
    await page.keyboard.press('Enter')
    await expect.poll(() => listArticles(db, pageId).map((a) => [a.title, a.titleOverridden])).toEqual([
      ['社区开展清理行动', false],
      ['校园文明新风', true]
    ])
    await waitSaved(page)
    // Enter closed the title field; it typed nothing into the text.
    expect(currentText(db, pageId)).toBe(imported)

    // Approve the first article, then give it one more line: the boundaries go to the store again.
    // The working text opens with the title line and a blank line (the analysis' safe fixes).
    expect(currentText(db, pageId)!.split('\n').slice(0, 2)).toEqual(['社区开展清理行动', ''])
    const firstEnd = listArticles(db, pageId)[0]!.endLine
    await page.locator('.modified-in-monaco-diff-editor .view-lines').click()
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Alt+KeyA')
    await expect.poll(() => listArticles(db, pageId)[0]!.status).toBe('approved')
    await page.keyboard.type('补充一句。')
    await page.keyboard.press('Enter')
    await waitSaved(page)
    expect(currentText(db, pageId)!.split('\n').slice(0, 3)).toEqual(['社区开展清理行动', '补充一句。', ''])
    await expect.poll(() => listArticles(db, pageId)[0]!.endLine).toBe(firstEnd + 1)
    // Its words changed: the approval is taken back until the editor gives it again.
    expect(listArticles(db, pageId)[0]!.status).toBe('proposed')
    expect(await page.locator('.article').first().getAttribute('data-status')).toBe('proposed')
    // The title read from the text was not frozen into an editor's title; the editor's one stayed.
    expect(listArticles(db, pageId).map((a) => [a.title, a.titleOverridden])).toEqual([
      ['社区开展清理行动', false],
      ['校园文明新风', true]
    ])

    // The suggestion panel explains the look-alike in Chinese, not with core's English message.
    await page.getByRole('tab', { name: /建议/ }).click()
    const typo = listSuggestions(db, pageId).find((s) => s.original === '态' && s.replacement === '志')
    expect(typo, JSON.stringify(listSuggestions(db, pageId))).toBeDefined()
    expect(typo!.message).toMatch(/[a-z]{3}/)
    const message = page.locator('.suggestion', { hasText: '志' }).locator('.message').first()
    expect(await message.innerText()).toBe('“态愿者”在此处不成词，应为“志愿者”：OCR 常把“志”认成“态”')

    // Restore the revision before the added line: the first article fits the old text again and
    // waits for approval; the editor's title stays.
    await page.keyboard.press('Alt+KeyR')
    await page.getByTestId('history').waitFor()
    const before = listRevisions(db, pageId)[1]!
    await page.locator(`[data-revision-id="${before.id}"]`).getByRole('button', { name: '恢复此版本' }).click()
    await page.getByText(`已恢复修订 #${before.id}`).waitFor()
    const restored = currentText(db, pageId)!
    expect(restored).not.toContain('补充一句。')
    const lines = restored.split('\n')
    const articles = listArticles(db, pageId)
    expect(articles.map((a) => [a.startLine, a.endLine, a.status, a.title, a.titleOverridden])).toEqual([
      [lines.indexOf('社区开展清理行动'), lines.indexOf('文明新风进校园'), 'proposed', '社区开展清理行动', false],
      [lines.indexOf('文明新风进校园'), lines.length, 'proposed', '校园文明新风', true]
    ])
    await page.getByRole('tab', { name: /文章/ }).click()
    expect(await page.locator('.article[data-status="approved"]').count()).toBe(0)
    expect(app.errors).toEqual([])
  })
})
