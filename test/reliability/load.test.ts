import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeArchive } from '../../bench/synthetic'
import { loadTest } from '../../bench/load'
import { openDatabase } from '../../src/core/store/database'
import { importPaths } from '../../src/core/import/importer'
import { structureProposer } from '../../src/core/pipeline/defaultProposer'
import { removeDir, suiteDir } from '../support/tmp'

// A short version of the bench's 30-second load: concurrent readers get answers, never errors.
describe('browser mode under load', () => {
  let dir: string
  beforeAll(async () => {
    dir = suiteDir('galley-load-')
  })
  afterAll(() => removeDir(dir))

  it('answers 50 concurrent connections with no errors', async () => {
    writeArchive(path.join(dir, 'a'), { seed: 3, pages: 40 })
    const file = path.join(dir, 'load.db')
    const db = openDatabase(file)
    await importPaths(db, [path.join(dir, 'a')], { propose: structureProposer() })
    db.close()
    const result = await loadTest(file, path.join(dir, 'no-renderer'), 50, 3)
    console.log(`load: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99Ms} ms, ${result.errors} errors over ${result.requests} requests`)
    expect(result.errors).toBe(0)
    expect(result.non2xx).toBe(0)
    expect(result.requests).toBeGreaterThan(100)
  })
})
