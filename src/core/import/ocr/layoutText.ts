import type { GeometryBox, PageGeometry } from '../../../shared/geometry'
import type { OcrBlock, OcrLine, OcrPage } from './types'

// The text of an OCR page as Galley's text pages have it: one paragraph a line, blocks (and
// paragraphs inside a block) apart by a blank line, the printed lines of a paragraph joined —
// without a space between Chinese characters, with one between Latin words. The geometry
// records where every block, line and word of that text is.

const LATIN_END = /[A-Za-z0-9\u00c0-\u024f]$/
const LATIN_START = /^[A-Za-z0-9\u00c0-\u024f]/

function joiner(left: string, right: string): string {
  return LATIN_END.test(left) && LATIN_START.test(right) ? ' ' : ''
}

export interface OcrText {
  text: string
  geometry: PageGeometry
}

export function layoutText(page: OcrPage): OcrText {
  let text = ''
  const geometry: PageGeometry = { format: page.format, version: page.version, imageName: page.imageName, width: page.width, height: page.height, ...(page.unit ? { unit: page.unit } : {}), blocks: [], lines: [], words: [] }
  const append = (piece: string): number => {
    text += joiner(text, piece)
    const at = text.length
    text += piece
    return at
  }
  for (const block of page.blocks) {
    const paragraphs = splitParagraphs(block)
    for (const paragraph of paragraphs) {
      if (text !== '') text += '\n\n'
      const blockIndex = geometry.blocks.length
      const blockStart = text.length
      for (const line of paragraph) {
        const lineText = line.text ?? ''
        let lineStart = -1
        if (line.text !== undefined) {
          const t = lineText.replace(/\s+/g, ' ').trim()
          if (t === '') continue
          lineStart = append(t)
          // words located in the line's own text, in order
          let from = lineStart
          for (const word of line.words) {
            const w = word.text.trim()
            if (!w || !word.box) continue
            const at = text.indexOf(w, from)
            if (at === -1 || at >= text.length) continue
            geometry.words.push({ start: at, end: at + w.length, box: round(word.box) })
            from = at + w.length
          }
        } else {
          for (const word of line.words) {
            const w = word.text.replace(/\s+/g, ' ').trim()
            if (!w) continue
            const at = append(w)
            if (lineStart === -1) lineStart = at
            if (word.box) geometry.words.push({ start: at, end: at + w.length, box: round(word.box) })
          }
          if (lineStart === -1) continue
        }
        geometry.lines.push({ start: lineStart, end: text.length, box: line.box ? round(line.box) : null, block: blockIndex })
      }
      if (text.length === blockStart) {
        // nothing in it: no empty paragraph either
        if (text.endsWith('\n\n')) text = text.slice(0, -2)
        continue
      }
      geometry.blocks.push({ start: blockStart, end: text.length, box: block.box ? round(block.box) : null, area: block.area, ...(block.role ? { role: block.role } : {}) })
    }
  }
  return { text, geometry }
}

function round(box: GeometryBox): GeometryBox {
  return [Math.round(box[0]), Math.round(box[1]), Math.round(box[2]), Math.round(box[3])]
}

/**
 * A block may hold several paragraphs (ABBYY and Transkribus blocks often do): a line that ends
 * well short of the block's right edge, followed by another line, closes a paragraph.
 */
function splitParagraphs(block: OcrBlock): OcrLine[][] {
  const lines = block.lines
  if (lines.length < 3 || !block.box) return [lines]
  const right = block.box[0] + block.box[2]
  const heights = lines.map((l) => l.box?.[3] ?? 0).sort((a, b) => a - b)
  const lineHeight = heights[heights.length >> 1]!
  if (lineHeight <= 0) return [lines]
  const out: OcrLine[][] = [[]]
  lines.forEach((line, i) => {
    out[out.length - 1]!.push(line)
    const short = line.box !== null && line.box[0] + line.box[2] < right - 2 * lineHeight
    if (short && i < lines.length - 1) out.push([])
  })
  return out
}
