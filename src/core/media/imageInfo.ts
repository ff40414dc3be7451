// What kind of scan a file is, from its first bytes, and its size in pixels where the header
// says it (PNG, JPEG, TIFF, WebP). A PDF is kept as it is: its page size is not in pixels.
// The size is the scan's as shown: a JPEG, PNG or TIFF whose EXIF orientation turns it a quarter
// (a phone photo, many scanners) has its width and height swapped (shared/orientation.ts). WebP's
// orientation is not honoured, as Chromium (the workbench) does not honour it.

import { exifOrientation, swapsAxes, type Orientation } from '../../shared/orientation'

export type ImageType = 'image/png' | 'image/jpeg' | 'image/tiff' | 'image/webp' | 'application/pdf'

export interface ImageInfo {
  type: ImageType
  /** As shown (after the orientation). */
  width: number | null
  height: number | null
  /** How the stored pixels are turned to be shown (1: as stored). */
  orientation: Orientation
}

export const IMAGE_FILE = /\.(png|jpe?g|tiff?|webp|pdf)$/i
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'tif', 'tiff', 'webp', 'pdf']

export const EXTENSION: Record<ImageType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/tiff': 'tif',
  'image/webp': 'webp',
  'application/pdf': 'pdf'
}

/** The type and size of an image from its head (the first 64 KB are enough), or null. */
export function imageInfo(head: Uint8Array): ImageInfo | null {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength)
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a) {
    return shown('image/png', { width: b.readUInt32BE(16), height: b.readUInt32BE(20), orientation: pngOrientation(b) })
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return shown('image/jpeg', jpegSize(b))
  if (b.length >= 8 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a))) {
    return shown('image/tiff', { ...tiffSize(b), orientation: exifOrientation(b) })
  }
  if (b.length >= 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return shown('image/webp', webpSize(b))
  if (b.length >= 5 && b.toString('latin1', 0, 5) === '%PDF-') return { type: 'application/pdf', width: null, height: null, orientation: 1 }
  return null
}

type Size = { width: number | null; height: number | null; orientation?: Orientation }
const UNKNOWN: Size = { width: null, height: null }

/** The stored size turned as the image is shown. */
function shown(type: ImageType, size: Size): ImageInfo {
  const orientation = size.orientation ?? 1
  return swapsAxes(orientation) ? { type, width: size.height, height: size.width, orientation } : { type, width: size.width, height: size.height, orientation }
}

/** A PNG's eXIf chunk (before the pixels, where browsers read it), else 1. */
function pngOrientation(b: Buffer): Orientation {
  let i = 8
  while (i + 8 <= b.length) {
    const length = b.readUInt32BE(i)
    const type = b.toString('latin1', i + 4, i + 8)
    if (type === 'eXIf') return i + 8 + length <= b.length ? exifOrientation(b.subarray(i + 8, i + 8 + length)) : 1
    if (type === 'IDAT' || type === 'IEND') return 1
    i += 12 + length
  }
  return 1
}

function jpegSize(b: Buffer): Size {
  let i = 2
  let orientation: Orientation = 1
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return UNKNOWN
    const marker = b[i + 1]!
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      i += marker === 0xff ? 1 : 2
      continue
    }
    const length = b.readUInt16BE(i + 2)
    // APP1 "Exif\0\0" holds the orientation (before the frame, as every writer puts it)
    if (marker === 0xe1 && b.toString('latin1', i + 4, i + 10) === 'Exif\0\0') {
      orientation = exifOrientation(b.subarray(i + 10, Math.min(b.length, i + 2 + length)))
    }
    // start-of-frame markers (not DHT c4, JPG c8, DAC cc) carry the size
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7), orientation }
    }
    i += 2 + length
  }
  return UNKNOWN
}

function tiffSize(b: Buffer): Size {
  const le = b[0] === 0x49
  const u16 = (at: number): number => (le ? b.readUInt16LE(at) : b.readUInt16BE(at))
  const u32 = (at: number): number => (le ? b.readUInt32LE(at) : b.readUInt32BE(at))
  const ifd = u32(4)
  if (ifd + 2 > b.length) return UNKNOWN
  const count = u16(ifd)
  let width: number | null = null
  let height: number | null = null
  for (let k = 0; k < count; k++) {
    const e = ifd + 2 + k * 12
    if (e + 12 > b.length) break
    const tag = u16(e)
    const type = u16(e + 2)
    const value = type === 3 ? u16(e + 8) : u32(e + 8)
    if (tag === 256) width = value
    if (tag === 257) height = value
  }
  return { width, height }
}

function webpSize(b: Buffer): Size {
  const chunk = b.toString('latin1', 12, 16)
  if (chunk === 'VP8 ' && b.length >= 30) return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff }
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = b.readUInt32LE(21)
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 }
  }
  if (chunk === 'VP8X' && b.length >= 30) return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 }
  return UNKNOWN
}

/** How many bytes of a file's end cutShort reads. */
export const TAIL_BYTES = 65536

/**
 * Why an image file is not whole, or null: a PNG must have its IEND chunk near its end, a JPEG its
 * end marker after the start of its pixels (anything after them, as some cameras append, is let
 * be). A file cut short (a copy interrupted, a download stopped) would otherwise be stored
 * and shown half grey, or not at all. `head` is the file's first bytes, `tail` its last
 * TAIL_BYTES (or all of it), `size` its length.
 */
export function cutShort(type: ImageType, head: Uint8Array, tail: Uint8Array, size: number): string | null {
  if (type === 'image/png') {
    // the IEND chunk (length 0, then its type), anything after it let be
    const t = Buffer.from(tail.buffer, tail.byteOffset, tail.byteLength)
    const end = t.lastIndexOf('IEND', undefined, 'latin1')
    return end >= 4 && t.readUInt32BE(end - 4) === 0 ? null : 'the PNG file is cut short (no IEND chunk at its end)'
  }
  if (type === 'image/jpeg') {
    const scan = jpegScanStart(Buffer.from(head.buffer, head.byteOffset, head.byteLength))
    // the pixels start beyond what was read of the head (a large EXIF block): not judged
    if (scan === -1) return null
    const tailStart = size - tail.length
    for (let i = tail.length - 2; i >= 0 && tailStart + i > scan; i--) {
      if (tail[i] === 0xff && tail[i + 1] === 0xd9) return null
    }
    return 'the JPEG file is cut short (no end marker after its pixels)'
  }
  return null
}

/** Offset of a JPEG's first start-of-scan marker (its pixels follow), or -1 when not in these bytes. */
function jpegScanStart(b: Buffer): number {
  let i = 2
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return -1
    const marker = b[i + 1]!
    if (marker === 0xda) return i
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      i += marker === 0xff ? 1 : 2
      continue
    }
    i += 2 + b.readUInt16BE(i + 2)
  }
  return -1
}
