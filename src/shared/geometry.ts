// The layout an OCR file gave a page, stored beside its original text (migration 9): where each
// block, line and word of the original text is on the page image. Offsets are UTF-16 [start, end)
// into the original text; boxes are [x, y, width, height] in the file's units, on a page of
// `width` × `height` of them (the image may be scaled: a viewer scales boxes by image/page size).

export type GeometryBox = [number, number, number, number]

export interface PageGeometry {
  format: 'alto' | 'hocr' | 'page'
  version: string
  imageName: string | null
  width: number
  height: number
  /** ALTO's MeasurementUnit when not pixels ('mm10', 'inch1200'); hOCR and PAGE are pixels. */
  unit?: 'pixel' | 'mm10' | 'inch1200'
  blocks: { start: number; end: number; box: GeometryBox | null; area: 'text' | 'margin'; role?: string }[]
  lines: { start: number; end: number; box: GeometryBox | null; block: number }[]
  words: { start: number; end: number; box: GeometryBox }[]
}
