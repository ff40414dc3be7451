import type { Orientation } from '../../shared/orientation'
import { loadSharp } from './derive'
import { orientPixels } from './orientPixels'
import { encodePng } from './png'
import { decodeTiff } from './tiff'

// A TIFF scan as the PNG the workbench draws: decoded by Galley itself (baseline TIFF, tiff.ts),
// else, for what that decoder refuses (CCITT fax, as archives' bilevel scans mostly are, and
// JPEG-in-TIFF), by sharp (libvips, libtiff) where it loads. Turned as its orientation tag says.
// When neither can, Galley's own reason is the one given.

export async function tiffAsPng(bytes: Buffer, orientation: Orientation): Promise<Buffer> {
  try {
    return encodePng(orientPixels(decodeTiff(bytes), orientation))
  } catch (error) {
    const sharp = await loadSharp()
    if (!sharp) throw error
    try {
      const pipeline = sharp(bytes)
      return await (orientation === 1 ? pipeline : pipeline.rotate()).png({ compressionLevel: 1 }).toBuffer()
    } catch {
      // libvips cannot read it either: what Galley's decoder said is the clearer reason
      throw error
    }
  }
}
