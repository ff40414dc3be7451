import { orientPoint, swapsAxes, type Orientation } from '../../shared/orientation'
import type { DecodedImage } from './tiff'

// A TIFF scan is decoded by Galley itself (tiff.ts) and given to the workbench as PNG, which
// carries no orientation: its pixels are turned here as the TIFF's orientation tag says, so it is
// shown as the browser shows a JPEG with the same tag (and as its preview and tiles are made).

export function orientPixels(image: DecodedImage, orientation: Orientation): DecodedImage {
  if (orientation === 1) return image
  const { width, height, channels, data } = image
  const outW = swapsAxes(orientation) ? height : width
  const outH = swapsAxes(orientation) ? width : height
  const out = new Uint8Array(data.length)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // the pixel's centre, turned, gives the shown pixel's centre
      const [cx, cy] = orientPoint(orientation, width, height, x + 0.5, y + 0.5)
      const to = ((cy - 0.5) * outW + (cx - 0.5)) * channels
      const from = (y * width + x) * channels
      for (let c = 0; c < channels; c++) out[to + c] = data[from + c]!
    }
  }
  return { width: outW, height: outH, channels, data: out }
}
