import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importPaths } from '../../src/core/import/importer'
import { derivePyramid, pyramidPath, readPyramid, readTile, setNodeDerivation } from '../../src/core/media/derive'
import { derivationsSettled } from '../../src/core/media/derivations'
import { mediaFolder, mediaPath, previewPath } from '../../src/core/media/mediaStore'
import type { Proposer } from '../../src/core/pipeline/proposal'
import { createHandlers } from '../../src/core/services'
import { importFromPaths } from '../../src/core/services/importing'
import { backupTo, restoreFrom } from '../../src/core/store/backup'
import { scansFolderOf } from '../../src/core/store/backupScans'
import { openDatabase, type Db } from '../../src/core/store/database'
import { listPages } from '../../src/core/store/queries/pages'
import { removeDir, suiteDir, tempDir } from '../support/tmp'
import { main } from '../../src/cli/main'
import { openAppSession } from '../../src/core/services/session'

// What core derives from a large scan with sharp (core/media/derive.ts): its 2,048-pixel preview
// and its Deep Zoom pyramid, beside it in the media folder, made in the background after the
// import (or the preview on demand), carried by backups, the scan itself never changed. The scans
// are the OCR fixtures (real Tesseract test pages) and a 6,000 × 9,000 page made here from one.
const OCR = path.resolve(__dirname, '../fixtures/ocr')
const P2 = '示例晚报_2026-03-05_02版'
const P3 = '示例晚报_2026-03-05_03版'
const identity: Proposer = (text) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })

let big: string
let bigJpeg: Buffer
let bigPng: Buffer

beforeAll(async () => {
  big = suiteDir()
  // the fixture page scaled up to a 6,000 × 9,000 scan (as a 600 dpi broadsheet page is)
  bigJpeg = await sharp(path.join(OCR, `${P3}.jpg`)).resize(6000, 9000, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer()
  bigPng = await sharp(path.join(OCR, `${P2}.png`)).resize(6000, 9000, { fit: 'fill' }).png({ compressionLevel: 1 }).toBuffer()
}, 120_000)

afterAll(() => removeDir(big))

async function storeWith(files: Record<string, Buffer | string>, viaUseCase: boolean): Promise<{ db: Db; dbFile: string; api: ReturnType<typeof createHandlers> }> {
  const input = tempDir()
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(input, name), content)
  const dbFile = path.join(tempDir(), 'galley.db')
  const db = openDatabase(dbFile, { noBackup: true })
  const report = viaUseCase ? await importFromPaths(db, [input], { propose: identity, edition: '大幅' }) : await importPaths(db, [input], { propose: identity, edition: '大幅' })
  expect(report.failed, JSON.stringify(report.items)).toBe(0)
  return { db, dbFile, api: createHandlers({ db, databasePath: dbFile, mode: 'browser' }) }
}

/** The tiles of a Deep Zoom pyramid of 512-pixel tiles, every level down to one pixel. */
function countTiles(width: number, height: number): number {
  let total = 0
  for (let level = Math.ceil(Math.log2(Math.max(width, height))); level >= 0; level--) {
    const scale = 2 ** (Math.ceil(Math.log2(Math.max(width, height))) - level)
    total += Math.ceil(Math.ceil(width / scale) / 512) * Math.ceil(Math.ceil(height / scale) / 512)
  }
  return total
}

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

describe('previews and tile pyramids made in Node', () => {
  it('after an import, a 6,000 × 9,000 JPEG gets its preview and Deep Zoom pyramid beside it; the scan is unchanged', async () => {
    const { db, dbFile, api } = await storeWith({ 'p01.txt': '大幅头版\n\n正文。\n', 'p01.jpg': bigJpeg }, true)
    await derivationsSettled()
    const pageId = listPages(db)[0]!.id
    const info = (await api.getPageScan({ pageId })).image!
    expect(info.sha256).toBe(sha(bigJpeg))
    const folder = mediaFolder(dbFile)
    // the scan itself, byte for byte
    expect(fs.readFileSync(mediaPath(folder, info.sha256, 'image/jpeg')).equals(bigJpeg)).toBe(true)
    expect(info.preview).toEqual({ width: 1365, height: 2048 })
    expect(info.tiles).toEqual({ width: 6000, height: 9000, tileSize: 512, overlap: 1, format: 'jpeg' })
    const preview = await sharp(previewPath(folder, info.sha256)).metadata()
    expect([preview.format, preview.width, preview.height]).toEqual(['jpeg', 1365, 2048])
    // one file beside the scan (not ~300): the pyramid's zip, read by the system's unzip too
    const beside = fs.readdirSync(path.dirname(pyramidPath(folder, info.sha256))).sort()
    expect(beside).toEqual([`${info.sha256}.jpg`, `${info.sha256}.preview.jpg`, `${info.sha256}.tiles.zip`])
    const listing = spawnSync('unzip', ['-Z1', pyramidPath(folder, info.sha256)], { encoding: 'utf8' })
    if (listing.status === null) console.warn('unzip is not installed: the zip is checked by Galley alone')
    else expect(listing.stdout.split('\n').filter((n) => n.endsWith('.jpeg')).length).toBe(countTiles(6000, 9000))
    // levels 0 (one pixel) to 14 (the scan's own size): 12 × 18 tiles at full size
    expect(readTile(folder, info.sha256, 0, 0, 0)).not.toBeNull()
    expect(readTile(folder, info.sha256, 14, 11, 17)).not.toBeNull()
    expect(readTile(folder, info.sha256, 14, 12, 0)).toBeNull()
    expect(readTile(folder, info.sha256, 15, 0, 0)).toBeNull()
    const corner = await sharp(readTile(folder, info.sha256, 14, 0, 0)!).metadata()
    expect([corner.width, corner.height]).toEqual([513, 513])
    const inner = await sharp(readTile(folder, info.sha256, 14, 5, 7)!).metadata()
    expect([inner.width, inner.height]).toEqual([514, 514])
    // a tile shows that part of the scan (JPEG twice over: close, not equal)
    const tile = await sharp(readTile(folder, info.sha256, 14, 5, 7)!).greyscale().raw().toBuffer()
    const region = await sharp(bigJpeg).extract({ left: 5 * 512 - 1, top: 7 * 512 - 1, width: 514, height: 514 }).greyscale().raw().toBuffer()
    let diff = 0
    for (let i = 0; i < tile.length; i++) diff += Math.abs(tile[i]! - region[i]!)
    expect(diff / tile.length).toBeLessThan(4)
    // and the API gives tiles as bytes; one that does not exist is a plain not-found
    const served = await api.getPageImage({ pageId, tile: { level: 14, x: 5, y: 7 } })
    expect(served.mediaType).toBe('image/jpeg')
    expect(Buffer.from(served.bytes).equals(readTile(folder, info.sha256, 14, 5, 7)!)).toBe(true)
    await expect(Promise.resolve().then(() => api.getPageImage({ pageId, tile: { level: 14, x: 12, y: 0 } }))).rejects.toMatchObject({ code: 'not-found' })
    // nothing half-made is left
    expect(fs.readdirSync(path.dirname(pyramidPath(folder, info.sha256))).filter((n) => n.includes('partial'))).toEqual([])
    db.close()
  }, 120_000)

  it('a PNG scan shown before the background job came to it goes first: drawn whole that once, its preview and pyramid made next', async () => {
    // importPaths alone queues nothing: the store is as an older Galley left it
    const { db, dbFile, api } = await storeWith({ 'p02.txt': '大幅二版\n\n正文。\n', 'p02.png': bigPng }, false)
    const pageId = listPages(db)[0]!.id
    const folder = mediaFolder(dbFile)
    const shaPng = sha(bigPng)
    expect(fs.existsSync(previewPath(folder, shaPng))).toBe(false)
    const first = (await api.getPageScan({ pageId })).image!
    // core makes it: the workbench is not asked to
    expect([first.preview, first.previewWanted, first.tiles]).toEqual([null, null, null])
    await derivationsSettled()
    const info = (await api.getPageScan({ pageId })).image!
    expect(info.preview).toEqual({ width: 1365, height: 2048 })
    expect(info.tiles).toEqual({ width: 6000, height: 9000, tileSize: 512, overlap: 1, format: 'jpeg' })
    expect((await api.getPageImage({ pageId, preview: true })).mediaType).toBe('image/jpeg')
    expect(sha(fs.readFileSync(mediaPath(folder, shaPng, 'image/png')))).toBe(shaPng)
    db.close()
  }, 120_000)

  it('derives nothing for the fixture scans, small enough to be drawn as they are', async () => {
    const { db, dbFile, api } = await storeWith(
      {
        [`${P3}.alto.xml`]: fs.readFileSync(path.join(OCR, `${P3}.alto.xml`)),
        [`${P3}.jpg`]: fs.readFileSync(path.join(OCR, `${P3}.jpg`)),
        [`${P2}.alto.xml`]: fs.readFileSync(path.join(OCR, `${P2}.alto.xml`)),
        [`${P2}.png`]: fs.readFileSync(path.join(OCR, `${P2}.png`))
      },
      true
    )
    await derivationsSettled()
    for (const page of listPages(db)) {
      const info = (await api.getPageScan({ pageId: page.id })).image!
      expect([info.width, info.height, info.preview, info.previewWanted, info.tiles]).toEqual([1240, 1754, null, null, null])
    }
    const files = fs.readdirSync(mediaFolder(dbFile), { recursive: true }) as string[]
    expect(files.filter((f) => /preview|dzi|_files|tiles/.test(f))).toEqual([])
    db.close()
  })

  it('makes again a pyramid a killed process left half-made, and removes what it left', async () => {
    const { db, dbFile } = await storeWith({ 'p01.txt': '大幅头版\n\n正文。\n', 'p01.jpg': bigJpeg }, false)
    const folder = mediaFolder(dbFile)
    const scan = { sha256: sha(bigJpeg), mediaType: 'image/jpeg' as const, width: 6000, height: 9000 }
    // the temporary folder of a process that is gone, with the zip it was writing, and the loose
    // tiles an earlier Galley wrote (a .dzi and a folder of tiles)
    const dir = path.dirname(pyramidPath(folder, scan.sha256))
    const leftover = path.join(dir, `${scan.sha256}.tiles.partial-999999999-abcd`)
    fs.mkdirSync(leftover, { recursive: true })
    fs.writeFileSync(path.join(leftover, `${scan.sha256}.zip`), 'half')
    fs.mkdirSync(path.join(dir, `${scan.sha256}_files`, '14'), { recursive: true })
    fs.writeFileSync(path.join(dir, `${scan.sha256}_files`, '14', '0_0.jpeg'), 'old')
    fs.writeFileSync(path.join(dir, `${scan.sha256}.dzi`), '<Image/>')
    expect(readPyramid(folder, scan)).toBeNull()
    expect(await derivePyramid(folder, scan)).toBe(true)
    expect(readPyramid(folder, scan)).toEqual({ width: 6000, height: 9000, tileSize: 512, overlap: 1, format: 'jpeg' })
    expect((await sharp(readTile(folder, scan.sha256, 14, 0, 0)!).metadata()).width).toBe(513)
    expect(fs.readdirSync(dir).sort()).toEqual([`${scan.sha256}.jpg`, `${scan.sha256}.tiles.zip`])
    // a damaged zip (cut short) is no pyramid: made again, not served
    const whole = fs.readFileSync(pyramidPath(folder, scan.sha256))
    fs.writeFileSync(pyramidPath(folder, scan.sha256), whole.subarray(0, whole.length >> 1))
    expect(readPyramid(folder, scan)).toBeNull()
    expect(() => readTile(folder, scan.sha256, 14, 0, 0)).toThrow(/central directory/)
    expect(await derivePyramid(folder, scan)).toBe(true)
    expect(fs.readFileSync(pyramidPath(folder, scan.sha256)).length).toBe(whole.length)
    db.close()
  }, 120_000)

  it('a backup written elsewhere carries the preview and the pyramid, and a restore puts them back', async () => {
    const { db, dbFile } = await storeWith({ 'p01.txt': '大幅头版\n\n正文。\n', 'p01.jpg': bigJpeg }, true)
    await derivationsSettled()
    const shaJpeg = sha(bigJpeg)
    const away = path.join(tempDir(), 'copy.db')
    await backupTo(db, away)
    db.close()
    const carried = scansFolderOf(away)
    expect(fs.existsSync(previewPath(carried, shaJpeg))).toBe(true)
    expect(readPyramid(carried, { sha256: shaJpeg, width: 6000, height: 9000 })).not.toBeNull()
    expect(fs.readFileSync(pyramidPath(carried, shaJpeg)).equals(fs.readFileSync(pyramidPath(mediaFolder(dbFile), shaJpeg)))).toBe(true)

    const other = path.join(tempDir(), 'galley.db')
    openDatabase(other).close()
    restoreFrom(other, away)
    const restored = mediaFolder(other)
    expect(fs.readFileSync(mediaPath(restored, shaJpeg, 'image/jpeg')).equals(bigJpeg)).toBe(true)
    expect(fs.readFileSync(previewPath(restored, shaJpeg)).equals(fs.readFileSync(previewPath(mediaFolder(dbFile), shaJpeg)))).toBe(true)
    expect(readPyramid(restored, { sha256: shaJpeg, width: 6000, height: 9000 })).not.toBeNull()
    expect(readTile(restored, shaJpeg, 14, 3, 4)!.equals(readTile(mediaFolder(dbFile), shaJpeg, 14, 3, 4)!)).toBe(true)
  }, 120_000)

  it('a large scan sharp cannot read is logged, left as it is, and its preview left to the workbench', async () => {
    // a PNG of 3,000 × 2,400 whose pixels are damaged (its ends whole: the import takes it)
    const whole = await sharp(path.join(OCR, `${P2}.png`)).resize(3000, 2400, { fit: 'fill' }).png().toBuffer()
    const cut = Buffer.from(whole)
    cut.fill(0x5a, 2048, 6144)
    const { db, dbFile, api } = await storeWith({ 'p09.txt': '残缺\n\n正文。\n', 'p09.png': cut }, true)
    await derivationsSettled()
    const folder = mediaFolder(dbFile)
    const info = (await api.getPageScan({ pageId: listPages(db)[0]!.id })).image!
    expect([info.preview, info.tiles, info.previewWanted]).toEqual([null, null, { width: 2048, height: 1638 }])
    expect(fs.readFileSync(mediaPath(folder, info.sha256, 'image/png')).equals(cut)).toBe(true)
    expect((fs.readdirSync(path.join(folder, info.sha256.slice(0, 2))) as string[]).sort()).toEqual([`${info.sha256}.png`])
    db.close()
  }, 120_000)

  it('the app, opening a store whose large scans lack them (an older Galley\'s), makes them in the background', async () => {
    const { db, dbFile } = await storeWith({ 'p01.txt': '大幅头版\n\n正文。\n', 'p01.jpg': bigJpeg }, false)
    db.close()
    const folder = mediaFolder(dbFile)
    expect(fs.existsSync(previewPath(folder, sha(bigJpeg)))).toBe(false)
    const session = openAppSession({ databasePath: dbFile, mode: 'browser' })
    try {
      // queued a few seconds after the store opens (not while the window starts)
      await expect.poll(() => readPyramid(folder, { sha256: sha(bigJpeg), width: 6000, height: 9000 }) !== null, { timeout: 60_000, interval: 250 }).toBe(true)
      await derivationsSettled()
      expect(fs.existsSync(previewPath(folder, sha(bigJpeg)))).toBe(true)
    } finally {
      await session.quit()
    }
  }, 120_000)

  it('galley import finishes the previews and pyramids of the scans it imported before it exits', async () => {
    const input = tempDir()
    // 3,000 × 2,400: above the 6-million-pixel line, small enough to be quick
    const jpeg = await sharp(path.join(OCR, `${P3}.jpg`)).resize(3000, 2400, { fit: 'fill' }).jpeg().toBuffer()
    fs.writeFileSync(path.join(input, 'p01.jpg'), jpeg)
    fs.writeFileSync(path.join(input, 'p01.txt'), '大幅头版\n\n正文。\n')
    const dbFile = path.join(tempDir(), 'galley.db')
    const out: string[] = []
    const code = await main(['import', input, '--edition', '大幅', '--db', dbFile], { out: (l) => out.push(l), err: (l) => out.push(l), json: () => undefined })
    expect(code, out.join('\n')).toBe(0)
    const folder = mediaFolder(dbFile)
    expect(fs.existsSync(previewPath(folder, sha(jpeg)))).toBe(true)
    expect(readPyramid(folder, { sha256: sha(jpeg), width: 3000, height: 2400 })).toEqual({ width: 3000, height: 2400, tileSize: 512, overlap: 1, format: 'jpeg' })
  }, 120_000)

  it('without Node derivation (no sharp on the platform) a large scan has no preview or tiles until the workbench makes one', async () => {
    setNodeDerivation(false)
    try {
      const { db, dbFile, api } = await storeWith({ 'p01.txt': '大幅头版\n\n正文。\n', 'p01.jpg': bigJpeg }, true)
      await derivationsSettled()
      const info = (await api.getPageScan({ pageId: listPages(db)[0]!.id })).image!
      expect([info.preview, info.tiles, info.previewWanted]).toEqual([null, null, { width: 1365, height: 2048 }])
      expect(fs.existsSync(previewPath(mediaFolder(dbFile), info.sha256))).toBe(false)
      db.close()
    } finally {
      setNodeDerivation(true)
    }
  }, 120_000)
  it('shows a fax (CCITT G4) TIFF, which Galley\'s own decoder refuses, through sharp; a TIFF neither reads keeps Galley\'s reason', async () => {
    const g4 = fs.readFileSync(path.resolve(__dirname, '../fixtures/tiff/bilevel-g4.tif'))
    const lzw = fs.readFileSync(path.resolve(__dirname, '../fixtures/tiff/bilevel-lzw.tif'))
    const { db, api } = await storeWith({ 'p01.txt': '传真版\n\n正文。\n', 'p01.tif': g4 }, true)
    const pageId = listPages(db)[0]!.id
    const shown = await api.getPageImage({ pageId })
    expect(shown.mediaType).toBe('image/png')
    // the same page as the LZW bilevel fixture, pixel for pixel
    const [a, b] = await Promise.all([sharp(Buffer.from(shown.bytes)).greyscale().raw().toBuffer(), sharp(lzw).greyscale().raw().toBuffer()])
    expect(a.equals(b)).toBe(true)
    db.close()
    setNodeDerivation(false)
    try {
      const other = await storeWith({ 'p02.txt': '传真版\n\n正文。\n', 'p02.tif': g4 }, false)
      await expect(Promise.resolve().then(() => other.api.getPageImage({ pageId: listPages(other.db)[0]!.id }))).rejects.toThrow(/p02\.tif\): TIFF compression 4 \(CCITT fax 4\) cannot be shown$/)
      other.db.close()
    } finally {
      setNodeDerivation(true)
    }
  })
})
