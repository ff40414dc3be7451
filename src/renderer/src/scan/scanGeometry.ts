import type { GeometryBox, PageGeometry } from '../../../shared/geometry'

// Finding things in a page's geometry: the printed line and word at an offset of the original
// text, and the line at a point of the scan.

/** Index of the line holding `offset` (or the next one after it), -1 when there is none. */
export function lineAt(geometry: PageGeometry, offset: number): number {
  const lines = geometry.lines
  let lo = 0
  let hi = lines.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (lines[mid]!.end <= offset) lo = mid + 1
    else {
      found = mid
      hi = mid - 1
    }
  }
  return found
}

export function wordAt(geometry: PageGeometry, offset: number): GeometryBox | null {
  for (const w of geometry.words) if (w.start <= offset && offset < w.end) return w.box
  return null
}

/** The line whose box holds the point (in the geometry's units), else the nearest line by distance. */
export function lineAtPoint(geometry: PageGeometry, x: number, y: number): number {
  let best = -1
  let bestDistance = Infinity
  geometry.lines.forEach((line, i) => {
    if (!line.box) return
    const [bx, by, bw, bh] = line.box
    const dx = x < bx ? bx - x : x > bx + bw ? x - bx - bw : 0
    const dy = y < by ? by - y : y > by + bh ? y - by - bh : 0
    const d = dx * dx + dy * dy
    if (d < bestDistance) {
      bestDistance = d
      best = i
    }
  })
  return bestDistance <= 40 * 40 ? best : -1
}

/**
 * Where [start, end) of the original text is on the scan: the union of its words' boxes, else
 * its share of its first printed line (characters taken as evenly spaced along the line, across
 * for a wide line, down for a tall one), else null.
 */
export function rangeBox(geometry: PageGeometry, start: number, end: number): GeometryBox | null {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const w of geometry.words) {
    if (w.end <= start || w.start >= end) continue
    x0 = Math.min(x0, w.box[0])
    y0 = Math.min(y0, w.box[1])
    x1 = Math.max(x1, w.box[0] + w.box[2])
    y1 = Math.max(y1, w.box[1] + w.box[3])
  }
  if (x0 !== Infinity) return [x0, y0, x1 - x0, y1 - y0]
  const index = lineAt(geometry, start)
  const line = index === -1 ? null : geometry.lines[index]!
  if (!line?.box || line.start > start) return null
  const [bx, by, bw, bh] = line.box
  const length = Math.max(1, line.end - line.start)
  const from = (start - line.start) / length
  const to = Math.min(1, Math.max(from + 1 / length, (end - line.start) / length))
  return bw >= bh ? [bx + bw * from, by, bw * (to - from), bh] : [bx, by + bh * from, bw, bh * (to - from)]
}
