import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ChildProcess } from 'node:child_process'
import { assertBuilt, callApi, serve } from '../support/galleyProcess'
import { damagedDatabase } from '../support/damage'
import { tempDir } from '../support/tmp'

// `galley serve` (and so `npm start` without Electron) on a damaged database: it starts anyway,
// in recovery, and puts the newest good backup in place only when asked.

describe('galley serve on a damaged database', () => {
  let child: ChildProcess | undefined
  beforeAll(() => assertBuilt())
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r))
      child.kill('SIGTERM')
      await exited
    }
    child = undefined
  })

  it('reports recovery, refuses the rest, restores the backup keeping the damaged file aside, then works', async () => {
    const dir = tempDir()
    const { file, backup, damaged } = await damagedDatabase(dir, new Date(Date.UTC(2024, 2, 3, 4, 5, 6)))

    const running = await serve(file)
    child = running.child
    let stderr = ''
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    const call = (method: string, args: unknown) => callApi(running.port, running.token, method, args)

    const info = await call('appInfo', {})
    expect(info.status).toBe(200)
    expect(info.body.result).toMatchObject({
      mode: 'browser',
      database: file,
      recovery: { problem: 'damaged', restorable: true, backup: { file: backup, createdAt: '2024-03-03T04:05:06.000Z' } }
    })
    expect(info.body.result.recovery.message).toContain(file)

    const refused = await call('listPages', {})
    expect(refused.status).toBe(503)
    expect(refused.body.error).toMatchObject({ code: 'unavailable' })
    expect((await call('restoreNewestBackup', {})).status).toBe(400)
    expect((await call('restoreNewestBackup', { backup: path.join(dir, 'other.db') })).status).toBe(409)
    expect(fs.readFileSync(file).equals(damaged)).toBe(true)

    const restored = await call('restoreNewestBackup', { backup })
    expect(restored.status).toBe(200)
    expect(restored.body.result.restored).toMatchObject({ file: backup })
    const keptAside: string = restored.body.result.keptAside
    expect(keptAside.startsWith(file + '.before-restore-')).toBe(true)
    expect(fs.readFileSync(keptAside).equals(damaged)).toBe(true)

    expect((await call('appInfo', {})).body.result.recovery).toBeNull()
    const pages = await call('listPages', {})
    expect(pages.status).toBe(200)
    expect(pages.body.result).toHaveLength(3)
    const page = await call('getPage', { pageId: pages.body.result[0].id })
    expect(page.status).toBe(200)
    expect((await call('restoreNewestBackup', { backup })).status).toBe(409)
    expect(stderr).toMatch(/is damaged/)
    expect(stderr).toContain(backup)
  })

  it('with no good backup, says so and changes nothing', async () => {
    const dir = tempDir()
    const { file, damaged } = await damagedDatabase(dir)
    const running = await serve(file)
    child = running.child
    const info = await callApi(running.port, running.token, 'appInfo', {})
    expect(info.body.result.recovery).toMatchObject({ problem: 'damaged', backup: null })
    const refused = await callApi(running.port, running.token, 'restoreNewestBackup', { backup: path.join(dir, 'backups', 'x.db') })
    expect(refused.status).toBe(404)
    expect(fs.readFileSync(file).equals(damaged)).toBe(true)
    expect(fs.readdirSync(dir).sort()).toEqual(['galley.db'])
  })
})
