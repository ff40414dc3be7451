import type { LayoutHints } from '../../analysis'
import type { PageGeometry } from '../../../shared/geometry'

// The analysis hints an OCR file's layout gives (see analysis/layoutHints.ts), in line numbers
// of the text laid out from it: a block that starts above the one before it and to its right
// opens a new column; a block the file puts outside the print space, or of a header/footer
// type, or a short block in the top or bottom strip of the page, is furniture.

/** Share of the page's height at its top and bottom where a short block is a running head or foot. */
const EDGE = 0.06
const EDGE_BLOCK_CHARS = 60
const MARGIN_ROLES = new Set(['header', 'footer', 'page-number', 'marginalia', 'catch-word', 'signature-mark', 'ocr_header', 'ocr_footer'])

export function hintsFromLayout(text: string, geometry: PageGeometry): LayoutHints {
  const lineStarts: number[] = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1)
  const lineOf = (offset: number): number => {
    let lo = 0
    let hi = lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (lineStarts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  const columnBreaks = new Set<number>()
  const furnitureLines = new Set<number>()
  const height = geometry.height
  geometry.blocks.forEach((block, i) => {
    const box = block.box
    const chars = block.end - block.start
    const atEdge = box !== null && height > 0 && chars <= EDGE_BLOCK_CHARS && (box[1] + box[3] <= height * EDGE || box[1] >= height * (1 - EDGE))
    if (block.area === 'margin' || (block.role !== undefined && MARGIN_ROLES.has(block.role)) || atEdge) {
      for (let line = lineOf(block.start); line <= lineOf(Math.max(block.start, block.end - 1)); line++) furnitureLines.add(line)
    }
    const previous = i > 0 ? geometry.blocks[i - 1]!.box : null
    if (box && previous && box[1] + box[3] / 2 < previous[1] && box[0] > previous[0] + previous[2] / 2) columnBreaks.add(lineOf(block.start))
  })
  return { columnBreaks, furnitureLines }
}
