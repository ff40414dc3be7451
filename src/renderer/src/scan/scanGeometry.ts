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
