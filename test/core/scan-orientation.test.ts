import fs from 'node:fs'
import path from 'node:path'
import sharp, { type OverlayOptions, type Sharp } from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { readTile } from '../../src/core/media/derive'
import { derivationsSettled } from '../../src/core/media/derivations'
import { imageInfo } from '../../src/core/media/imageInfo'
import { mediaFolder, previewPath } from '../../src/core/media/mediaStore'
import type { Proposer } from '../../src/core/pipeline/proposal'
import { createHandlers } from '../../src/core/services'
import { importFromPaths } from '../../src/core/services/importing'
import { openDatabase } from '../../src/core/store/database'
import { listPages } from '../../src/core/store/queries/pages'
import { geometryFrame, type Orientation } from '../../src/shared/orientation'
import { tempDir } from '../support/tmp'

// EXIF orientation: a phone photo or a scanner's JPEG stores its pixels one way and says in its
// EXIF how to turn them. The files here are real JPEGs (and a TIFF) written by sharp (libvips)
// with each orientation 1–8, whose pixels are stored so that, turned as their tag says, they show
// the same upright page: a red corner top left, blue top right, green bottom left, on white. The
// scan's size, its preview and its tile pyramid must all be of that upright page.
const W = 3000
const H = 2100 // 6.3 million pixels: over the 6 Mpx from which a preview and tiles are made
const CORNER = 300
const RED = [220, 20, 20]
const BLUE = [20, 20, 220]
const GREEN = [20, 180, 20]
const identity: Proposer = (text) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })

let upright: Buffer
const stored = new Map<Orientation, Buffer>()

const square = (colour: number[], left: number, top: number): OverlayOptions => ({
  input: { create: { width: CORNER, height: CORNER, channels: 3, background: { r: colour[0]!, g: colour[1]!, b: colour[2]! } } },
  left,
  top
})

/** The stored pixels of a file whose orientation `o` shows `image` upright (each step its own pipeline). */
async function storedFor(o: Orientation, image: Buffer): Promise<Buffer> {
  const step = async (input: Buffer, op: (s: Sharp) => Sharp): Promise<Buffer> => op(sharp(input)).png({ compressionLevel: 1 }).toBuffer()
  switch (o) {
    case 2:
      return step(image, (s) => s.flop())
    case 3:
      return step(image, (s) => s.rotate(180))
    case 4:
      return step(image, (s) => s.flip())
    case 5:
      return step(await step(image, (s) => s.rotate(90)), (s) => s.flop())
    case 6:
      return step(image, (s) => s.rotate(270))
    case 7:
      return step(await step(image, (s) => s.rotate(90)), (s) => s.flip())
    case 8:
      return step(image, (s) => s.rotate(90))
    default:
      return image
  }
}

/** The colour at (x, y) of an image as shown (auto-oriented), as [r, g, b]. */
async function colourAt(file: string | Buffer, x: number, y: number): Promise<number[]> {
  const { data } = await sharp(file).rotate().extract({ left: x, top: y, width: 1, height: 1 }).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  return [...data]
}

function near(actual: number[], expected: number[]): boolean {
  return actual.every((v, i) => Math.abs(v - expected[i]!) < 40)
}

const ORIENTATIONS: Orientation[] = [1, 2, 3, 4, 5, 6, 7, 8]

beforeAll(async () => {
  upright = await sharp({ create: { width: W, height: H, channels: 3, background: '#ffffff' } })
    .composite([square(RED, 0, 0), square(BLUE, W - CORNER, 0), square(GREEN, 0, H - CORNER)])
    .png({ compressionLevel: 1 })
    .toBuffer()
  for (const o of ORIENTATIONS) {
    const pixels = await storedFor(o, upright)
    const jpeg = await sharp(pixels).withMetadata({ orientation: o }).jpeg({ quality: 90 }).toBuffer()
    // the fixture itself: libvips, turning it as its tag says, shows the upright page
    expect(near(await colourAt(jpeg, 10, 10), RED), `orientation ${o} fixture`).toBe(true)
    expect(near(await colourAt(jpeg, W - 10, 10), BLUE), `orientation ${o} fixture`).toBe(true)
    expect(near(await colourAt(jpeg, 10, H - 10), GREEN), `orientation ${o} fixture`).toBe(true)
    stored.set(o, jpeg)
  }
}, 120_000)

describe('EXIF orientation', () => {
  it('reads the orientation of each JPEG and gives its size as shown', () => {
    for (const o of ORIENTATIONS) {
      const info = imageInfo(stored.get(o)!.subarray(0, 65536))
      expect([info?.type, info?.width, info?.height, info?.orientation], `orientation ${o}`).toEqual(['image/jpeg', W, H, o])
    }
  })

  it('makes the preview and the tile pyramid of each orientation upright', async () => {
    const input = tempDir()
    for (const o of ORIENTATIONS) {
      fs.writeFileSync(path.join(input, `p0${o}.txt`), `第${o}版\n\n正文。\n`)
      fs.writeFileSync(path.join(input, `p0${o}.jpg`), stored.get(o)!)
    }
    const dbFile = path.join(tempDir(), 'galley.db')
    const db = openDatabase(dbFile, { noBackup: true })
    const report = await importFromPaths(db, [input], { propose: identity, edition: '转向' })
    expect(report.failed, JSON.stringify(report.items)).toBe(0)
    await derivationsSettled()
    const api = createHandlers({ db, databasePath: dbFile, mode: 'browser' })
    const folder = mediaFolder(dbFile)
    const pages = listPages(db)
    expect(pages).toHaveLength(8)
    for (const [i, page] of pages.entries()) {
      const o = ORIENTATIONS[i]!
      const info = (await api.getPageScan({ pageId: page.id })).image!
      expect([info.width, info.height, info.orientation], `orientation ${o}`).toEqual([W, H, o])
      expect(info.preview, `orientation ${o}`).toEqual({ width: 2048, height: 1434 })
      expect(info.tiles, `orientation ${o}`).toMatchObject({ width: W, height: H })
      // the preview: upright
      const preview = previewPath(folder, info.sha256)
      expect(near(await colourAt(preview, 5, 5), RED), `orientation ${o} preview top left`).toBe(true)
      expect(near(await colourAt(preview, 2048 - 5, 5), BLUE), `orientation ${o} preview top right`).toBe(true)
      expect(near(await colourAt(preview, 5, 1434 - 5), GREEN), `orientation ${o} preview bottom left`).toBe(true)
      // the full-size level of the pyramid (12 for 3,000 px: 2^12 ≥ 3,000): its corner tiles, upright
      const tile = (x: number, y: number): Buffer => readTile(folder, info.sha256, 12, x, y)!
      const columns = Math.ceil(W / info.tiles!.tileSize)
      const rows = Math.ceil(H / info.tiles!.tileSize)
      expect(near(await colourAt(tile(0, 0), 5, 5), RED), `orientation ${o} tile top left`).toBe(true)
      const topRight = await sharp(tile(columns - 1, 0)).metadata()
      expect(near(await colourAt(tile(columns - 1, 0), topRight.width! - 5, 5), BLUE), `orientation ${o} tile top right`).toBe(true)
      const bottomLeft = await sharp(tile(0, rows - 1)).metadata()
      expect(near(await colourAt(tile(0, rows - 1), 5, bottomLeft.height! - 5), GREEN), `orientation ${o} tile bottom left`).toBe(true)
    }
    db.close()
  }, 300_000)

  it("lands an OCR file's boxes given in the stored pixels (as Tesseract gives them) on the scan as shown, and back", async () => {
    for (const o of ORIENTATIONS) {
      const jpeg = stored.get(o)!
      const raw = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true })
      // where the red corner is in the stored pixels (what an engine that ignores the tag reports)
      let x0 = Infinity
      let y0 = Infinity
      let x1 = -Infinity
      let y1 = -Infinity
      for (let y = 0; y < raw.info.height; y += 2) {
        for (let x = 0; x < raw.info.width; x += 2) {
          const at = (y * raw.info.width + x) * 3
          if (near([raw.data[at]!, raw.data[at + 1]!, raw.data[at + 2]!], RED)) {
            x0 = Math.min(x0, x)
            y0 = Math.min(y0, y)
            x1 = Math.max(x1, x + 2)
            y1 = Math.max(y1, y + 2)
          }
        }
      }
      // the file's page is the stored pixels, at half scale (units other than the scan's pixels)
      const page = { width: raw.info.width / 2, height: raw.info.height / 2 }
      const frame = geometryFrame(page, { width: W, height: H, orientation: o })
      expect(frame.stored, `orientation ${o}`).toBe(o !== 1)
      const box = frame.toShown([x0 / 2, y0 / 2, (x1 - x0) / 2, (y1 - y0) / 2])
      for (const [value, expected] of box.map((v, i) => [v, [0, 0, CORNER, CORNER][i]!])) expect(Math.abs(value! - expected!), `orientation ${o}: ${box.join(',')}`).toBeLessThan(8)
      // a click on the red corner as shown is in the red box of the file
      const [gx, gy] = frame.toGeometry(CORNER / 2, CORNER / 3)
      expect(gx >= x0 / 2 && gx <= x1 / 2 && gy >= y0 / 2 && gy <= y1 / 2, `orientation ${o}: ${gx},${gy}`).toBe(true)
    }
    // an engine that turned the scan first gives a page of the shown shape: taken as it is
    const turned = geometryFrame({ width: W, height: H }, { width: W, height: H, orientation: 6 })
    expect(turned.stored).toBe(false)
    expect(turned.toShown([10, 20, 30, 40])).toEqual([10, 20, 30, 40])
  }, 120_000)

  it('shows a TIFF with an orientation upright (Galley decodes TIFF itself)', async () => {
    const small = await sharp(upright).resize(600, 420).png().toBuffer()
    const tiff = await sharp(await storedFor(6, small)).withMetadata({ orientation: 6 }).tiff({ compression: 'lzw' }).toBuffer()
    expect(imageInfo(tiff.subarray(0, 65536))).toMatchObject({ type: 'image/tiff', width: 600, height: 420, orientation: 6 })
    const input = tempDir()
    fs.writeFileSync(path.join(input, 'p01.txt'), '第1版\n\n正文。\n')
    fs.writeFileSync(path.join(input, 'p01.tif'), tiff)
    const dbFile = path.join(tempDir(), 'galley.db')
    const db = openDatabase(dbFile, { noBackup: true })
    await importFromPaths(db, [input], { propose: identity, edition: 'TIFF' })
    const api = createHandlers({ db, databasePath: dbFile, mode: 'browser' })
    const pageId = listPages(db)[0]!.id
    const png = await api.getPageImage({ pageId })
    expect(png.mediaType).toBe('image/png')
    const bytes = Buffer.from(png.bytes)
    const meta = await sharp(bytes).metadata()
    expect([meta.width, meta.height]).toEqual([600, 420])
    expect(near(await colourAt(bytes, 3, 3), RED)).toBe(true)
    expect(near(await colourAt(bytes, 596, 3), BLUE)).toBe(true)
    expect(near(await colourAt(bytes, 3, 416), GREEN)).toBe(true)
    db.close()
  }, 120_000)
})
