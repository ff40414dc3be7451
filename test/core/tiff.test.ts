import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { decodeTiff, type DecodedImage } from '../../src/core/media/tiff'
import { encodePng } from '../../src/core/media/png'

// TIFF scans written by ImageMagick (scripts/ocr-fixtures/make-tiffs.sh) decode to the pixels
// ImageMagick itself reads back from them (.gray/.rgb beside them), whatever the compression.
const DIR = path.resolve(__dirname, '../fixtures/tiff')
const read = (name: string): Buffer => fs.readFileSync(path.join(DIR, name))

function asRgb(image: DecodedImage): Uint8Array {
  if (image.channels === 3) return image.data
  const out = new Uint8Array(image.width * image.height * 3)
  for (let i = 0; i < image.width * image.height; i++) for (let c = 0; c < 3; c++) out[i * 3 + c] = image.data[i * image.channels + (image.channels === 1 ? 0 : c)]!
  return out
}

/** Pixels of an unfiltered 8-bit PNG (what encodePng writes), read back with zlib. */
function pngPixels(png: Buffer): { width: number; height: number; channels: number; data: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  const width = png.readUInt32BE(16)
  const height = png.readUInt32BE(20)
  const channels = { 0: 1, 2: 3, 6: 4 }[png[25]!]!
  let at = 8
  const idat: Buffer[] = []
  while (at < png.length) {
    const length = png.readUInt32BE(at)
    const type = png.toString('latin1', at + 4, at + 8)
    const body = png.subarray(at + 8, at + 8 + length)
    expect(png.readUInt32BE(at + 8 + length)).toBe(zlib.crc32(body, zlib.crc32(type)) >>> 0)
    if (type === 'IDAT') idat.push(body)
    at += 12 + length
  }
  const raw = zlib.inflateSync(Buffer.concat(idat))
  const data = Buffer.alloc(width * height * channels)
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * channels + 1)]).toBe(0)
    raw.copy(data, y * width * channels, y * (width * channels + 1) + 1, (y + 1) * (width * channels + 1))
  }
  return { width, height, channels, data }
}

describe('TIFF scans', () => {
  const grey = read('src.gray')
  it.each(['grey-None.tif', 'grey-LZW.tif', 'grey-Zip.tif', 'grey-RLE.tif', 'grey16.tif'])('%s decodes to the grey pixels ImageMagick reads', (name) => {
    const image = decodeTiff(read(name))
    expect([image.width, image.height, image.channels]).toEqual([200, 120, 1])
    expect(Buffer.from(image.data).equals(grey)).toBe(true)
  })

  it.each(['rgb-lzw-predictor.tif', 'rgb-tiled.tif', 'rgba.tif'])('%s (RGB, predictor, tiles, alpha) decodes to the same pixels', (name) => {
    const image = decodeTiff(read(name))
    expect([image.width, image.height]).toEqual([200, 120])
    expect(Buffer.from(asRgb(image)).equals(read('src.rgb'))).toBe(true)
  })

  it('bilevel and palette TIFFs decode as ImageMagick reads them', () => {
    const bilevel = decodeTiff(read('bilevel-lzw.tif'))
    expect(Buffer.from(bilevel.data).equals(read('bilevel.gray'))).toBe(true)
    // a palette's 16-bit colours are brought to 8 bits by rounding; ImageMagick is off by one on some
    const palette = asRgb(decodeTiff(read('palette.tif')))
    const expected = read('palette.rgb')
    expect(palette.length).toBe(expected.length)
    expect(Math.max(...palette.map((v, i) => Math.abs(v - expected[i]!)))).toBeLessThanOrEqual(1)
  })

  it('refuses fax compression and broken files with one line', () => {
    expect(() => decodeTiff(read('bilevel-g4.tif'))).toThrow(/^TIFF compression 4 \(CCITT fax 4\) cannot be shown$/)
    expect(() => decodeTiff(Buffer.from('II*\0'))).toThrow(/too short/)
    const truncated = read('grey-None.tif').subarray(0, 2000)
    expect(() => decodeTiff(truncated)).toThrow(/outside the file/)
    expect(() => decodeTiff(read('src.gray'))).toThrow(/not a TIFF/)
  })

  it('writes a PNG of the decoded pixels', () => {
    const image = decodeTiff(read('rgb-tiled.tif'))
    const png = pngPixels(encodePng(image))
    expect([png.width, png.height, png.channels]).toEqual([200, 120, image.channels])
    expect(png.data.equals(Buffer.from(image.data))).toBe(true)
  })
})
