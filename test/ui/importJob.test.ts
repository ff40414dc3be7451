import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startApp, type BrowserApp } from '../support/browser'
import { listPages } from '../../src/core/store/queries/pages'
import { pagesWithStaleSuggestions } from '../../src/core/store/queries/suggestions'

// The import dialog runs the import as a job on the server, in browser mode as the app is set
// up (analysis on worker threads): the files go in large batches, the dialog shows the files
// done, the file in the works and every failure by name, and Cancel stops it cleanly.

function pageText(n: number, repeat = 1): string {
  const body = `本报讯（记者 王小明）城南街道启动老旧小区改造，第${n}个社区试点加装电梯，居民反映良好。`.repeat(repeat)
  return `第${n}版要闻\n\n社区新闻第${n}篇 城南街道启动老旧小区改造\n\n${body}\n`
}

/**
 * A page of text that never repeats itself (seeded): the typo detector scores a sentence seen
 * before on a page only once, so repeated filler imports too fast for a cancel to land mid-way.
 */
function variedText(n: number, chars: number): string {
  let seed = (n + 1) * 2654435761
  const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0)
  let body = ''
  for (let k = 0; k < chars; k++) body += k % 23 === 22 ? '，' : String.fromCharCode(0x4e00 + (next() % 0x51a5))
  return `第${n}版要闻\n\n社区新闻第${n}篇\n\n${body}。\n`
}

function folderOfPages(app: BrowserApp, name: string, count: number, repeat: number, bad: Set<number> = new Set(), varied = false): string {
  const folder = path.join(app.dir, name)
  fs.mkdirSync(folder)
  for (let i = 0; i < count; i++) {
    const file = path.join(folder, `p_${String(i).padStart(4, '0')}.txt`)
    if (bad.has(i)) fs.writeFileSync(file, Buffer.from(Array.from({ length: 3000 }, (_, k) => (k * 7919) % 256)))
    else fs.writeFileSync(file, varied ? variedText(i, repeat) : pageText(i, repeat))
  }
  return folder
}

describe('import as a job in the browser', () => {
  let app: BrowserApp
  beforeEach(async () => {
    app = await startApp({ workers: true })
    await app.page.goto(app.server.url)
  })
  afterEach(async () => {
    await app.close()
  })

  it('imports a folder in large batches with a bad file in the middle, shows progress and the failure by name, and checks once at the end', async () => {
    const { page } = app
    const folder = folderOfPages(app, '晚报', 120, 1, new Set([57]))
    const sends: number[] = []
    page.on('request', (r) => {
      if (r.url().endsWith('/api/sendImportFiles')) sends.push(((JSON.parse(r.postData() ?? '{}') as { files?: unknown[] }).files ?? []).length)
    })
    await page.getByRole('button', { name: '导入' }).click()
    await page.getByTestId('import-folder').setInputFiles(folder)
    await page.getByText('已选择 120 个文件').waitFor()
    await page.getByTestId('import-start').click()
    // The progress the dialog shows while the job runs.
    await page.getByTestId('import-progress').waitFor()
    const result = page.getByTestId('import-result')
    await result.waitFor({ timeout: 90_000 })
    const text = await result.innerText()
    expect(text).toMatch(/完成：新增 119，未变 0，失败 1/)
    expect(text).toMatch(/晚报\/p_0057\.txt：.*(binary|undecodable)/)
    // One request for the 120 files, not 30 of four.
    expect(sends).toEqual([120])
    expect(listPages(app.db)).toHaveLength(119)
    // One suggestion pass, after the import: no page left waiting.
    expect(pagesWithStaleSuggestions(app.db)).toEqual([])
    // The sidebar lists the new edition without a reload.
    await page.getByText('晚报').first().waitFor()
    expect(app.errors).toEqual([])
  }, 150_000)

  it('cancels a running import: the dialog says the stored pages stay and how many files were not imported, and the store holds exactly those pages', async () => {
    const { page } = app
    const count = 600
    const folder = folderOfPages(app, '取消', count, 3000, new Set(), true)
    await page.getByRole('button', { name: '导入' }).click()
    await page.getByTestId('import-folder').setInputFiles(folder)
    await page.getByText(`已选择 ${count} 个文件`).waitFor()
    await page.getByTestId('import-start').click()
    // Running on the server: the dialog names the file in the works.
    await page.getByTestId('import-current').waitFor({ timeout: 90_000 })
    expect(await page.getByTestId('import-current').innerText()).toMatch(/当前：取消\/p_\d{4}\.txt/)
    // Some pages stored, most still to come.
    await page.waitForFunction(
      (total) => {
        const m = /正在导入 (\d+)\/(\d+)/.exec(document.querySelector('[data-testid="import-progress"]')?.textContent ?? '')
        return m !== null && Number(m[1]) >= 10 && Number(m[2]) === total
      },
      count,
      { timeout: 90_000, polling: 20 }
    )
    await page.getByTestId('import-cancel').click()
    const result = page.getByTestId('import-result')
    await result.waitFor({ timeout: 60_000 })
    const text = await result.innerText()
    const imported = Number(/已取消：新增 (\d+)/.exec(text)?.[1])
    const left = Number(/其余 (\d+) 个文件未导入/.exec(text)?.[1])
    expect(imported).toBeGreaterThan(0)
    // On a quiet machine the last pages can be stored before the cancel lands (the cancel then
    // stops the suggestion pass): the dialog and the store must still agree, page for page. The
    // service test (test/adapters/import-jobs.test.ts) cancels mid-import deterministically.
    expect(imported).toBeLessThanOrEqual(count)
    expect(imported + left).toBe(count)
    // Exactly the pages the dialog counted, whole, and no more arrive after the answer.
    expect(listPages(app.db)).toHaveLength(imported)
    await page.waitForTimeout(500)
    expect(listPages(app.db)).toHaveLength(imported)
    expect(listPages(app.db).every((p) => p.articleCount > 0)).toBe(true)
    // The dialog can start again and be closed.
    await page.getByTestId('import-start').waitFor()
    expect(fs.readdirSync(app.dir).filter((n) => n.startsWith('.galley-import-'))).toEqual([])
    expect(app.errors).toEqual([])
  }, 150_000)
})
