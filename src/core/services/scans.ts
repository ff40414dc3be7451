import fs from 'node:fs'
import { ApiError, type Handlers } from '../../shared/api'
import { ImageError, mediaFolder, mediaPath, previewPath, previewSize, putPreview, readPreview, shownShape } from '../media/mediaStore'
import { tiffAsPng } from '../media/tiffPng'
import { readPyramid, readTile } from '../media/derive'
import { deriveSoon } from '../media/derivations'
import { getOriginalText, getPageGeometry, getPageImage } from '../store/queries/scans'
import type { ServiceContext } from './context'

// A TIFF scan is given to the workbench as PNG, decoded here (browsers cannot draw TIFF); the
// last few are kept, since an editor goes back and forth between pages. PDF is stored, not drawn.
const VIEWABLE = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/tiff'])
const CONVERTED_KEPT = 3

export function scanHandlers(ctx: ServiceContext): Pick<Handlers, 'getPageScan' | 'getPageImage' | 'putPageScanPreview'> {
  const converted = new Map<string, Buffer>()
  return {
    getPageScan: async ({ pageId }) => {
      const originalText = getOriginalText(ctx.db, pageId)
      if (originalText === undefined) throw new ApiError('not-found', `page ${pageId} does not exist`)
      const image = getPageImage(ctx.db, pageId)
      const viewable = image !== null && VIEWABLE.has(image.mediaType)
      const folder = mediaFolder(ctx.databasePath)
      // the size as shown, from the file (a row written before the orientation was honoured has the stored size)
      const shape = image && viewable ? shownShape(folder, image) : null
      const width = shape?.width ?? image?.width ?? null
      const height = shape?.height ?? image?.height ?? null
      const wanted = viewable ? previewSize(width, height) : null
      // A large scan shown before the background job came to it is drawn whole this once and
      // goes to the front of the job's queue; without sharp the workbench makes its preview.
      const preview = wanted ? readPreview(folder, image!.sha256, wanted) : null
      const deriving = wanted !== null && !preview && (await deriveSoon(folder, image!))
      return {
        image: image && {
          sha256: image.sha256,
          mediaType: image.mediaType,
          width,
          height,
          orientation: shape?.orientation ?? 1,
          sourceName: image.sourceName,
          byteLength: image.byteLength,
          preview,
          previewWanted: deriving ? null : wanted,
          tiles: wanted ? readPyramid(folder, { sha256: image.sha256, width, height }) : null
        },
        viewable,
        geometry: getPageGeometry(ctx.db, pageId),
        originalText
      }
    },
    getPageImage: async ({ pageId, preview, tile }) => {
      const image = getPageImage(ctx.db, pageId)
      if (!image) throw new ApiError('not-found', `page ${pageId} has no scan`)
      if (tile) {
        // the path is made of the hash and three integers: nothing the caller sends names a file
        let bytes: Buffer | null
        try {
          bytes = readTile(mediaFolder(ctx.databasePath), image.sha256, tile.level, tile.x, tile.y)
        } catch (error) {
          throw new ApiError('not-found', `the scan of page ${pageId} has no tile pyramid (${(error as Error).message})`)
        }
        if (!bytes) throw new ApiError('not-found', `the scan of page ${pageId} has no tile ${tile.level}/${tile.x}_${tile.y}`)
        return { mediaType: 'image/jpeg', bytes }
      }
      if (preview) {
        try {
          return { mediaType: 'image/jpeg', bytes: fs.readFileSync(previewPath(mediaFolder(ctx.databasePath), image.sha256)) }
        } catch {
          throw new ApiError('not-found', `the scan of page ${pageId} has no preview yet`)
        }
      }
      const file = mediaPath(mediaFolder(ctx.databasePath), image.sha256, image.mediaType)
      if (image.mediaType === 'image/tiff') {
        const kept = converted.get(image.sha256)
        if (kept) return { mediaType: 'image/png', bytes: kept }
      }
      let bytes: Buffer
      try {
        bytes = fs.readFileSync(file)
      } catch {
        throw new ApiError('not-found', `the scan of page ${pageId} is missing from ${mediaFolder(ctx.databasePath)} (${image.sha256.slice(0, 12)}…)`)
      }
      if (image.mediaType !== 'image/tiff') return { mediaType: image.mediaType, bytes }
      let png: Buffer
      try {
        png = await tiffAsPng(bytes, shownShape(mediaFolder(ctx.databasePath), image)?.orientation ?? 1)
      } catch (error) {
        throw new ApiError('failed', `the scan of page ${pageId} (${image.sourceName}): ${(error as Error).message}`)
      }
      converted.set(image.sha256, png)
      if (converted.size > CONVERTED_KEPT) converted.delete(converted.keys().next().value!)
      return { mediaType: 'image/png', bytes: png }
    },
    putPageScanPreview: ({ pageId, sha256, dataBase64 }) => {
      const image = getPageImage(ctx.db, pageId)
      if (!image) throw new ApiError('not-found', `page ${pageId} has no scan`)
      if (image.sha256 !== sha256) throw new ApiError('conflict', `page ${pageId}'s scan is not ${sha256.slice(0, 12)}… (it changed): preview not stored`)
      try {
        const folder = mediaFolder(ctx.databasePath)
        return putPreview(folder, image.sha256, shownShape(folder, image) ?? image, Buffer.from(dataBase64, 'base64'))
      } catch (error) {
        if (error instanceof ImageError) throw new ApiError('invalid-argument', `preview of page ${pageId}'s scan: ${error.message}`)
        throw error
      }
    }
  }
}
