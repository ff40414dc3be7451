import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { log } from '../log'
import { sweepAbandonedEntries } from '../processes'
import type { ImageType } from './imageInfo'
import type { Orientation } from '../../shared/orientation'
import { readZipEntry, ZipError } from './tileZip'
import { ImageError, mediaPath, previewPath, previewSize, putPreview, readPreview, shownShape } from './mediaStore'

// What Galley derives from a large scan, in Node with sharp (libvips), beside the scan in the
// media folder and never in place of it:
// - its preview (media/ab/<sha256>.preview.jpg, see mediaStore.ts), drawn while nothing finer is;
// - its Deep Zoom pyramid (512-pixel JPEG tiles, which OpenSeadragon reads natively: any view of a
//   6,000 × 9,000 scan, fitted or zoomed to its pixels, decodes a few tiles instead of 54 million
//   pixels), in one zip file media/ab/<sha256>.tiles.zip as libvips writes it (<sha256>.dzi and
//   <sha256>_files/<level>/<x>_<y>.jpeg inside, stored): one file a scan rather than ~300, for
//   backups and restores (tileZip.ts reads a tile from it).
// Both are of the scan as shown: turned as its EXIF orientation says (sharp's rotate(), as the
// browser turns a JPEG or PNG drawn whole), so preview, tiles and scan all line up.
// Both are made after the import, one scan at a time (derivations.ts), and the preview on demand
// when a scan is shown before its turn came. Without sharp (a platform with no prebuilt binary)
// nothing is derived here and the workbench makes the preview itself, as before.

/** The pyramid's tile size and overlap (pixels). */
export const TILE_SIZE = 512
export const TILE_OVERLAP = 1
const TILE_QUALITY = 85

export interface DerivableScan {
  sha256: string
  mediaType: ImageType
  width: number | null
  height: number | null
}

/** A stored pyramid's layout, as the workbench needs it to ask for tiles. */
export interface PyramidInfo {
  width: number
  height: number
  tileSize: number
  overlap: number
  format: 'jpeg'
}

type Sharp = typeof import('sharp').default
let loading: Promise<Sharp | null> | null = null
let enabled = true

/**
 * Turns Node's derivation off (and on again): Galley then behaves as where sharp cannot load,
 * the workbench making previews itself. The tests of that fallback use it.
 */
export function setNodeDerivation(on: boolean): void {
  enabled = on
}

/** sharp, or null where it cannot load (logged once): then previews come from the workbench. */
export function loadSharp(): Promise<Sharp | null> {
  if (!enabled) return Promise.resolve(null)
  loading ??= import('sharp').then(
    (module) => {
      const sharp = module.default
      // one libvips thread and no operation cache: the editor's own work keeps the other core,
      // and a scan's pixels are not kept once its files are written
      sharp.concurrency(1)
      sharp.cache(false)
      return sharp
    },
    (error: unknown) => {
      log.warn('sharp cannot load: scan previews will be made by the workbench, and large scans have no tile pyramid', error)
      return null
    }
  )
  return loading
}

/** Whether a scan is large enough to get a preview and a pyramid (the same threshold). */
export function wantsDerivatives(scan: DerivableScan): boolean {
  return scan.mediaType !== 'application/pdf' && previewSize(scan.width, scan.height) !== null
}

/** The scan's pyramid: one zip file. */
export function pyramidPath(folder: string, sha256: string): string {
  return path.join(folder, sha256.slice(0, 2), `${sha256}.tiles.zip`)
}

/** The name of a tile inside the pyramid's zip. */
export function tileName(sha256: string, level: number, x: number, y: number): string {
  return `${sha256}_files/${level}/${x}_${y}.jpeg`
}

/** A tile of the scan's pyramid, or null when it has no such tile; throws when there is no pyramid or it is damaged. */
export function readTile(folder: string, sha256: string, level: number, x: number, y: number): Buffer | null {
  return readZipEntry(pyramidPath(folder, sha256), tileName(sha256, level, x, y))
}

/** The layout an earlier Galley wrote (a .dzi and a folder of tiles beside it), removed once the zip is there. */
function removeLooseTiles(folder: string, sha256: string): void {
  fs.rmSync(path.join(folder, sha256.slice(0, 2), `${sha256}_files`), { recursive: true, force: true })
  fs.rmSync(path.join(folder, sha256.slice(0, 2), `${sha256}.dzi`), { force: true })
}

/** The stored pyramid of the scan (of its size), or null when there is none. */
export function readPyramid(folder: string, scan: { sha256: string; width: number | null; height: number | null }): PyramidInfo | null {
  let xml: string
  try {
    const dzi = readZipEntry(pyramidPath(folder, scan.sha256), `${scan.sha256}.dzi`)
    if (!dzi) return null
    xml = dzi.toString('utf8')
  } catch (error) {
    // none made yet (or sharp is missing here): the scan is drawn from its preview
    if (error instanceof ZipError) log.warn(`scan ${scan.sha256.slice(0, 12)}…: its tile pyramid is damaged, made again`, error)
    return null
  }
  const number = (name: string): number | null => {
    const match = new RegExp(`\\b${name}="(\\d+)"`).exec(xml)
    return match ? Number(match[1]) : null
  }
  const width = number('Width')
  const height = number('Height')
  const tileSize = number('TileSize')
  const overlap = number('Overlap')
  if (width === null || height === null || tileSize === null || overlap === null || !/\bFormat="jpeg"/.test(xml)) return null
  if (width !== scan.width || height !== scan.height) return null
  return { width, height, tileSize, overlap, format: 'jpeg' }
}

/** The scan's size as shown and its orientation (from its file; the row's size if it cannot be read). */
function shapeOf(folder: string, scan: DerivableScan): { width: number | null; height: number | null; orientation: Orientation } {
  return shownShape(folder, scan) ?? { width: scan.width, height: scan.height, orientation: 1 }
}

/** sharp on the scan, turned as shown (WebP's orientation is not honoured: imageInfo.ts). */
function shown(sharp: Sharp, folder: string, scan: DerivableScan, orientation: Orientation): import('sharp').Sharp {
  const pipeline = sharp(mediaPath(folder, scan.sha256, scan.mediaType))
  return orientation === 1 ? pipeline : pipeline.rotate()
}

/** Makes the scan's preview unless it has one; false when it cannot here (no sharp, or not wanted). */
export async function derivePreview(folder: string, scan: DerivableScan): Promise<boolean> {
  const shape = shapeOf(folder, scan)
  const size = previewSize(shape.width, shape.height)
  if (!size || scan.mediaType === 'application/pdf') return false
  if (readPreview(folder, scan.sha256, size)) return true
  const sharp = await loadSharp()
  if (!sharp) return false
  const jpeg = await shown(sharp, folder, scan, shape.orientation)
    .resize(size.width, size.height, { fit: 'fill' })
    // a scan with transparency shows on white, as on paper
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: TILE_QUALITY })
    .toBuffer()
  putPreview(folder, scan.sha256, shape, jpeg)
  return true
}

/**
 * Makes the scan's Deep Zoom pyramid unless it has one: its zip written in a temporary folder
 * beside it (named for the process: a later one removes it when that process is gone) and
 * renamed into place, so a pyramid under its own name is whole.
 */
export async function derivePyramid(folder: string, scan: DerivableScan): Promise<boolean> {
  if (!wantsDerivatives(scan)) return false
  const shape = shapeOf(folder, scan)
  if (readPyramid(folder, { sha256: scan.sha256, ...shape })) return true
  const sharp = await loadSharp()
  if (!sharp) return false
  const dir = path.join(folder, scan.sha256.slice(0, 2))
  // the work of a process killed midway (named for its process, which is gone) is Galley's own
  sweepAbandonedEntries(dir, /^[0-9a-f]{64}\.tiles\.partial-(\d+)-[0-9a-f]+$/, 1, (entry) => fs.rmSync(entry, { recursive: true, force: true }))
  const temp = path.join(dir, `${scan.sha256}.tiles.partial-${process.pid}-${randomBytes(6).toString('hex')}`)
  fs.mkdirSync(temp, { recursive: true })
  try {
    const zip = path.join(temp, `${scan.sha256}.zip`)
    await shown(sharp, folder, scan, shape.orientation)
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: TILE_QUALITY })
      // libvips names the entries <name>.dzi and <name>_files/…, and stores them uncompressed
      .tile({ size: TILE_SIZE, overlap: TILE_OVERLAP, layout: 'dz', container: 'zip' })
      .toFile(zip)
    fs.renameSync(zip, pyramidPath(folder, scan.sha256))
    removeLooseTiles(folder, scan.sha256)
  } catch (error) {
    throw error instanceof ImageError ? error : new ImageError(`cannot make the tile pyramid: ${(error as Error).message}`)
  } finally {
    fs.rmSync(temp, { recursive: true, force: true })
  }
  return true
}

/** Both, preview first (it is what the workbench draws before the pyramid exists). */
export async function deriveScan(folder: string, scan: DerivableScan): Promise<void> {
  await derivePreview(folder, scan)
  await derivePyramid(folder, scan)
}

/**
 * Copies the scan's preview and pyramid from one media folder to another (a backup written away
 * from the database carries them, a restore puts them back) where the target lacks them. Copies,
 * never links, under temporary names renamed into place. Returns the number of files copied (0–2).
 */
export function copyDerived(from: string, to: string, sha256: string): number {
  let copied = 0
  for (const [source, target] of [
    [previewPath(from, sha256), previewPath(to, sha256)],
    [pyramidPath(from, sha256), pyramidPath(to, sha256)]
  ] as const) {
    if (!fs.existsSync(source) || fs.existsSync(target)) continue
    fs.mkdirSync(path.dirname(target), { recursive: true })
    const partial = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`
    try {
      fs.copyFileSync(source, partial, fs.constants.COPYFILE_FICLONE)
      fs.renameSync(partial, target)
    } finally {
      fs.rmSync(partial, { force: true })
    }
    copied++
  }
  return copied
}
