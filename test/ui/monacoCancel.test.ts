import { afterEach, describe, expect, it } from 'vitest'
import { startApp, type BrowserApp } from '../support/browser'

// Monaco rejects promises nobody awaits with `Canceled` when it drops pending work (a page
// switched while a hover or highlight was due). The workbench swallows exactly that signature,
// and nothing else: a real fault must still reach the console.

describe('Monaco cancellations', () => {
  let app: BrowserApp
  afterEach(async () => {
    await app?.close()
  })

  it('are not reported as faults, while any other unhandled rejection is', async () => {
    app = await startApp()
    await app.page.goto(app.server.url)
    await app.page.locator('.monaco-editor, .empty-state, main').first().waitFor()
    await app.page.evaluate(() => {
      const canceled = new Error('Canceled')
      canceled.name = 'Canceled'
      void Promise.reject(canceled)
      void Promise.reject(new Error('a real fault'))
    })
    await app.page.waitForTimeout(300)
    expect(app.errors.some((e) => e.includes('a real fault'))).toBe(true)
    expect(app.errors.filter((e) => /Canceled/.test(e))).toEqual([])
  })
})
