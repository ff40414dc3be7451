import type { GeometryBox } from './geometry'

// EXIF orientation (TIFF tag 274), how a camera or scanner says its stored pixels are to be turned
// for display: 1 as stored, 2 mirrored, 3 turned 180°, 4 flipped, 5 transposed, 6 turned 90°
// clockwise, 7 transversed, 8 turned 90° anticlockwise. Galley shows a scan as it is meant to be
// seen (the browser does so for JPEG and PNG, sharp's rotate() for the preview and tiles, core
// for TIFF), while OCR engines such as Tesseract give coordinates in the stored pixels: boxes are
// turned here the same way as the image.

export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8

export function isOrientation(value: number): value is Orientation {
  return Number.isInteger(value) && value >= 1 && value <= 8
}

/** Whether the orientation swaps width and height (5 to 8). */
export function swapsAxes(orientation: Orientation): boolean {
  return orientation >= 5
}

/**
 * Where the stored pixel (x, y) of an image of `width` × `height` stored pixels is when shown
 * (continuous coordinates: a point, not a pixel index).
 */
export function orientPoint(orientation: Orientation, width: number, height: number, x: number, y: number): [number, number] {
  switch (orientation) {
    case 2:
      return [width - x, y]
    case 3:
      return [width - x, height - y]
    case 4:
      return [x, height - y]
    case 5:
      return [y, x]
    case 6:
      return [height - y, x]
    case 7:
      return [height - y, width - x]
    case 8:
      return [y, width - x]
    default:
      return [x, y]
  }
}

/** The stored point shown at (x, y): the inverse of orientPoint (a quarter turn's inverse is the other way's). */
export function unorientPoint(orientation: Orientation, width: number, height: number, x: number, y: number): [number, number] {
  const inverse = orientation === 6 ? 8 : orientation === 8 ? 6 : orientation
  return swapsAxes(orientation) ? orientPoint(inverse, height, width, x, y) : orientPoint(inverse, width, height, x, y)
}

/** A box in stored pixels, as shown. */
export function orientBox(orientation: Orientation, width: number, height: number, box: GeometryBox): GeometryBox {
  const [ax, ay] = orientPoint(orientation, width, height, box[0], box[1])
  const [bx, by] = orientPoint(orientation, width, height, box[0] + box[2], box[1] + box[3])
  return [Math.min(ax, bx), Math.min(ay, by), Math.abs(bx - ax), Math.abs(by - ay)]
}

/** The orientation in a TIFF-structured EXIF block (from its "II"/"MM" header), 1 when it says none. */
export function exifOrientation(tiff: Uint8Array): Orientation {
  if (tiff.length < 8) return 1
  const le = tiff[0] === 0x49 && tiff[1] === 0x49
  if (!le && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return 1
  const u16 = (at: number): number => (le ? tiff[at]! | (tiff[at + 1]! << 8) : (tiff[at]! << 8) | tiff[at + 1]!)
  const u32 = (at: number): number => (le ? u16(at) + u16(at + 2) * 65536 : u16(at) * 65536 + u16(at + 2))
  if (u16(2) !== 42) return 1
  const ifd = u32(4)
  if (ifd + 2 > tiff.length) return 1
  const count = u16(ifd)
  for (let k = 0; k < count; k++) {
    const e = ifd + 2 + k * 12
    if (e + 12 > tiff.length) break
    // tag 274, type SHORT, one value (in the entry itself)
    if (u16(e) === 274 && u16(e + 2) === 3) {
      const value = u16(e + 8)
      return isOrientation(value) ? value : 1
    }
  }
  return 1
}

/** How an OCR file's boxes land on the scan as shown. */
export interface GeometryFrame {
  /** Whether the file's page is the stored pixels (turned here) rather than the scan as shown. */
  stored: boolean
  /** A box in the file's units, in the shown scan's pixels. */
  toShown(box: GeometryBox): GeometryBox
  /** A point of the shown scan (its pixels), in the file's units. */
  toGeometry(x: number, y: number): [number, number]
}

/**
 * The frame of an OCR file's page (`width` × `height` in its units) on a scan of `scan.width` ×
 * `scan.height` pixels as shown. Engines such as Tesseract ignore the orientation (their page is the
 * stored pixels); one that turned the image first gives a page of the shown shape. For a quarter
 * turn (5–8) the page's shape tells which; for 2–4 the shapes agree and the stored pixels are
 * taken, as Tesseract gives them.
 */
export function geometryFrame(page: { width: number; height: number }, scan: { width: number; height: number; orientation: Orientation }): GeometryFrame {
  const o = scan.orientation
  const storedW = swapsAxes(o) ? scan.height : scan.width
  const storedH = swapsAxes(o) ? scan.width : scan.height
  let stored = o !== 1
  if (swapsAxes(o) && page.width > 0 && page.height > 0) {
    const shape = Math.log(page.width / page.height)
    stored = Math.abs(shape - Math.log(storedW / storedH)) <= Math.abs(shape - Math.log(scan.width / scan.height))
  }
  const baseW = stored ? storedW : scan.width
  const baseH = stored ? storedH : scan.height
  const sx = baseW / (page.width || baseW)
  const sy = baseH / (page.height || baseH)
  return {
    stored,
    toShown: (box) => {
      const scaled: GeometryBox = [box[0] * sx, box[1] * sy, box[2] * sx, box[3] * sy]
      return stored ? orientBox(o, storedW, storedH, scaled) : scaled
    },
    toGeometry: (x, y) => {
      const [px, py] = stored ? unorientPoint(o, storedW, storedH, x, y) : [x, y]
      return [px / sx, py / sy]
    }
  }
}
