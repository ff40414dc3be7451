import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startApp, type BrowserApp } from '../support/browser'
import { reproposalSettled } from '../../src/core/learning/reproposalJobs'
import { listPublications } from '../../src/core/store/queries/publications'
import { listRules } from '../../src/core/store/queries/learning'
import type { PageDetail } from '../../src/shared/types'
import { tempDir } from '../support/tmp'

// The workbench's side of learning from the editor: the import dialog names the publication, and
// a page proposed again with what was learnt says so, with a button that undoes the rule.

const FIXTURES = path.resolve(__dirname, '../fixtures/learning')
const NOTICE = '晚报社区版热线征集身边新鲜事'

describe('learning in the workbench', () => {
  let app: BrowserApp | undefined
  afterEach(async () => {
    await app?.close()
  })

  it('imports into the publication named in the dialog, shows why a page was proposed again, and undoes the rule', async () => {
    app = await startApp()
    const { page, db } = app
    const dir = tempDir()
    fs.copyFileSync(path.join(FIXTURES, 'page-a.txt'), path.join(dir, 'p_01.txt'))
    fs.copyFileSync(path.join(FIXTURES, 'page-b.txt'), path.join(dir, 'p_02.txt'))
    await page.goto(app.server.url)
    await page.getByRole('button', { name: '导入' }).click()
    await page.getByTestId('import-edition').fill('第一期')
    await page.getByTestId('import-publication').fill('城市晚报')
    await page.getByTestId('import-files').setInputFiles([path.join(dir, 'p_01.txt'), path.join(dir, 'p_02.txt')])
    await page.getByTestId('import-start').click()
    await page.getByTestId('import-result').waitFor()
    await page.getByRole('button', { name: '关闭', exact: true }).click()
    expect(listPublications(db).map((p) => [p.name, p.pageCount])).toEqual([['城市晚报', 2]])

    // The editor's structure of the first page (the notice lines furniture), approved through the API.
    const first = await app.call<PageDetail>('getPage', { pageId: 1 })
    const lines = first.revision.text.split('\n')
    const furniture = lines.flatMap((l, i) => (l === NOTICE ? [{ kind: 'furniture', startLine: i, endLine: i + 1 }] : []))
    const articles = first.articles.filter((a) => a.kind !== 'furniture' && !furniture.some((f) => f.startLine >= a.startLine && f.startLine < a.endLine))
    await app.call('updateArticles', {
      pageId: 1,
      revisionId: first.revision.id,
      articles: [...articles.map((a) => ({ kind: a.kind, startLine: a.startLine, endLine: a.endLine })), ...furniture]
    })
    await app.call('approvePage', { pageId: 1 })
    const publicationId = listPublications(db)[0]!.id
    await reproposalSettled(db, publicationId)

    await page.locator('[data-page-id="2"]').click()
    const learnt = page.getByTestId('learnt-changes')
    await learnt.waitFor()
    await expect.poll(() => learnt.innerText()).toContain('从您在第 01 版的修改中学到')
    expect(await learnt.innerText()).toContain(NOTICE)
    await learnt.getByTestId('learnt-undo').first().click()
    await expect.poll(() => listRules(db, publicationId).find((r) => r.template === NOTICE)?.state).toBe('undone')
    expect(app.errors).toEqual([])
  })
})
