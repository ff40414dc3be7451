import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { screenshot, startApp, type BrowserApp } from '../support/browser'
import { listEditions } from '../../src/core/store/queries/editions'
import { listPages } from '../../src/core/store/queries/pages'
import type { ImportReport } from '../../src/shared/types'

// The edition's title, issue date and page labels, corrected in the sidebar's dialog.

const page = (header: string): string => [header, '', '社区开展清理行动', '本报讯 近日，社区组织志愿者开展清理行动。'].join('\n')

describe('the edition dialog', () => {
  let app: BrowserApp
  beforeEach(async () => {
    app = await startApp()
    const files = [
      { name: 'a.txt', folder: '晚报 20240501', dataBase64: Buffer.from(page('当前版: 05版')).toString('base64') },
      { name: 'b.txt', folder: '晚报 20240501', dataBase64: Buffer.from(page('无版次')).toString('base64') }
    ]
    const report = await app.call<ImportReport>('importFiles', { files })
    expect(report.failed).toBe(0)
    await app.page.goto(app.server.url)
  })
  afterEach(async () => {
    await app?.close()
  })

  it('shows the header label and the date from the folder, and saves what the editor corrects', async () => {
    const { page: tab, db } = app
    const edition = listEditions(db)[0]!
    expect(edition.issueDate).toBe('2024-05-01')
    await tab.locator('.edition-date').getByText('2024-05-01').waitFor()
    await tab.getByText('第 05 版').waitFor()

    await tab.locator(`[data-edition-id="${edition.id}"]`).click()
    await tab.getByTestId('edition-title').fill('城市晚报')
    // A date the store refuses is explained in place; nothing is saved, the dialog stays.
    await tab.getByTestId('edition-date').fill('2024-02-30')
    await tab.getByTestId('edition-save').click()
    await tab.getByTestId('edition-error').getByText(/not a calendar date/).waitFor()
    expect(listEditions(db)[0]!.issueDate).toBe('2024-05-01')

    await tab.getByTestId('edition-date').fill('2024年5月2日')
    const unlabelled = listPages(db).find((p) => p.sourceName === 'b.txt')!
    await tab.locator(`[data-page-label="${unlabelled.id}"]`).fill('06')
    await screenshot(tab, 'edition-dialog')
    await tab.getByTestId('edition-save').click()
    await tab.getByTestId('edition-save').waitFor({ state: 'detached' })
    await expect.poll(() => listEditions(db)[0]).toMatchObject({ title: '城市晚报', issueDate: '2024-05-02' })
    expect(listPages(db).map((p) => p.label).sort()).toEqual(['05', '06'])
    await tab.locator('.edition-title').getByText('城市晚报').waitFor()
    await tab.locator('.edition-date').getByText('2024-05-02').waitFor()
    await tab.getByText('第 06 版').waitFor()
    await screenshot(tab, 'edition-sidebar')

    // The same in English.
    await tab.getByRole('button', { name: '设置', exact: true }).click()
    await tab.getByTestId('locale').selectOption('en')
    await tab.keyboard.press('Escape')
    await tab.locator(`[data-edition-id="${edition.id}"]`).click()
    await tab.getByText('Issue date').waitFor()
    // The refused date's answer is the one failed request the browser reports.
    expect(app.errors).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)'])
  })
})
