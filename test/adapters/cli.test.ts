import fs from 'node:fs'
import path from 'node:path'
import { execFileSync, spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import type { Output } from '../../src/cli/output'
import { SAMPLES, tempDir } from '../support/tmp'

function capture(): Output & { stdout: string[]; stderr: string[]; data: unknown[] } {
  const o = { stdout: [] as string[], stderr: [] as string[], data: [] as unknown[] }
  return {
    ...o,
    out: (l) => o.stdout.push(l),
    err: (l) => o.stderr.push(l),
    json: (v) => {
      o.data.push(v)
      o.stdout.push(JSON.stringify(v))
    }
  }
}

describe('galley CLI', () => {
  it('imports the samples, and a second run changes nothing', async () => {
    const db = path.join(tempDir(), 'cli.db')
    const first = capture()
    expect(await main(['import', SAMPLES, '--edition', '样例', '--db', db], first)).toBe(0)
    expect(first.stdout.join('\n')).toMatch(/^3 imported, 0 unchanged, 0 failed$/m)
    const second = capture()
    expect(await main(['import', SAMPLES, '--edition', '样例', '--db', db], second)).toBe(0)
    expect(second.stdout.join('\n')).toMatch(/0 imported, 3 unchanged/)
  })

  it('lists, shows and searches, with --json', async () => {
    const db = path.join(tempDir(), 'cli.db')
    await main(['import', SAMPLES, '--edition', '样例', '--db', db], capture())
    const editions = capture()
    expect(await main(['editions', '--json', '--db', db], editions)).toBe(0)
    expect(editions.data[0]).toEqual([expect.objectContaining({ name: '样例', pageCount: 3 })])
    const pages = capture()
    await main(['pages', '--edition', '样例', '--json', '--db', db], pages)
    const list = pages.data[0] as { id: number }[]
    expect(list).toHaveLength(3)
    const show = capture()
    expect(await main(['show', String(list[0]!.id), '--db', db], show)).toBe(0)
    expect(show.stdout.join('\n')).toMatch(/## original[\s\S]*## working text/)
    const search = capture()
    expect(await main(['search', '志愿者', '--json', '--db', db], search)).toBe(0)
    const hits = search.data[0] as { pageId: number; snippet: string }[]
    const expected = fs.readdirSync(SAMPLES).filter((f) => fs.readFileSync(path.join(SAMPLES, f), 'utf8').includes('志愿者'))
    expect(hits).toHaveLength(expected.length)
    for (const hit of hits) expect(hit.snippet).toContain('志愿者')
  })

  it('exits 1 when some inputs fail, 2 on usage errors', async () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'empty.txt'), '')
    fs.writeFileSync(path.join(dir, 'ok_01.txt'), '社区新闻。')
    const out = capture()
    expect(await main(['import', dir, '--db', path.join(dir, 'x.db')], out)).toBe(1)
    expect(out.stderr).toEqual([expect.stringMatching(/empty\.txt: empty file$/)])
    expect(await main(['import', '--db', path.join(dir, 'x.db')], capture())).toBe(2)
    expect(await main(['frobnicate'], capture())).toBe(2)
    expect(await main(['pages', '--bogus'], capture())).toBe(2)
    expect(await main(['show', 'abc', '--db', path.join(dir, 'x.db')], capture())).toBe(2)
    const help = capture()
    expect(await main(['search', '--help'], help)).toBe(0)
    expect(help.stdout.join('\n')).toMatch(/usage: galley search/)
  })

  it('honours GALLEY_DB', async () => {
    const db = path.join(tempDir(), 'env.db')
    process.env.GALLEY_DB = db
    try {
      await main(['import', SAMPLES], capture())
    } finally {
      delete process.env.GALLEY_DB
    }
    expect(fs.existsSync(db)).toBe(true)
  })

  it('runs as the built galley command', () => {
    const root = path.resolve(__dirname, '../..')
    const db = path.join(tempDir(), 'bin.db')
    const bin = path.join(root, 'bin', 'galley.mjs')
    expect(fs.existsSync(path.join(root, 'out', 'main', 'cli.js'))).toBe(true)
    const out = execFileSync(process.execPath, [bin, 'import', SAMPLES, '--edition', '样例', '--db', db], { encoding: 'utf8' })
    expect(out).toMatch(/3 imported/)
    const usage = spawnSync(process.execPath, [bin, 'nope'], { encoding: 'utf8' })
    expect(usage.status).toBe(2)
  })

  it('writes its JSON whole to a pipe read slowly, and stops quietly when the reader goes away', () => {
    const root = path.resolve(__dirname, '../..')
    const bin = path.join(root, 'bin', 'galley.mjs')
    const page = path.join(tempDir(), 'long.txt')
    // about 3 MB of JSON: far more than a pipe holds, so the writer waits for the reader
    fs.writeFileSync(page, '城南街道启动老旧小区改造，三个社区试点加装电梯。\n\n'.repeat(40_000))
    const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`
    const slow = spawnSync('sh', ['-c', `${quote(process.execPath)} ${quote(bin)} analyze --json ${quote(page)} | (sleep 1; cat)`], { encoding: 'utf8', maxBuffer: 1 << 28 })
    expect(slow.status).toBe(0)
    const parsed = JSON.parse(slow.stdout) as { text: string }
    expect(parsed.text).toBe(fs.readFileSync(page, 'utf8'))
    const cut = spawnSync('sh', ['-c', `${quote(process.execPath)} ${quote(bin)} analyze --json ${quote(page)} | head -c 100 > /dev/null`], { encoding: 'utf8' })
    expect(cut.stderr).toBe('')
  }, 120_000)
})
