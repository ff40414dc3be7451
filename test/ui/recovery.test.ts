import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { openAppSession, type AppSession } from '../../src/core/services/session'
import { startServer, type RunningServer } from '../../src/server/server'
import { assertRendererBuilt, launchBrowser, RENDERER_ROOT, screenshot } from '../support/browser'
import { damagedDatabase } from '../support/damage'
import { tempDir } from '../support/tmp'

// Browser mode on a damaged database: the recovery screen, and the restore from it.

describe('the recovery screen', () => {
  let session: AppSession | undefined
  let server: RunningServer | undefined
  let browser: Browser | undefined
  afterEach(async () => {
    await browser?.close().catch(() => undefined)
    await server?.close()
    session?.close()
    browser = server = session = undefined
  })

  async function open(file: string) {
    assertRendererBuilt()
    session = openAppSession({ databasePath: file, mode: 'browser' })
    server = await startServer({ handlers: session.handlers, rendererRoot: RENDERER_ROOT })
    const launched = await launchBrowser()
    browser = launched.browser
    await launched.page.goto(server.url)
    await launched.page.getByTestId('recovery').waitFor()
    return launched
  }

  it('names the database, the reason and the newest good backup, and restores it on request', async () => {
    const dir = tempDir()
    const { file, backup, damaged } = await damagedDatabase(dir, new Date(Date.UTC(2024, 5, 1, 8, 30, 0)))
    const { page, errors } = await open(file)

    await page.getByRole('heading', { name: 'Galley 无法使用数据库' }).waitFor()
    expect(await page.getByTestId('recovery-database').textContent()).toBe(file)
    expect(await page.getByTestId('recovery-reason').textContent()).toMatch(/is damaged/)
    expect(await page.getByTestId('recovery-backup').textContent()).toBe(backup)
    const written = new Date(Date.UTC(2024, 5, 1, 8, 30, 0)).toLocaleString('zh-CN')
    expect(await page.getByText('最新的完好备份写于').textContent()).toContain(written)
    await page.getByText('恢复时不会删除损坏的文件').waitFor()
    await screenshot(page, 'recovery')
    // Nothing is touched by showing it.
    expect(fs.readFileSync(file).equals(damaged)).toBe(true)

    await page.getByRole('button', { name: '恢复此备份' }).click()
    await page.locator('.page-row').first().waitFor()
    expect(await page.locator('.page-row').count()).toBe(3)
    const banner = await page.getByTestId('restored').textContent()
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith('galley.db.before-restore-') && f.endsWith('Z'))
    expect(aside).toHaveLength(1)
    expect(banner).toContain(path.join(dir, aside[0]!))
    expect(fs.readFileSync(path.join(dir, aside[0]!)).equals(damaged)).toBe(true)
    await screenshot(page, 'recovery-restored')
    expect(session!.recovery()).toBeNull()
    // Refused calls made while in recovery would show up here; the screen made none.
    expect(errors).toEqual([])
  })

  it('says plainly when there is no good backup, and offers nothing', async () => {
    const dir = tempDir()
    const { file, damaged } = await damagedDatabase(dir)
    const { page } = await open(file)
    await page.getByTestId('recovery-no-backup').waitFor()
    expect(await page.getByRole('button').count()).toBe(0)
    await screenshot(page, 'recovery-no-backup')
    expect(fs.readFileSync(file).equals(damaged)).toBe(true)
    expect(fs.readdirSync(dir).sort()).toEqual(['galley.db'])
  })
})
