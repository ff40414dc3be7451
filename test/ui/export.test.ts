import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { screenshot, startApp, type BrowserApp } from '../support/browser'
import { MARKER } from '../../src/core/export'
import { getPageRow, listPages } from '../../src/core/store/queries/pages'
import { currentText } from '../../src/core/store/queries/revisions'
import { replaceArticles } from '../../src/core/store/queries/articles'
import { lineArticle } from '../support/articles'
import type { ImportReport } from '../../src/shared/types'

// The export dialog in browser mode: opened from the keyboard, its progress bar following a
// real export of a store big enough to take a while, its choices remembered, Cancel leaving
// nothing behind, and a failure said in one line.

const PAGES = 80
const ARTICLES_PER_PAGE = 60
const TOTAL = PAGES * ARTICLES_PER_PAGE

function pageText(page: number): string {
  const lines: string[] = []
  for (let a = 0; a < ARTICLES_PER_PAGE; a++) lines.push(`第${page}版第${a}篇 社区新闻记录居民生活点滴与城市变化，街道组织志愿者开展清理行动。`)
  return lines.join('\n')
}

/** Every line of text an approved article: the export has TOTAL articles to write. */
function approveEveryLine(app: BrowserApp): void {
  const { db } = app
  db.transaction(() => {
    for (const page of listPages(db)) {
      const revisionId = getPageRow(db, page.id)!.currentRevisionId!
      const text = currentText(db, page.id)!
      // The working text may have blank lines between paragraphs (the safe fixes): they are no article.
      const lines = text.split('\n').map((line, i) => ({ line, i })).filter(({ line }) => line.trim() !== '')
      const articles = lines.map(({ line, i }) => lineArticle(line, i))
      replaceArticles(db, page.id, revisionId, articles, { source: 'editor', analyzerVersion: 0, keepStatus: new Map(articles.map((_, i) => [i, 'approved'])) })
    }
  })()
}

describe('the export dialog', () => {
  let app: BrowserApp

  beforeEach(async () => {
    app = await startApp()
    const files = Array.from({ length: PAGES }, (_, i) => ({
      name: `${String(i + 1).padStart(2, '0')}版.txt`,
      dataBase64: Buffer.from(pageText(i + 1)).toString('base64')
    }))
    const report = await app.call<ImportReport>('importFiles', { files, edition: '大样 2024-06-01' })
    expect(report.imported).toBe(PAGES)
    approveEveryLine(app)
    await app.page.goto(app.server.url)
    await app.page.locator('.page-row').first().waitFor()
  })
  afterEach(async () => {
    await app?.close()
  })

  it('exports with a progress bar, remembers the formats, cancels without a trace and says what failed in one line', async () => {
    const { page } = app
    const exportsDir = path.join(app.dir, 'exports')
    const first = listPages(app.db)[0]!
    await page.locator(`[data-page-id="${first.id}"]`).click()
    await page.waitForSelector('.editor-host:not(.hidden) .modified-in-monaco-diff-editor .view-lines')

    // From the text, Ctrl+E opens the dialog; with a page open the scope is its edition.
    await page.locator('.modified-in-monaco-diff-editor .view-lines').click()
    await page.keyboard.press('Control+KeyE')
    const dialog = page.getByTestId('export-dialog')
    await dialog.waitFor()
    expect(await page.getByTestId('export-scope-edition').isChecked()).toBe(true)
    expect(await page.getByTestId('export-scope-page').isEnabled()).toBe(true)
    await page.getByTestId('export-scope-all').check()
    await page.getByTestId('export-format-nitf').uncheck()

    // Sample the bar as the editor sees it, every few milliseconds, while the export runs.
    await page.evaluate(() => {
      const w = window as unknown as { samples: [number, number, string][] }
      w.samples = []
      setInterval(() => {
        const bar = document.querySelector<HTMLProgressElement>('[data-testid="export-progress"] progress')
        const label = document.querySelector('[data-testid="export-progress"] span')?.textContent ?? ''
        if (bar && bar.hasAttribute('value')) w.samples.push([bar.value, bar.max, label])
      }, 10)
    })
    await page.getByTestId('export-start').click()
    await page.getByTestId('export-result').waitFor({ timeout: 60_000 })
    await screenshot(page, 'export-dialog')

    const samples = await page.evaluate(() => (window as unknown as { samples: [number, number, string][] }).samples)
    expect(samples.some(([value, max]) => max === TOTAL && value > 0 && value < TOTAL), 'the bar part-way').toBe(true)
    for (let i = 1; i < samples.length; i++) expect(samples[i]![0]).toBeGreaterThanOrEqual(samples[i - 1]![0])
    expect(samples.at(-1)).toEqual([TOTAL, TOTAL, `已导出 ${TOTAL}/${TOTAL} 篇`])
    expect(await page.getByTestId('export-result').innerText()).toContain(`导出完成：${TOTAL} 篇文章，${TOTAL * 2 + 3} 个文件`)
    const folder = await page.getByTestId('export-folder').innerText()
    expect(path.dirname(folder)).toBe(exportsDir)
    expect(fs.readdirSync(folder).sort()).toEqual([MARKER, 'html', 'json', 'manifest.json', 'md', 'txt'])
    expect(fs.readdirSync(path.join(folder, 'txt', '大样_2024-06-01'))).toHaveLength(TOTAL)

    // The formats are remembered across a reload; the page scope needs an open page.
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await page.reload()
    await page.locator('.page-row').first().waitFor()
    await page.locator('.edition h2').first().click()
    await page.keyboard.press('Control+KeyE')
    await dialog.waitFor()
    for (const f of ['json', 'md', 'txt', 'html']) expect(await page.getByTestId(`export-format-${f}`).isChecked(), f).toBe(true)
    expect(await page.getByTestId('export-format-nitf').isChecked()).toBe(false)
    expect(await page.getByTestId('export-scope-page').isEnabled()).toBe(false)
    expect(await page.getByTestId('export-scope-all').isChecked()).toBe(true)

    // Cancel while it runs: no folder, no staging folder. Cancel is clicked in the page the moment
    // it can be (a click sent from here arrives a round trip later, and a quick export had ended
    // by then five times running in CI). Should the export still end first, that run proves
    // nothing about Cancel: its folder goes and the export starts again.
    for (let attempt = 1; ; attempt++) {
      await page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const cancelWhenReady = (): boolean => {
              const cancel = document.querySelector<HTMLButtonElement>('[data-testid="export-cancel"]')
              if (!cancel || cancel.disabled) return false
              cancel.click()
              return true
            }
            const watch = new MutationObserver(() => {
              if (!cancelWhenReady()) return
              watch.disconnect()
              resolve()
            })
            watch.observe(document.body, { childList: true, subtree: true, attributes: true })
            // Gone by itself (the export ended before Cancel was there): the outcome tells.
            setTimeout(() => {
              watch.disconnect()
              resolve()
            }, 5000)
            document.querySelector<HTMLButtonElement>('[data-testid="export-start"]')!.click()
          })
      )
      const outcome = page.getByTestId('export-cancelled').or(page.getByTestId('export-result'))
      await outcome.first().waitFor()
      if ((await page.getByTestId('export-cancelled').count()) > 0) break
      expect(attempt, 'the export ended before Cancel every time').toBeLessThan(5)
      const done = await page.getByTestId('export-folder').innerText()
      fs.rmSync(done, { recursive: true, force: true })
    }
    expect(fs.readdirSync(exportsDir)).toEqual([path.basename(folder)])
    expect(await page.getByTestId('export-progress').getAttribute('data-state')).toBe('cancelled')

    // A folder that cannot be made: the failure in one line, nothing else shown.
    fs.renameSync(exportsDir, `${exportsDir}-kept`)
    fs.writeFileSync(exportsDir, 'not a folder')
    await page.getByTestId('export-start').click()
    const failure = page.getByTestId('export-error')
    await failure.waitFor()
    const text = await failure.innerText()
    expect(text).toMatch(/^导出失败：\S/)
    expect(text).not.toContain('\n')
    const box = (await failure.boundingBox())!
    expect(box.height).toBeLessThan(30)
    expect(await page.getByTestId('export-result').count()).toBe(0)
    expect(await page.getByTestId('export-progress').count()).toBe(0)
    await screenshot(page, 'export-dialog-error')
    await page.keyboard.press('Escape')

    // The shortcut sheet lists it.
    await page.locator('.edition h2').first().click()
    await page.keyboard.press('?')
    const sheet = page.getByTestId('shortcut-sheet')
    await sheet.waitFor()
    expect(await sheet.locator('.shortcut', { hasText: 'Ctrl+E' }).innerText()).toContain('导出')
    expect(app.errors).toEqual([])
  })
})
