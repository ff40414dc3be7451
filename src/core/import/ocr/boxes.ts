import type { Box } from './types'
import { OcrFormatError } from './xmlTree'

/** A number from a coordinate attribute; anything else is a one-line error naming it. */
export function coordinate(value: string | undefined, what: string): number {
  if (value === undefined || value.trim() === '') throw new OcrFormatError(`${what} is missing`)
  const n = Number(value)
  if (!Number.isFinite(n) || Math.abs(n) > 1e7) throw new OcrFormatError(`${what} is not a coordinate (${value.slice(0, 40)})`)
  return n
}

/** The box of x,y pairs ("x1,y1 x2,y2 …", PAGE's Coords points). */
export function boxOfPoints(points: string, what: string): Box {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const pair of points.trim().split(/\s+/)) {
    const [xs, ys, extra] = pair.split(',')
    if (extra !== undefined) throw new OcrFormatError(`${what} has a malformed point (${pair.slice(0, 40)})`)
    const x = coordinate(xs, what)
    const y = coordinate(ys, what)
    x0 = Math.min(x0, x)
    y0 = Math.min(y0, y)
    x1 = Math.max(x1, x)
    y1 = Math.max(y1, y)
  }
  if (!Number.isFinite(x0)) throw new OcrFormatError(`${what} has no points`)
  return [x0, y0, x1 - x0, y1 - y0]
}

export function union(boxes: readonly (Box | null)[]): Box | null {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const b of boxes) {
    if (!b) continue
    x0 = Math.min(x0, b[0])
    y0 = Math.min(y0, b[1])
    x1 = Math.max(x1, b[0] + b[2])
    y1 = Math.max(y1, b[1] + b[3])
  }
  return Number.isFinite(x0) ? [x0, y0, x1 - x0, y1 - y0] : null
}
