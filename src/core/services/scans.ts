import fs from 'node:fs'
import { ApiError, type Handlers } from '../../shared/api'
import { mediaFolder, mediaPath } from '../media/mediaStore'
import { encodePng } from '../media/png'
import { decodeTiff } from '../media/tiff'
import { getOriginalText, getPageGeometry, getPageImage } from '../store/queries/scans'
import type { ServiceContext } from './context'

// A TIFF scan is given to the workbench as PNG, decoded here (browsers cannot draw TIFF); the
// last few are kept, since an editor goes back and forth between pages. PDF is stored, not drawn.
const VIEWABLE = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/tiff'])
const CONVERTED_KEPT = 3

export function scanHandlers(ctx: ServiceContext): Pick<Handlers, 'getPageScan' | 'getPageImage'> {
  const converted = new Map<string, Buffer>()
  return {
    getPageScan: ({ pageId }) => {
      const originalText = getOriginalText(ctx.db, pageId)
      if (originalText === undefined) throw new ApiError('not-found', `page ${pageId} does not exist`)
      const image = getPageImage(ctx.db, pageId)
      return {
        image: image && { sha256: image.sha256, mediaType: image.mediaType, width: image.width, height: image.height, sourceName: image.sourceName, byteLength: image.byteLength },
        viewable: image !== null && VIEWABLE.has(image.mediaType),
        geometry: getPageGeometry(ctx.db, pageId),
        originalText
      }
    },
    getPageImage: ({ pageId }) => {
      const image = getPageImage(ctx.db, pageId)
      if (!image) throw new ApiError('not-found', `page ${pageId} has no scan`)
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
        png = encodePng(decodeTiff(bytes))
      } catch (error) {
        throw new ApiError('failed', `the scan of page ${pageId} (${image.sourceName}): ${(error as Error).message}`)
      }
      converted.set(image.sha256, png)
      if (converted.size > CONVERTED_KEPT) converted.delete(converted.keys().next().value!)
      return { mediaType: 'image/png', bytes: png }
    }
  }
}
