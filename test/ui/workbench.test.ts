import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Page, Request } from 'playwright-core'
import { screenshot, startApp, workingText, type BrowserApp } from '../support/browser'
import { SAMPLES } from '../support/tmp'
import { listPages } from '../../src/core/store/queries/pages'
import { listArticles } from '../../src/core/store/queries/articles'
import { listSuggestions, replaceOpenSuggestions, type SuggestionInput } from '../../src/core/store/queries/suggestions'
import { currentText, getRevision, listRevisions } from '../../src/core/store/queries/revisions'
import type { PageDetail } from '../../src/shared/types'

// The whole page workflow in browser mode, driven from the keyboard where an editor would.

const sampleFiles = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.txt'))

async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') === 'saved')
}

async function importSamples(app: BrowserApp): Promise<void> {
  const { page } = app
  await page.getByRole('button', { name: '导入' }).click()
  await page.getByTestId('import-edition').fill('样例')
  await page.getByTestId('import-folder').setInputFiles(SAMPLES)
  await page.getByText(`已选择 ${sampleFiles.length} 个文件`).waitFor()
  await page.getByTestId('import-start').click()
  await page.getByTestId('import-result').waitFor()
  await page.getByRole('button', { name: '关闭', exact: true }).click()
}

/** Analysis may not have run yet: give the page suggestions of our own, generic ones, through the store. */
function ensureSuggestions(app: BrowserApp, pageId: number): void {
  if (listSuggestions(app.db, pageId).length > 0) return
  const row = app.db.prepare('SELECT current_revision_id AS rev FROM pages WHERE id = ?').get(pageId) as { rev: number }
  const text = currentText(app.db, pageId)!
  const seeds: SuggestionInput[] = []
  for (const m of text.matchAll(/(?<=\p{Script=Han}),(?=\p{Script=Han})/gu)) {
    if (seeds.length === 3) break
    seeds.push({ rule: 'punctuation', start: m.index, end: m.index + 1, original: ',', replacement: '，', confidence: 0.9, message: '半角逗号' })
  }
  if (seeds.length === 0) {
    const at = text.search(/\p{Script=Han}/u)
    seeds.push({ rule: 'typo', start: at, end: at + 1, original: text[at]!, replacement: '〇', confidence: 0.5, message: '测试' })
  }
  app.db.transaction(() => replaceOpenSuggestions(app.db, pageId, row.rev, seeds))()
}

async function openPage(page: Page, pageId: number): Promise<void> {
  await page.locator(`[data-page-id="${pageId}"]`).click()
  await page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')
  await page.locator(`[data-page-id="${pageId}"][aria-current="page"]`).waitFor()
}


describe('the workbench in browser mode', () => {
  let app: BrowserApp

  beforeEach(async () => {
    app = await startApp()
    await app.page.goto(app.server.url)
    await app.page.getByText('尚无版面').waitFor()
  })
  afterEach(async () => {
    await app?.close()
  })

  it('imports, accepts a suggestion from the keyboard, splits, approves, survives a reload and restores a revision', async () => {
    const { page, db } = app
    await importSamples(app)
    const pages = listPages(db)
    expect(pages).toHaveLength(sampleFiles.length)
    await page.locator('.page-row').first().waitFor()
    expect(await page.locator('.page-row').count()).toBe(sampleFiles.length)
    await screenshot(page, '01-page-list')

    const target = pages[0]!
    ensureSuggestions(app, target.id)
    const before = currentText(db, target.id)!
    await openPage(page, target.id)
    expect(await workingText(page)).toBe(before)

    // Next suggestion (F8) and accept it through the quick fix (Ctrl+. then Enter).
    await page.locator('.modified-in-monaco-diff-editor .view-lines').click()
    await page.keyboard.press('Control+Home')
    const open = listSuggestions(db, target.id)
    await page.keyboard.press('F8')
    await page.locator('.marker-widget').waitFor()
    await screenshot(page, '02-diff-with-suggestions')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Control+.')
    await page.locator('.action-widget').waitFor()
    await page.keyboard.press('Enter')
    await waitSaved(page)
    const accepted = listSuggestions(db, target.id, 'accepted')
    expect(accepted).toHaveLength(1)
    const s = accepted[0]!
    expect(open.map((o) => o.id)).toContain(s.id)
    const afterAccept = before.slice(0, s.start) + s.replacement + before.slice(s.end)
    expect(currentText(db, target.id)).toBe(afterAccept)

    // Split the article at the cursor (making one first when analysis gave none), then approve the page.
    const lines = afterAccept.split('\n')
    const splitLine = lines.findIndex((l, i) => i > 1 && l.trim().length > 0)
    expect(splitLine).toBeGreaterThan(1)
    let expectedCount = listArticles(db, target.id).length
    await page.keyboard.press('Control+Home')
    if (expectedCount === 0) {
      await page.keyboard.press('Alt+KeyS')
      expectedCount = 1
      await expect.poll(() => listArticles(db, target.id).length).toBe(1)
    }
    const host = listArticles(db, target.id).find((a) => a.startLine < splitLine && a.endLine > splitLine)
    expect(host, 'an article that spans the split line').toBeDefined()
    for (let i = 0; i < splitLine; i++) await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Alt+KeyS')
    await expect.poll(() => listArticles(db, target.id).length).toBe(expectedCount + 1)
    expect(listArticles(db, target.id).some((a) => a.startLine === splitLine)).toBe(true)
    await expect.poll(() => page.locator('.article').count()).toBe(expectedCount + 1)
    await screenshot(page, '03-articles-panel')

    await page.keyboard.press('Alt+Shift+KeyA')
    // With flagged articles on the page, Galley asks first: approve them too.
    const flagged = listArticles(db, target.id).some((a) => a.kind !== 'furniture' && a.status === 'proposed' && a.flags.length > 0)
    if (flagged) await page.getByRole('button', { name: '全部通过（含存疑）' }).click()
    await expect.poll(() => listPages(db).find((p) => p.id === target.id)?.status).toBe('approved')
    await page.getByTestId('page-status').getByText('已通过').waitFor()
    const approvedArticles = listArticles(db, target.id)
    expect(approvedArticles.filter((a) => a.kind !== 'furniture').every((a) => a.status === 'approved')).toBe(true)

    // Reload: everything is still there, in the store and in the UI.
    await page.reload()
    await page.locator('.page-row').first().waitFor()
    await openPage(page, target.id)
    expect(await workingText(page)).toBe(afterAccept)
    await expect.poll(() => page.locator('.article').count()).toBe(approvedArticles.length)
    expect(await page.locator('.article[data-status="approved"]').count()).toBe(approvedArticles.filter((a) => a.status === 'approved').length)
    const detail = await app.call<PageDetail>('getPage', { pageId: target.id })
    expect(detail.revision.text).toBe(afterAccept)
    expect(detail.page.status).toBe('approved')
    expect(detail.suggestions.map((x) => x.id)).not.toContain(s.id)

    // History: restore the import revision.
    await page.keyboard.press('Alt+KeyR')
    await page.getByTestId('history').waitFor()
    const revisions = listRevisions(db, target.id)
    const oldest = revisions[revisions.length - 1]!
    expect(revisions.length).toBeGreaterThan(1)
    await page.locator(`[data-revision-id="${oldest.id}"]`).getByRole('button', { name: '对比' }).click()
    await page.locator('.banner.compare').waitFor()
    await screenshot(page, '04-revision-history')
    await page.locator(`[data-revision-id="${oldest.id}"]`).getByRole('button', { name: '恢复此版本' }).click()
    const restored = getRevision(db, oldest.id)!.text
    await expect.poll(() => currentText(db, target.id)).toBe(restored)
    expect(listRevisions(db, target.id)[0]!.reason).toBe(`restore revision ${oldest.id}`)
    await expect.poll(() => workingText(page)).toBe(restored)

    // The shortcut sheet, from outside the text.
    await page.locator('.edition h2').first().click()
    await page.keyboard.press('?')
    await page.getByTestId('shortcut-sheet').waitFor()
    await screenshot(page, '05-shortcut-sheet')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('shortcut-sheet').count()).toBe(0)
    expect(app.errors).toEqual([])
  })

  it('saves typing within a second and refuses to overwrite another writer', async () => {
    const { page, db } = app
    await importSamples(app)
    const target = listPages(db)[1]!
    await openPage(page, target.id)
    await page.locator('.modified-in-monaco-diff-editor .view-lines').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('校对完毕')
    await expect.poll(() => currentText(db, target.id)?.endsWith('校对完毕'), { timeout: 1500, interval: 50 }).toBe(true)
    await waitSaved(page)

    // A line typed above every article: one save request moves them all, none other follows.
    const requests: string[] = []
    const seen = (r: Request): void => {
      const method = /\/api\/(\w+)$/.exec(r.url())?.[1]
      if (method) requests.push(method)
    }
    page.on('request', seen)
    const before = listArticles(db, target.id)
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('Enter')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.type('本版导读')
    await expect.poll(() => currentText(db, target.id)?.startsWith('本版导读\n'), { timeout: 1500, interval: 50 }).toBe(true)
    await waitSaved(page)
    expect(requests.filter((m) => m === 'saveRevision').length).toBeGreaterThan(0)
    expect(requests.filter((m) => m !== 'saveRevision')).toEqual([])
    expect(listArticles(db, target.id).map((a) => [a.id, a.startLine, a.endLine])).toEqual(before.map((a) => [a.id, a.startLine + 1, a.endLine + 1]))
    page.off('request', seen)
    await page.keyboard.press('Control+End')

    // Another writer moves the page on; our next edit must not overwrite it.
    const theirs = await app.call<PageDetail>('getPage', { pageId: target.id })
    await app.call('saveRevision', { pageId: target.id, baseRevisionId: theirs.revision.id, text: theirs.revision.text + '\n他人修改' })
    await page.keyboard.type('。')
    await page.locator('.banner.conflict').waitFor()
    expect(currentText(db, target.id)).toBe(theirs.revision.text + '\n他人修改')
    await screenshot(page, '06-conflict')

    await page.getByRole('button', { name: '保存我的版本为新修订' }).click()
    await waitSaved(page)
    expect(currentText(db, target.id)).toBe(theirs.revision.text + '。')
    // Their revision stays in the history under ours.
    const history = listRevisions(db, target.id)
    expect(history[1]!.length).toBe((theirs.revision.text + '\n他人修改').length)

    // From another page, search the whole store from the keyboard and jump to the hit.
    const other = listPages(db).find((p) => p.id !== target.id)!
    await openPage(page, other.id)
    await page.keyboard.press('Control+Shift+KeyF')
    await page.keyboard.type('校对完毕')
    await page.locator('.hit').first().waitFor()
    expect(await page.locator('.hit').count()).toBe(1)
    await page.locator('.hit').first().click()
    await page.waitForFunction(() => document.activeElement?.closest('.modified-in-monaco-diff-editor') !== null)
    await page.locator('#galley-search').fill('')
    await page.locator(`[data-page-id="${target.id}"][aria-current="page"]`).waitFor()
    expect(await workingText(page)).toBe(currentText(db, target.id))
  })
})
