/** A rectangle on the page image, in the OCR file's own units: x, y (top left), width, height. */
export type Box = [number, number, number, number]

export type OcrFormat = 'alto' | 'hocr' | 'page'

/** Where a block sits: in the text area, or outside it (running heads, footers, margins). */
export type BlockArea = 'text' | 'margin'

export interface OcrWord {
  text: string
  box: Box | null
}

export interface OcrLine {
  box: Box | null
  words: OcrWord[]
  /** The line's text when the file gives it whole (PAGE TextEquiv), else the words joined. */
  text?: string
}

export interface OcrBlock {
  box: Box | null
  area: BlockArea
  /** The file's own role for the block when it has one (PAGE region type, hOCR class). */
  role?: string
  lines: OcrLine[]
}

/** One page of an OCR engine's output, blocks in reading order. */
export interface OcrPage {
  format: OcrFormat
  /** e.g. 'ALTO v4', 'PAGE 2019-07-15', 'hOCR'. */
  version: string
  /** The scan the file names, as the file names it (a bare name or a path). */
  imageName: string | null
  width: number
  height: number
  unit?: 'pixel' | 'mm10' | 'inch1200'
  blocks: OcrBlock[]
}
