import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportStore, exportStoreAsync, ExportError, FORMATS, MARKER } from '../../src/core/export'
import type { Db } from '../../src/core/store/database'
import { listArticles, setArticleStatus } from '../../src/core/store/queries/articles'
import { removeDir, suiteDir, tempDir } from '../support/tmp'
import { buildStore, EDITION, SECOND_EDITION } from '../fixtures/export/buildEdition'

// The app's export runs beside the editor's work: it must give the event loop back, report
// its progress, see one snapshot of the store, and leave nothing behind when stopped.

let dir: string
let db: Db
let pageTwo: number

beforeAll(async () => {
  dir = suiteDir('galley-export-async-')
  ;({ db, pageTwo } = await buildStore(dir))
})
afterAll(() => {
  db.close()
  removeDir(dir)
})

function listFiles(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f !== MARKER && fs.statSync(path.join(root, f)).isFile())
    .sort()
}

const siblings = (out: string): string[] => fs.readdirSync(path.dirname(out)).filter((n) => n !== path.basename(out))

/** True when no connection holds a read snapshot: a TRUNCATE checkpoint then completes. */
function noReaderLeft(): boolean {
  const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
  return row!.busy === 0
}

describe('exportStoreAsync', () => {
  it('writes the same files as the one-go export, reporting each article', async () => {
    const once = path.join(tempDir(), 'once')
    const stepped = path.join(tempDir(), 'stepped')
    exportStore(db, { scope: { all: true }, formats: [...FORMATS], outDir: once, includeUnapproved: true })
    const progress: [number, number][] = []
    const result = await exportStoreAsync(db, {
      scope: { all: true },
      formats: [...FORMATS],
      outDir: stepped,
      includeUnapproved: true,
      sliceMs: 0,
      onProgress: (done, total) => progress.push([done, total])
    })
    expect(result).toEqual({ outDir: path.resolve(stepped), files: listFiles(stepped).length, articles: 7 })
    const files = listFiles(once).filter((f) => f !== 'manifest.json')
    expect(listFiles(stepped).filter((f) => f !== 'manifest.json')).toEqual(files)
    for (const f of files) expect(fs.readFileSync(path.join(stepped, f), 'utf8'), f).toBe(fs.readFileSync(path.join(once, f), 'utf8'))
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((n) => [n, 7]))
    expect(noReaderLeft()).toBe(true)
  })

  it('lets other work run between articles, and keeps the snapshot it started with', async () => {
    const out = path.join(tempDir(), 'snapshot')
    const target = listArticles(db, pageTwo).find((a) => a.status === 'approved' && a.kind === 'article')!
    let wroteAt = -1
    let seenInFolder: boolean | null = null
    try {
      await exportStoreAsync(db, {
        scope: { edition: EDITION },
        formats: ['json', 'txt'],
        outDir: out,
        sliceMs: 0,
        onProgress: (done) => {
          if (done === 1) {
            // Another request arrives mid-export: it runs on the editor's connection, at once.
            setImmediate(() => {
              setArticleStatus(db, target.id, 'rejected')
              wroteAt = done
            })
          }
          // Until the rename at the end, readers never see a half-written folder.
          if (done === 3) seenInFolder = fs.existsSync(out)
        }
      })
      expect(wroteAt).toBe(1)
      expect(seenInFolder).toBe(false)
      // The write happened during the export, which still exported what was approved when it started.
      expect(listArticles(db, pageTwo).find((a) => a.id === target.id)!.status).toBe('rejected')
      const doc = JSON.parse(fs.readFileSync(path.join(out, 'json', `${EDITION.replace(' ', '_')}.json`), 'utf8'))
      const titles = doc.pages.flatMap((p: { articles: { title: string }[] }) => p.articles.map((a) => a.title))
      expect(titles).toContain(target.title)
      expect(titles).toHaveLength(4)
    } finally {
      setArticleStatus(db, target.id, 'approved')
    }
  })

  it('stops when cancelled, leaving no folder, no staging folder and no open snapshot', async () => {
    const out = path.join(tempDir(), 'cancelled')
    const stop = new AbortController()
    const progress: number[] = []
    const run = exportStoreAsync(db, {
      scope: { all: true },
      formats: [...FORMATS],
      outDir: out,
      includeUnapproved: true,
      sliceMs: 0,
      signal: stop.signal,
      onProgress: (done) => {
        progress.push(done)
        if (done === 2) {
          // Mid-export: the work so far sits in a hidden staging folder only.
          expect(siblings(out)).toEqual([expect.stringMatching(/^\.cancelled\.partial-/)])
          stop.abort()
        }
      }
    })
    await expect(run).rejects.toThrow(ExportError)
    await expect(run).rejects.toMatchObject({ code: 'cancelled' })
    expect(progress.at(-1)).toBeLessThan(7)
    expect(fs.existsSync(out)).toBe(false)
    expect(siblings(out)).toEqual([])
    expect(db.inTransaction).toBe(false)
    expect(noReaderLeft()).toBe(true)
  })

  it('keeps the old folder whole when a forced export is cancelled', async () => {
    const out = path.join(tempDir(), 'kept')
    exportStore(db, { scope: { edition: SECOND_EDITION }, formats: ['json'], outDir: out })
    const before = listFiles(out).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')])
    const stop = new AbortController()
    await expect(
      exportStoreAsync(db, {
        scope: { all: true },
        formats: [...FORMATS],
        outDir: out,
        force: true,
        sliceMs: 0,
        signal: stop.signal,
        onProgress: (done) => done === 1 && stop.abort()
      })
    ).rejects.toMatchObject({ code: 'cancelled' })
    expect(listFiles(out).map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')])).toEqual(before)
    expect(siblings(out)).toEqual([])
  })

  it('does not start when already cancelled, and reports bad input as the one-go export does', async () => {
    const out = path.join(tempDir(), 'never')
    const stop = new AbortController()
    stop.abort()
    await expect(exportStoreAsync(db, { scope: { all: true }, formats: ['json'], outDir: out, signal: stop.signal })).rejects.toMatchObject({
      code: 'cancelled'
    })
    await expect(exportStoreAsync(db, { scope: { edition: '没有这一期' }, formats: ['json'], outDir: out })).rejects.toThrow(/no edition named 没有这一期/)
    await expect(exportStoreAsync(db, { scope: { pageId: 999_999 }, formats: ['json'], outDir: out })).rejects.toMatchObject({ code: 'not-found' })
    expect(fs.existsSync(out)).toBe(false)
    expect(siblings(out)).toEqual([])
    expect(noReaderLeft()).toBe(true)
  })
})
