import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { EXTENSION, imageInfo, type ImageInfo } from './imageInfo'

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
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
      const bytes = chunk as Buffer
      if (!head) head = Buffer.from(bytes.subarray(0, 65536))
      hash.update(bytes)
      total += bytes.length
    }
  } catch (error) {
    throw new ImageError(`cannot read image: ${(error as Error).message}`)
  }
  const info = head ? imageInfo(head) : null
  if (!info) throw new ImageError('not a PNG, JPEG, TIFF, WebP or PDF file')
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
