import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startApp, type BrowserApp } from '../support/browser'
import type { PageDetail } from '../../src/shared/types'

// The articles panel follows in-line edits: a title retyped in the text, a paragraph added.

const TEXT = ['河畔公园今日开园', '园内新栽树木两千株。', '', '夜市延长营业时间', '夏季夜市每晚营业至二十三时。'].join('\n')
const b64 = (s: string): string => Buffer.from(s).toString('base64')

describe('the articles panel', () => {
  let app: BrowserApp

  beforeEach(async () => {
    app = await startApp({ locale: 'en-US' })
  })
  afterEach(async () => {
    await app?.close()
  })

  it('shows the title and paragraphs the text has now, without a page switch', async () => {
    const { page } = app
    await app.call('importFiles', { files: [{ name: 'park_01.txt', dataBase64: b64(TEXT) }], edition: 'Park' })
    const detail = await app.call<PageDetail>('getPage', { pageId: 1 })
    const lines = detail.revision.text.split('\n')
    const second = lines.indexOf('夜市延长营业时间')
    await app.call('updateArticles', {
      pageId: 1,
      revisionId: detail.revision.id,
      articles: [
        { kind: 'article', startLine: 0, endLine: second },
        { kind: 'article', startLine: second, endLine: lines.length }
      ]
    })
    await page.goto(app.server.url)
    await page.locator('[data-page-id="1"]').click()
    await page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')
    const first = page.locator('.article').first()
    await first.locator('.article-title').getByText('河畔公园今日开园').waitFor()

    // The title line retyped in place (no line added), then a paragraph added to the article.
    await page.locator('.modified-in-monaco-diff-editor .view-lines').click()
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('End')
    await page.keyboard.type('迎客')
    await first.locator('.article-title').getByText('河畔公园今日开园迎客').waitFor()
    const paragraphs = await first.locator('.article-meta').textContent()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('步道全长三公里。')
    await expect.poll(() => first.locator('.article-meta').textContent()).not.toBe(paragraphs)
    expect(app.errors).toEqual([])
  })
})
