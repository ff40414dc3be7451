import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportStore } from '../../src/core/export'
import type { Db } from '../../src/core/store/database'
import { removeDir, suiteDir } from '../support/tmp'
import { buildStore, EDITION } from '../fixtures/export/buildEdition'

// The HTML export opened in Debian's Chromium: self-contained, Chinese rendered with a CJK
// font, a working table of contents, printable. The screenshot is kept for a human to look at.

const RESULTS = path.resolve(__dirname, '../../test-results')
const CHROMIUM = '/usr/bin/chromium'

let dir: string
let db: Db
let browser: Browser
let htmlFile: string

beforeAll(async () => {
  dir = suiteDir('galley-export-html-')
  ;({ db } = await buildStore(dir))
  const out = path.join(dir, 'out')
  exportStore(db, { scope: { edition: EDITION }, formats: ['html'], outDir: out, includeUnapproved: true })
  htmlFile = path.join(out, 'html', `${EDITION.replace(' ', '_')}.html`)
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
})
afterAll(async () => {
  await browser?.close()
  db.close()
  removeDir(dir)
})

describe('HTML export in Chromium', () => {
  it('loads nothing but itself, renders Chinese with a CJK font, links its contents, and prints', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } })
    const requests: string[] = []
    page.on('request', (r) => requests.push(r.url()))
    const url = pathToFileURL(htmlFile).href
    await page.goto(url)
    expect(requests).toEqual([url])
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN')

    // Every entry of the contents leads to an article on the page.
    const links = await page.$$eval('nav.toc a[href^="#article-"]', (as) => as.map((a) => a.getAttribute('href')!.slice(1)))
    expect(links).toHaveLength(5)
    for (const id of links) expect(await page.locator(`#${id}`).count()).toBe(1)
    expect(await page.locator('article.unapproved .status').count()).toBe(1)
    expect(await page.locator('p.notice').count()).toBe(1)

    // The glyphs of a title and of a paragraph come from a CJK font, none missing.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root } = await cdp.send('DOM.getDocument')
    for (const selector of ['h3.title', 'article p.body']) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
      expect(fonts.length, selector).toBeGreaterThan(0)
      expect(fonts.some((f) => /CJK|Han|Song|Hei|Ming/i.test(f.familyName)), JSON.stringify(fonts)).toBe(true)
    }
    // Strict line breaking: no line of a justified paragraph starts with a closing mark.
    const lineBreak = await page.$eval('article p.body', (p) => getComputedStyle(p).lineBreak)
    expect(lineBreak).toBe('strict')

    fs.mkdirSync(RESULTS, { recursive: true })
    await page.screenshot({ path: path.join(RESULTS, 'export-edition.png'), fullPage: true })
    await page.emulateMedia({ media: 'print' })
    await page.screenshot({ path: path.join(RESULTS, 'export-edition-print.png'), fullPage: false })
    const pdf = await page.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    fs.writeFileSync(path.join(RESULTS, 'export-edition.pdf'), pdf)
    await page.close()
  })
})
