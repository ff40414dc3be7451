import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeArchive } from '../../bench/synthetic'
import { workbenchBench } from '../../bench/workbench'
import { summarizeWorkbench, workbenchRows } from '../../bench/workbenchReport'
import { openDatabase } from '../../src/core/store/database'
import { importPaths } from '../../src/core/import/importer'
import { assertRendererBuilt } from '../support/browser'
import { tempDir } from '../support/tmp'

// A very short version of the bench's workbench step: it measures what it says it measures
// (opens, saves reaching the store, painted keystrokes). The figures themselves are the bench's.
describe('the workbench bench step', () => {
  it('opens pages by key and by click, follows keystrokes to their saved revisions, and reports rows', async () => {
    assertRendererBuilt()
    const dir = tempDir('galley-wbbench-')
    writeArchive(path.join(dir, 'a'), { seed: 11, pages: 16 })
    const file = path.join(dir, 'wb.db')
    const db = openDatabase(file)
    await importPaths(db, [path.join(dir, 'a')], {})
    db.close()

    const run = await workbenchBench({ db: file, nextPages: 2, clicks: 1, saves: 1, burst: 4, intervalMs: 120, seed: 3 })
    expect(run.skipped).toBeUndefined()
    const open = run.open as Record<string, { n: number; p50: number }>
    expect(open.key!.n).toBe(2)
    expect(open.click!.n).toBe(1)
    expect(open.key!.p50).toBeGreaterThan(0)
    const typing = run.typing as { keys: number; unpainted: number; saved: { n: number }; painted: { n: number } }
    expect(typing.keys).toBe(4)
    expect(typing.unpainted).toBe(0)
    expect(typing.saved.n).toBe(4)
    expect((run.saveSingle as { n: number }).n).toBe(1)

    const summary = summarizeWorkbench([run])
    expect(summary.openKey!.n).toBe(2)
    const rows = workbenchRows(summary)
    expect(rows.map((r) => r.name)).toContain('workbench: open a page, next-page key (≤150 ms)')
    expect(rows.every((r) => !r.median.includes('NaN'))).toBe(true)
  }, 120_000)
})
