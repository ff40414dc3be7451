import fs from 'node:fs'
import path from 'node:path'
import { IMAGE_EXTENSIONS, IMAGE_FILE } from '../media/imageInfo'
import { ImageError, inspectImage, inspectImageAsync, inspectImageBytes, mediaFolder, putImage, putImageAsync, type StoredImage } from '../media/mediaStore'

// Finding a page's scan: the image its OCR file names, else an image with the page file's base
// name (p05.txt → p05.png; p05.alto.xml → p05.alto.png or p05.png), in the same folder (an
// upload's folders are kept apart on disk until it is imported: staging.ts). Only the name of a path an XML gives is used: an OCR file never reaches outside its
// folder.

export interface ImageCandidate {
  name: string
  /** On disk (a folder import, an upload waiting for its import). */
  file?: string
  bytes?: Uint8Array
}

/** A scan, not a page: it goes with the page of its name. */
export function isScanFileName(name: string): boolean {
  return IMAGE_FILE.test(name)
}

export type FindImage = (named: string | null) => ImageCandidate | null

/** Base names a page file's scan may have, most specific first. */
export function scanBaseNames(fileName: string): string[] {
  const names: string[] = []
  let base = fileName
  for (let k = 0; k < 2; k++) {
    const dot = base.lastIndexOf('.')
    if (dot <= 0) break
    base = base.slice(0, dot)
    names.push(base)
  }
  return names
}

export function bareName(named: string): string {
  return path.basename(named.replace(/\\/g, '/').replace(/^file:\/\//, ''))
}

/** Scans beside files on disk; each folder is listed once. */
export function folderImageFinder(): (pageFile: string) => FindImage {
  const listings = new Map<string, Map<string, string>>()
  const listing = (dir: string): Map<string, string> => {
    let names = listings.get(dir)
    if (!names) {
      names = new Map()
      try {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          if (entry.isFile() && IMAGE_FILE.test(entry.name)) names.set(entry.name.toLowerCase(), entry.name)
        }
      } catch {
        // an unreadable folder has no scans to offer
      }
      listings.set(dir, names)
    }
    return names
  }
  return (pageFile) => (named) => {
    const dir = path.dirname(pageFile)
    const names = listing(dir)
    const pick = (name: string): ImageCandidate | null => {
      const real = names.get(name.toLowerCase())
      return real ? { name: real, file: path.join(dir, real) } : null
    }
    if (named) {
      const found = pick(bareName(named))
      if (found) return found
    }
    for (const base of scanBaseNames(path.basename(pageFile))) {
      for (const ext of IMAGE_EXTENSIONS) {
        const found = pick(`${base}.${ext}`)
        if (found) return found
      }
    }
    return null
  }
}

export interface ReadyImage {
  image: StoredImage
  sourceName: string
}

/**
 * Checks the scan and copies it into the media folder (before the page's row is written: a row
 * never names a missing file). An unreadable or unknown image is an ImageError.
 */
export function storeScan(databaseFile: string, candidate: ImageCandidate): ReadyImage {
  const image = candidate.file !== undefined ? inspectImage(candidate.file) : inspectImageBytes(candidate.bytes ?? new Uint8Array())
  if (databaseFile === '' || databaseFile === ':memory:') throw new ImageError('an in-memory database has no media folder for scans')
  putImage(mediaFolder(databaseFile), image, candidate.file !== undefined ? { file: candidate.file } : { bytes: candidate.bytes! })
  return { image, sourceName: candidate.name }
}

/** storeScan for files on disk without holding up the importing thread; uploads are in memory already. */
export async function storeScanAsync(databaseFile: string, candidate: ImageCandidate): Promise<ReadyImage> {
  if (candidate.file === undefined) return storeScan(databaseFile, candidate)
  if (databaseFile === '' || databaseFile === ':memory:') throw new ImageError('an in-memory database has no media folder for scans')
  const image = await inspectImageAsync(candidate.file)
  await putImageAsync(mediaFolder(databaseFile), image, candidate.file)
  return { image, sourceName: candidate.name }
}

/** At most `limit` of the given tasks run at once (scans in flight: their files are large). */
export function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0
  const waiting: (() => void)[] = []
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
    running++
    try {
      return await task()
    } finally {
      running--
      waiting.shift()?.()
    }
  }
}
