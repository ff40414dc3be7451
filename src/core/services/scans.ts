import fs from 'node:fs'
import { ApiError, type Handlers } from '../../shared/api'
import { mediaFolder, mediaPath } from '../media/mediaStore'
import { getOriginalText, getPageGeometry, getPageImage } from '../store/queries/scans'
import type { ServiceContext } from './context'

const VIEWABLE = new Set(['image/png', 'image/jpeg', 'image/webp'])

export function scanHandlers(ctx: ServiceContext): Pick<Handlers, 'getPageScan' | 'getPageImage'> {
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
      let bytes: Buffer
      try {
        bytes = fs.readFileSync(file)
      } catch {
        throw new ApiError('not-found', `the scan of page ${pageId} is missing from ${mediaFolder(ctx.databasePath)} (${image.sha256.slice(0, 12)}…)`)
      }
      return { mediaType: image.mediaType, dataBase64: bytes.toString('base64') }
    }
  }
}
