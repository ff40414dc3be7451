import type { LayoutHints } from '../../analysis'
import type { GeometryBox, PageGeometry } from '../../../shared/geometry'

// The analysis hints an OCR file's layout gives (see analysis/layoutHints.ts), in line numbers
// of the text laid out from it: a block that starts above the one before it and to its right
// opens a new column; a block the file puts outside the print space, or of a header/footer
// type, or a short block in the top or bottom strip of the page, is furniture; a block set right
// beneath the one before it in the same column, not indented, under a line that runs to the
// column's edge, goes on with its paragraph (Chinese paragraphs open indented by two characters,
// and only their last line stops short).

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
  const continuations = new Set<number>()
  const linesOf = new Map<number, GeometryBox[]>()
  for (const line of geometry.lines) if (line.box) linesOf.set(line.block, [...(linesOf.get(line.block) ?? []), line.box])
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
    if (i > 0 && continues(linesOf.get(i - 1), linesOf.get(i))) continuations.add(lineOf(block.start))
  })
  return { columnBreaks, furnitureLines, continuations }
}

/** Whether a block (its lines' boxes) goes on with the paragraph of the block above it. */
function continues(above: GeometryBox[] | undefined, below: GeometryBox[] | undefined): boolean {
  const last = above?.[above.length - 1]
  const first = below?.[0]
  if (!above || !last || !first) return false
  const em = Math.min(last[3], first[3])
  const left = Math.min(...above.map((b) => b[0]))
  const right = Math.max(...above.map((b) => b[0] + b[2]), ...below!.map((b) => b[0] + b[2]))
  const overlap = Math.min(last[0] + last[2], first[0] + first[2]) - Math.max(last[0], first[0])
  const gap = first[1] - (last[1] + last[3])
  return (
    overlap > 0.5 * Math.min(last[2], first[2]) && // the same column
    gap > -0.3 * em &&
    gap < 0.8 * em && // right beneath, a line's spacing apart
    first[0] <= left + 0.5 * em && // the first line is not indented
    last[0] + last[2] >= right - em // the line above runs to the column's edge
  )
}
