import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startApp, type BrowserApp } from '../support/browser'
import { listPages } from '../../src/core/store/queries/pages'

// An upload from the browser goes on past files that are refused, and says which and why.

const PROSE = '本报讯（记者 王小明）城南街道启动老旧小区改造，三个社区试点加装电梯。'

describe('uploading pages in browser mode', () => {
  let app: BrowserApp
  beforeEach(async () => {
    app = await startApp()
    await app.page.goto(app.server.url)
  })
  afterEach(async () => {
    await app.close()
  })

  it('imports the good files of a folder with a file over 20 MB, a binary file and a batch the connection drops', async () => {
    const { page } = app
    const folder = path.join(app.dir, '上传')
    fs.mkdirSync(folder)
    fs.writeFileSync(path.join(folder, 'a_01.txt'), `${PROSE}\n第一段。`)
    fs.writeFileSync(path.join(folder, 'b_02.txt'), Buffer.alloc(21 * 1024 * 1024, 'a'))
    fs.writeFileSync(path.join(folder, 'c_03.txt'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)))
    fs.writeFileSync(path.join(folder, 'd_04.txt'), `${PROSE}\n第四段。`)
    fs.writeFileSync(path.join(folder, 'e_05.txt'), `${PROSE}\n第五段。`)
    // The first request that carries several files is dropped, as a broken connection would.
    let dropped = 0
    await page.route('**/api/sendImportFiles', async (route) => {
      const files = (JSON.parse(route.request().postData() ?? '{}') as { files?: unknown[] }).files ?? []
      if (dropped === 0 && files.length > 1) {
        dropped++
        await route.abort('connectionreset')
      } else await route.continue()
    })
    await page.getByRole('button', { name: '导入' }).click()
    await page.getByTestId('import-edition').fill('上传')
    await page.getByTestId('import-folder').setInputFiles(folder)
    await page.getByText('已选择 5 个文件').waitFor()
    await page.getByTestId('import-start').click()
    const result = page.getByTestId('import-result')
    await result.waitFor({ timeout: 60_000 })
    const text = await result.innerText()
    expect(dropped).toBe(1)
    expect(text).toMatch(/新增 3，未变 0，失败 2/)
    expect(text).toMatch(/b_02\.txt：file too large \(21\.0 MB, the limit is 20 MB\)/)
    expect(text).toMatch(/c_03\.txt：.*binary|c_03\.txt：.*undecodable/)
    expect(listPages(app.db).map((p) => p.sourceName).sort()).toEqual(['a_01.txt', 'd_04.txt', 'e_05.txt'])
  }, 120_000)
})
