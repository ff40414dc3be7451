import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { cutShort, EXTENSION, imageInfo, TAIL_BYTES, type ImageInfo } from './imageInfo'

// Page scans live in a folder beside the database (never inside SQLite), one file a content:
// media/ab/abcdef….png, named by the SHA-256 of its bytes. A file once there is never changed
// or removed by Galley; the same scan imported twice is stored once.

/** Largest scan Galley stores (an uncompressed 6,000 × 9,000 RGB TIFF is 162 MB). */
export const MAX_IMAGE_BYTES = 512 * 1024 * 1024

export class ImageError extends Error {
  override name = 'ImageError'
}

export function mediaFolder(databaseFile: string): string {
  return path.join(path.dirname(path.resolve(databaseFile)), 'media')
}

export function mediaPath(folder: string, sha256: string, type: ImageInfo['type']): string {
  return path.join(folder, sha256.slice(0, 2), `${sha256}.${EXTENSION[type]}`)
}

export interface StoredImage extends ImageInfo {
  sha256: string
  byteLength: number
}

/** Hashes and checks an image file without loading it whole; throws an ImageError naming the reason. */
export function inspectImage(file: string): StoredImage {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch (error) {
    throw new ImageError(`cannot read image: ${(error as Error).message}`)
  }
  try {
    const size = fs.fstatSync(fd).size
    if (size === 0) throw new ImageError('empty image file')
    if (size > MAX_IMAGE_BYTES) throw new ImageError(`image too large (${(size / 1024 / 1024).toFixed(0)} MB, the limit is ${MAX_IMAGE_BYTES / 1024 / 1024} MB)`)
    const hash = createHash('sha256')
    const chunk = Buffer.allocUnsafe(1 << 20)
    let head: Buffer | null = null
    let read: number
    let total = 0
    while ((read = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0) {
      if (!head) head = Buffer.from(chunk.subarray(0, Math.min(read, 65536)))
      hash.update(chunk.subarray(0, read))
      total += read
    }
    const info = head ? imageInfo(head) : null
    if (!info) throw new ImageError('not a PNG, JPEG, TIFF, WebP or PDF file')
    const tail = Buffer.alloc(Math.min(total, TAIL_BYTES))
    fs.readSync(fd, tail, 0, tail.length, total - tail.length)
    const cut = cutShort(info.type, head!, tail, total)
    if (cut) throw new ImageError(cut)
    return { ...info, sha256: hash.digest('hex'), byteLength: total }
  } finally {
    fs.closeSync(fd)
  }
}

/** The same without holding up the thread: read in chunks by libuv while the import goes on. */
export async function inspectImageAsync(file: string): Promise<StoredImage> {
  let size: number
  try {
    size = (await fs.promises.stat(file)).size
  } catch (error) {
    throw new ImageError(`cannot read image: ${(error as Error).message}`)
  }
  if (size === 0) throw new ImageError('empty image file')
  if (size > MAX_IMAGE_BYTES) throw new ImageError(`image too large (${(size / 1024 / 1024).toFixed(0)} MB, the limit is ${MAX_IMAGE_BYTES / 1024 / 1024} MB)`)
  const hash = createHash('sha256')
  let head: Buffer | null = null
  let total = 0
  // the file's last bytes: the last chunk, with the one before when it is short
  let previous: Buffer | null = null
  let last: Buffer | null = null
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
      const bytes = chunk as Buffer
      if (!head) head = Buffer.from(bytes.subarray(0, 65536))
      hash.update(bytes)
      total += bytes.length
      previous = last
      last = bytes
    }
  } catch (error) {
    throw new ImageError(`cannot read image: ${(error as Error).message}`)
  }
  const info = head ? imageInfo(head) : null
  if (!info) throw new ImageError('not a PNG, JPEG, TIFF, WebP or PDF file')
  const ending = previous ? Buffer.concat([previous, last!]) : last!
  const cut = cutShort(info.type, head!, ending.subarray(Math.max(0, ending.length - TAIL_BYTES)), total)
  if (cut) throw new ImageError(cut)
  return { ...info, sha256: hash.digest('hex'), byteLength: total }
}

/** putImage without holding up the thread (the copy runs in libuv's pool). */
export async function putImageAsync(folder: string, image: StoredImage, file: string): Promise<string> {
  const target = mediaPath(folder, image.sha256, image.type)
  if (fs.existsSync(target)) return target
  await fs.promises.mkdir(path.dirname(target), { recursive: true })
  const temp = `${target}.${randomBytes(6).toString('hex')}.partial`
  try {
    await fs.promises.copyFile(file, temp)
    const check = (await fs.promises.stat(temp)).size
    if (check !== image.byteLength) throw new ImageError(`image changed while it was copied (${check} bytes, expected ${image.byteLength})`)
    await fs.promises.rename(temp, target)
  } catch (error) {
    await fs.promises.rm(temp, { force: true })
    throw error instanceof ImageError ? error : new ImageError(`cannot store image: ${(error as Error).message}`)
  }
  return target
}

/** The same for bytes in memory (an upload). */
export function inspectImageBytes(bytes: Uint8Array): StoredImage {
  if (bytes.length === 0) throw new ImageError('empty image file')
  if (bytes.length > MAX_IMAGE_BYTES) throw new ImageError(`image too large (${(bytes.length / 1024 / 1024).toFixed(0)} MB)`)
  const info = imageInfo(bytes.subarray(0, 65536))
  if (!info) throw new ImageError('not a PNG, JPEG, TIFF, WebP or PDF file')
  const cut = cutShort(info.type, bytes.subarray(0, 65536), bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)), bytes.length)
  if (cut) throw new ImageError(cut)
  return { ...info, sha256: createHash('sha256').update(bytes).digest('hex'), byteLength: bytes.length }
}

/**
 * Puts the image in the media folder under its hash, unless it is there already. Written to a
 * temporary name and renamed: a crash leaves no half file under a real name.
 */
export function putImage(folder: string, image: StoredImage, source: { file: string } | { bytes: Uint8Array }): string {
  const target = mediaPath(folder, image.sha256, image.type)
  if (fs.existsSync(target)) return target
  fs.mkdirSync(path.dirname(target), { recursive: true })
  const temp = `${target}.${randomBytes(6).toString('hex')}.partial`
  try {
    if ('file' in source) fs.copyFileSync(source.file, temp)
    else fs.writeFileSync(temp, source.bytes)
    const check = fs.statSync(temp).size
    if (check !== image.byteLength) throw new ImageError(`image changed while it was copied (${check} bytes, expected ${image.byteLength})`)
    fs.renameSync(temp, target)
  } catch (error) {
    fs.rmSync(temp, { force: true })
    throw error instanceof ImageError ? error : new ImageError(`cannot store image: ${(error as Error).message}`)
  }
  return target
}

/**
 * A stored scan's size as shown and its orientation, from its head (what the store's row says is
 * the stored size for a scan imported before Galley honoured the orientation); null when the file
 * is missing or unreadable.
 */
export function shownShape(folder: string, scan: { sha256: string; mediaType: ImageInfo['type'] }): ImageInfo | null {
  let fd: number
  try {
    fd = fs.openSync(mediaPath(folder, scan.sha256, scan.mediaType), 'r')
  } catch {
    // missing from the media folder: the pane says so when it asks for the bytes
    return null
  }
  try {
    const head = Buffer.alloc(65536)
    const read = fs.readSync(fd, head, 0, head.length, 0)
    return imageInfo(head.subarray(0, read))
  } finally {
    fs.closeSync(fd)
  }
}

// A scan's preview: a downscaled JPEG the workbench draws first (a 6,000 × 9,000 scan is 54
// million pixels to decode before anything shows), kept beside the original as
// media/ab/<sha256>.preview.jpg. Derived from the original and never the original itself: made
// in Node after the import (derive.ts, with the scan's tile pyramid), or by the workbench the
// first time the scan is shown where Node cannot decode it (no sharp), checked here, and made
// again if it is lost; backups written elsewhere carry it.

/** Scans above this many pixels get a preview. */
export const PREVIEW_MIN_PIXELS = 6_000_000
/** The preview's longer side, in pixels. */
export const PREVIEW_LONG_SIDE = 2048
const PREVIEW_MAX_BYTES = 16 * 1024 * 1024

export function previewPath(folder: string, sha256: string): string {
  return path.join(folder, sha256.slice(0, 2), `${sha256}.preview.jpg`)
}

/** The size a scan's preview has, or null when the scan is small enough to be drawn as it is. */
export function previewSize(width: number | null, height: number | null): { width: number; height: number } | null {
  if (!width || !height || width * height <= PREVIEW_MIN_PIXELS) return null
  const scale = PREVIEW_LONG_SIDE / Math.max(width, height)
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/**
 * The stored preview's size, or null when there is none (or it is not the JPEG it should be, or
 * not of the size `expected`: one made before the orientation was honoured, which is made again).
 */
export function readPreview(folder: string, sha256: string, expected?: { width: number; height: number } | null): { width: number; height: number } | null {
  let fd: number
  try {
    fd = fs.openSync(previewPath(folder, sha256), 'r')
  } catch {
    // none made yet: the workbench makes it the first time the scan is shown
    return null
  }
  try {
    const head = Buffer.alloc(65536)
    const read = fs.readSync(fd, head, 0, head.length, 0)
    const info = imageInfo(head.subarray(0, read))
    if (info?.type !== 'image/jpeg' || !info.width || !info.height) return null
    if (expected && (Math.abs(info.width - expected.width) > 1 || Math.abs(info.height - expected.height) > 1)) return null
    return { width: info.width, height: info.height }
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Stores a preview the workbench made of the scan `original` (its width and height): a JPEG of
 * previewSize's size (a pixel either way for rounding), written to a temporary name and renamed.
 * Throws an ImageError naming what is wrong.
 */
export function putPreview(folder: string, sha256: string, original: { width: number | null; height: number | null }, bytes: Uint8Array): { width: number; height: number } {
  const expected = previewSize(original.width, original.height)
  if (!expected) throw new ImageError('this scan is small enough to be drawn as it is: it has no preview')
  if (bytes.length === 0 || bytes.length > PREVIEW_MAX_BYTES) throw new ImageError(`a preview is 1 byte to ${PREVIEW_MAX_BYTES / 1024 / 1024} MB, not ${bytes.length} bytes`)
  const info = imageInfo(bytes.subarray(0, 65536))
  if (info?.type !== 'image/jpeg' || !info.width || !info.height) throw new ImageError('a preview is a JPEG file')
  if (Math.abs(info.width - expected.width) > 1 || Math.abs(info.height - expected.height) > 1) {
    throw new ImageError(`the preview is ${info.width} × ${info.height}, expected ${expected.width} × ${expected.height}`)
  }
  const target = previewPath(folder, sha256)
  fs.mkdirSync(path.dirname(target), { recursive: true })
  const temp = `${target}.${randomBytes(6).toString('hex')}.partial`
  try {
    fs.writeFileSync(temp, bytes)
    fs.renameSync(temp, target)
  } catch (error) {
    fs.rmSync(temp, { force: true })
    throw new ImageError(`cannot store the preview: ${(error as Error).message}`)
  }
  return { width: info.width, height: info.height }
}
