import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startApp, screenshot, type BrowserApp } from '../support/browser'
import { listCorrections, listProtectedTerms, recordCorrection } from '../../src/core/store/queries/knowledge'

// What Galley learnt, in a view where it can be read, corrected and removed.

describe('the knowledge view', () => {
  let app: BrowserApp

  beforeEach(async () => {
    app = await startApp()
    await app.page.goto(app.server.url)
  })
  afterEach(async () => {
    await app?.close()
  })

  it('lists learnt corrections once each, corrects and removes them, and adds and removes protected terms', async () => {
    const { page, db } = app
    for (const pageId of [null, null]) recordCorrection(db, { original: '态愿者', replacement: '志原者', contextBefore: '', contextAfter: '', decision: 'accepted', pageId })
    recordCorrection(db, { original: '树木', replacement: '林木', contextBefore: '', contextAfter: '', decision: 'accepted', pageId: null })
    expect(listCorrections(db)).toHaveLength(2)

    await page.getByRole('button', { name: '设置' }).click()
    await page.getByTestId('open-knowledge').click()
    const view = page.getByTestId('knowledge')
    await view.waitFor()
    // The view appears before its rows are read: wait for them rather than count at once.
    await expect.poll(() => view.locator('tr').count()).toBe(2)

    // A wrong lesson corrected in place, another removed.
    const wrong = view.locator('tr[data-original="态愿者"] input')
    await wrong.fill('志愿者')
    await wrong.press('Enter')
    await expect.poll(() => listCorrections(db).map((c) => [c.original, c.replacement])).toEqual([
      ['树木', '林木'],
      ['态愿者', '志愿者']
    ])
    await view.locator('tr[data-original="树木"]').getByRole('button', { name: '删除' }).click()
    await expect.poll(() => listCorrections(db).map((c) => c.original)).toEqual(['态愿者'])
    await expect.poll(() => view.locator('tr').count()).toBe(1)

    await page.getByTestId('new-term').fill('越丽')
    await page.getByTestId('new-term').press('Enter')
    await expect.poll(() => listProtectedTerms(db)).toEqual(['越丽'])
    await view.locator('li[data-term="越丽"]').waitFor()
    await screenshot(page, 'knowledge')
    await view.locator('li[data-term="越丽"]').getByRole('button', { name: '删除' }).click()
    await expect.poll(() => listProtectedTerms(db)).toEqual([])
    expect(app.errors).toEqual([])
  })
})
