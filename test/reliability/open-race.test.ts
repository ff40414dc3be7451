import { afterAll, describe, expect, it } from 'vitest'
import path from 'node:path'
import { spawn } from 'node:child_process'
import Database from 'better-sqlite3'
import { LATEST_VERSION } from '../../src/core/store/migrations'
import { removeDir, suiteDir } from '../support/tmp'
import { ROOT } from '../support/galleyProcess'

// Several processes opening the same new database in the same millisecond: each switches the
// file to WAL, and the one that loses that race used to fail with "database is locked" (SQLite
// answers a reader that wants to write at once, without its busy handler). Seen in CI as one
// import in twelve failing; here one open in thirty failed before the fix, so twenty rounds of six
// processes fail it almost surely.
const CHILD = path.join(ROOT, 'test', 'support', 'openAt.ts')

function openAt(file: string, at: number): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, String(at)], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c))
  return new Promise((resolve) => child.on('exit', () => resolve(out.trim())))
}

describe('opening one new database from many processes at once', () => {
  const dir = suiteDir('galley-open-race-')
  afterAll(() => removeDir(dir))

  it('every process opens it, and the file ends migrated once', async () => {
    const outcomes: string[] = []
    for (let round = 0; round < 20; round++) {
      const file = path.join(dir, `race-${round}.db`)
      // Far enough ahead for six children to start (tsx compiles the store on the way).
      const at = Date.now() + 1500
      outcomes.push(...(await Promise.all(Array.from({ length: 6 }, () => openAt(file, at)))))
      const db = new Database(file, { readonly: true })
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      db.close()
    }
    expect(outcomes.filter((o) => o !== 'ok')).toEqual([])
  }, 120_000)
})
