import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { screenshot, startApp, workingText, type BrowserApp } from '../support/browser'
import { listArticles } from '../../src/core/store/queries/articles'
import { currentText } from '../../src/core/store/queries/revisions'
import { exportStore } from '../../src/core/export'
import type { ArticleRecord, ImportReport, PageDetail } from '../../src/shared/types'

// Line roles in the workbench: every line's role in the gutter, Alt+digit sets it for the line or
// the selected lines, Alt+L walks through them, Ctrl+Z takes it back, and the article's fields
// (so every export) are read from them. A page written for this test.

const PAGE = [
  '文明新风',
  '',
  '老街巷',
  '',
  '换新颜',
  '',
  '本报讯（记者 王小明）近日，城南街道对三条老街巷开展环境整治，居民拍手称赞。',
  '',
  '改造前后',
  '',
  '整治后的街巷干净整洁，路灯也换成了节能灯。',
  '',
  '李华 摄'
].join('\n')

async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') === 'saved')
}

/** A click on a line of the working text (0-based), as an editor clicks it. */
export async function clickLine(page: Page, line: number, modifiers: Array<'Shift'> = []): Promise<void> {
  const number = page.locator('.modified-in-monaco-diff-editor .line-numbers').filter({ hasText: new RegExp(`^${line + 1}$`) })
  // The gutter re-renders as decorations arrive: wait until the number is laid out, then read its box.
  let box = null as Awaited<ReturnType<typeof number.boundingBox>>
  await expect
    .poll(async () => {
      await number.waitFor({ state: 'visible' })
      box = await number.boundingBox()
      return box !== null
    })
    .toBe(true)
  if (!box) throw new Error(`line ${line + 1} is not on screen`)
  for (const key of modifiers) await page.keyboard.down(key)
  await page.mouse.click(box.x + box.width + 80, box.y + box.height / 2)
  for (const key of modifiers) await page.keyboard.up(key)
}

describe('line roles', () => {
  let app: BrowserApp
  let pageId: number
  const article = (): ArticleRecord => listArticles(app.db, pageId).find((a) => a.kind !== 'furniture' && a.startLine <= 6 && a.endLine > 6)!

  beforeEach(async () => {
    app = await startApp()
    const report = await app.call<ImportReport>('importFiles', { files: [{ name: '样例_01.txt', dataBase64: Buffer.from(PAGE).toString('base64') }], edition: '样例' })
    pageId = report.items[0]!.pageId!
    const detail = await app.call<PageDetail>('getPage', { pageId })
    // One article over the whole page, whatever the analysis proposed.
    await app.call('updateArticles', { pageId, revisionId: detail.revision.id, articles: [{ kind: 'article', startLine: 0, endLine: detail.revision.text.split('\n').length }] })
    await app.page.goto(app.server.url)
    await app.page.locator(`[data-page-id="${pageId}"]`).click()
    await app.page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')
  })
  afterEach(async () => {
    await app?.close()
  })

  it('sets roles by key for a line or a selection, shows them in the gutter, undoes them, and exports what it shows', async () => {
    const { page, db } = app
    const text = await workingText(page)
    const lines = text.split('\n')
    const at = (s: string): number => lines.indexOf(s)
    // Every non-blank line has one mark in the gutter (on the first row of a wrapped line), blank lines none.
    await expect.poll(() => page.locator('.modified-in-monaco-diff-editor .gb-rm').count()).toBe(lines.filter((l) => l.trim()).length)

    // Alt+1 on the first line: kicker. Lines 2 and 4 selected with Shift+click, Alt+2: one title.
    await clickLine(page, at('文明新风'))
    await page.keyboard.press('Alt+Digit1')
    await clickLine(page, at('老街巷'))
    await clickLine(page, at('换新颜'), ['Shift'])
    await page.keyboard.press('Alt+Digit2')
    // The subhead, the credit.
    await clickLine(page, at('改造前后'))
    await page.keyboard.press('Alt+Digit6')
    await clickLine(page, at('李华 摄'))
    await page.keyboard.press('Alt+Digit9')
    await waitSaved(page)
    await expect.poll(() => article().roles?.filter((r) => r !== null)).toEqual(['kicker', 'title', 'title', 'body', 'subhead', 'body', 'credit'])
    const a = article()
    expect(a.kicker).toBe('文明新风')
    expect(a.title).toBe('老街巷 换新颜')
    expect(a.paragraphs.filter((p) => p.role === 'subhead').map((p) => p.text)).toEqual(['改造前后'])
    expect(a.byline).toBe('记者 王小明')
    expect(a.captions).toEqual(['李华 摄'])
    expect(a.source).toBe('editor')
    // No key typed a character: the text is as it was, and no revision was made.
    expect(await workingText(page)).toBe(text)
    expect(currentText(db, pageId)).toBe(text)
    await expect.poll(() => page.locator('.modified-in-monaco-diff-editor .gb-rm-title').count()).toBe(2)
    await expect.poll(() => page.locator('.modified-in-monaco-diff-editor .gb-rm:not(.gb-rm-given)').count()).toBe(0)
    // The marks speak the UI's language.
    const mark = await page.locator('.modified-in-monaco-diff-editor .gb-rm-title').first().evaluate((el) => getComputedStyle(el, '::before').content)
    expect(mark).toBe('"题"')
    await screenshot(page, 'line-roles')

    // Alt+L walks on from the credit (the next role is furniture), Alt+Shift+L back.
    await page.keyboard.press('Alt+KeyL')
    await waitSaved(page)
    await expect.poll(() => article().roles?.at(-1)).toBe('furniture')
    await expect.poll(() => article().captions).toEqual([])
    await page.keyboard.press('Alt+Shift+KeyL')
    await waitSaved(page)
    await expect.poll(() => article().roles?.at(-1)).toBe('credit')

    // Ctrl+Z takes back the last role steps one at a time, through the one history.
    await page.keyboard.press('Control+KeyZ')
    await waitSaved(page)
    await expect.poll(() => article().roles?.at(-1)).toBe('furniture')
    await page.keyboard.press('Control+KeyZ')
    await page.keyboard.press('Control+KeyZ')
    await waitSaved(page)
    await expect.poll(() => article().roles?.at(-1)).toBe('caption')
    await page.keyboard.press('Control+Shift+KeyZ')
    await waitSaved(page)
    await expect.poll(() => article().roles?.at(-1)).toBe('credit')
    expect(await workingText(page)).toBe(text)

    // Typing a line above keeps every role with its line.
    await clickLine(page, at('整治后的街巷干净整洁，路灯也换成了节能灯。'))
    await page.keyboard.press('Home')
    await page.keyboard.type('补记')
    await page.keyboard.press('Enter')
    await waitSaved(page)
    await expect.poll(() => article().paragraphs.filter((p) => p.role === 'subhead').map((p) => p.text)).toEqual(['改造前后'])
    expect(article().title).toBe('老街巷 换新颜')
    expect(article().captions).toEqual(['李华 摄'])

    // The sheet lists the role keys.
    await page.keyboard.press('F1')
    const sheet = page.getByTestId('shortcut-sheet')
    await expect.poll(() => sheet.innerText()).toContain('行的角色')
    expect(await sheet.innerText()).toContain('Alt+L')
    expect(await sheet.innerText()).toContain('本行（或选中各行）设为主题')
    await screenshot(page, 'line-roles-sheet')
    await page.keyboard.press('Escape')

    // Every export writes what the gutter shows: kicker and title once, the subhead a heading, the credit once.
    await app.call('approvePage', { pageId, flagged: true })
    const out = path.join(app.dir, 'export')
    exportStore(db, { scope: { pageId }, formats: ['md'], outDir: out })
    const md = fs.readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.md')).map((f) => fs.readFileSync(path.join(out, f), 'utf8')).join('\n')
    const body = md.slice(md.indexOf('---', 4))
    expect(body.match(/老街巷 换新颜/g)).toHaveLength(1)
    expect(body.match(/文明新风/g)).toHaveLength(1)
    expect(body).toContain('## 改造前后')
    expect(body.match(/李华 摄/g)).toHaveLength(1)
    expect(app.errors).toEqual([])
  })

  it('makes a block of page furniture an article when one of its lines is given an article role', async () => {
    const { page, db } = app
    const detail = await app.call<PageDetail>('getPage', { pageId })
    const n = detail.revision.text.split('\n').length
    await app.call('updateArticles', { pageId, revisionId: detail.revision.id, articles: [{ kind: 'article', startLine: 0, endLine: n - 1 }, { kind: 'furniture', startLine: n - 1, endLine: n }] })
    await page.reload()
    await page.locator(`[data-page-id="${pageId}"]`).click()
    await page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')
    await expect.poll(() => page.locator('.modified-in-monaco-diff-editor .gb-rm-furniture').count()).toBe(1)
    await clickLine(page, n - 1)
    await page.keyboard.press('Alt+Digit2')
    await waitSaved(page)
    await expect.poll(() => listArticles(db, pageId).map((a) => [a.kind, a.title])).toEqual([
      ['article', article().title],
      ['article', '李华 摄']
    ])
    await expect.poll(() => page.locator('.modified-in-monaco-diff-editor .gb-rm-furniture').count()).toBe(0)
    expect(app.errors).toEqual([])
  })
})
