import { readAlto } from './alto'
import { readHocr } from './hocr'
import { layoutText, type OcrText } from './layoutText'
import { readPageXml } from './pageXml'
import type { OcrPage } from './types'
import { OcrFormatError, parseXml } from './xmlTree'

export { OcrFormatError } from './xmlTree'
export type { OcrText } from './layoutText'

/** File names an OCR engine's output goes by: ALTO and PAGE are .xml, hOCR .hocr or .html. */
export const OCR_FILE = /\.(xml|hocr|html?|xhtml)$/i

export function isOcrFileName(name: string): boolean {
  return OCR_FILE.test(name)
}

/** Reads ALTO, hOCR or PAGE XML (already decoded to text): the page's text and its geometry. */
export function readOcrText(xml: string): OcrText {
  const page = readOcrPage(xml)
  const result = layoutText(page)
  if (result.text.trim() === '') throw new OcrFormatError(`${page.version} file without any text`)
  return result
}

export function readOcrPage(xml: string): OcrPage {
  const root = parseXml(xml)
  if (root.name === 'alto') return readAlto(root)
  if (root.name === 'PcGts') return readPageXml(root)
  if (root.name === 'html') return readHocr(root)
  throw new OcrFormatError(`XML that is neither ALTO, hOCR nor PAGE (root element <${root.name}>)`)
}
