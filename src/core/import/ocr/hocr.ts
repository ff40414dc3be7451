import { coordinate, union } from './boxes'
import type { Box, OcrBlock, OcrLine, OcrPage, OcrWord } from './types'
import { OcrFormatError, type XNode } from './xmlTree'

// hOCR (XHTML with classes): ocr_page > ocr_carea > ocr_par > ocr_line (or ocr_header,
// ocr_caption, ocr_textfloat) > ocrx_word, boxes in the title attribute ("bbox x0 y0 x1 y1").
// A paragraph is a block; a carea without paragraphs is one. Reading order is document order.

const LINE_CLASSES = new Set(['ocr_line', 'ocr_header', 'ocr_caption', 'ocr_textfloat'])

function classes(node: XNode): string[] {
  return (node.attrs.class ?? '').split(/\s+/).filter(Boolean)
}

function hasClass(node: XNode, name: string): boolean {
  return classes(node).includes(name)
}

function title(node: XNode): Map<string, string> {
  const props = new Map<string, string>()
  for (const part of (node.attrs.title ?? '').split(';')) {
    const m = /^\s*(\S+)\s*(.*?)\s*$/.exec(part)
    if (m) props.set(m[1]!, m[2]!)
  }
  return props
}

function bbox(node: XNode, what: string): Box | null {
  const value = title(node).get('bbox')
  if (value === undefined) return null
  const parts = value.split(/\s+/)
  if (parts.length !== 4) throw new OcrFormatError(`hOCR ${what} has a malformed bbox (${value.slice(0, 40)})`)
  const [x0, y0, x1, y1] = parts.map((p) => coordinate(p, `hOCR ${what} bbox`)) as [number, number, number, number]
  return [x0, y0, x1 - x0, y1 - y0]
}

function find(node: XNode, test: (n: XNode) => boolean, out: XNode[] = []): XNode[] {
  for (const c of node.children) {
    if (test(c)) out.push(c)
    else find(c, test, out)
  }
  return out
}

function allText(node: XNode): string {
  return node.text + node.children.map(allText).join('')
}

export function readHocr(root: XNode): OcrPage {
  const pages = find(root, (n) => hasClass(n, 'ocr_page'))
  if (pages.length === 0) throw new OcrFormatError('hOCR file without an ocr_page')
  if (pages.length > 1) throw new OcrFormatError(`hOCR file with ${pages.length} pages (Galley takes one page a file)`)
  const page = pages[0]!
  const props = title(page)
  const image = props.get('image')
  const imageName = image ? image.replace(/^"(.*)"$/, '$1') : null
  const pageBox = bbox(page, 'ocr_page')
  const blocks: OcrBlock[] = []
  for (const area of find(page, (n) => hasClass(n, 'ocr_carea') || hasClass(n, 'ocr_par') || classes(n).some((c) => LINE_CLASSES.has(c)))) {
    if (hasClass(area, 'ocr_carea')) {
      const pars = find(area, (n) => hasClass(n, 'ocr_par'))
      if (pars.length === 0) blocks.push(readBlock(area))
      else for (const par of pars) blocks.push(readBlock(par))
    } else if (hasClass(area, 'ocr_par')) blocks.push(readBlock(area))
    else blocks.push({ box: bbox(area, 'line'), area: 'text', lines: [readLine(area)] })
  }
  const all = union(blocks.map((b) => b.box))
  return {
    format: 'hocr',
    version: 'hOCR',
    imageName: imageName || null,
    width: pageBox ? pageBox[2] : all ? all[0] + all[2] : 0,
    height: pageBox ? pageBox[3] : all ? all[1] + all[3] : 0,
    blocks: blocks.filter((b) => b.lines.length > 0)
  }
}

function readBlock(node: XNode): OcrBlock {
  const lines = find(node, (n) => classes(n).some((c) => LINE_CLASSES.has(c))).map(readLine)
  const role = classes(node).find((c) => c === 'ocr_header' || c === 'ocr_footer' || c === 'ocr_caption')
  return { box: bbox(node, node.attrs.id ?? 'block') ?? union(lines.map((l) => l.box)), area: 'text', ...(role ? { role } : {}), lines }
}

function readLine(node: XNode): OcrLine {
  const wordNodes = find(node, (n) => hasClass(n, 'ocrx_word'))
  const words: OcrWord[] =
    wordNodes.length > 0
      ? wordNodes.map((w) => ({ text: allText(w).trim(), box: bbox(w, w.attrs.id ?? 'word') }))
      : [{ text: allText(node).replace(/\s+/g, ' ').trim(), box: null }]
  return { box: bbox(node, node.attrs.id ?? 'line') ?? union(words.map((w) => w.box)), words: words.filter((w) => w.text !== '') }
}
