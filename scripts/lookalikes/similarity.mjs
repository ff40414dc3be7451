// Shape comparison of rasterised glyphs. Bitmaps are blurred first so that a stroke
// shifted by a pixel or two (the way two fonts, or a scan, differ) still overlaps.
import { SIZE } from './render.mjs'

const K = [1, 4, 6, 4, 1].map((v) => v / 16)

export function blur(g) {
  const tmp = new Float32Array(SIZE * SIZE)
  const out = new Float32Array(SIZE * SIZE)
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      let s = 0
      for (let k = -2; k <= 2; k++) {
        const xx = x + k
        if (xx >= 0 && xx < SIZE) s += K[k + 2] * g[y * SIZE + xx]
      }
      tmp[y * SIZE + x] = s / 255
    }
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      let s = 0
      for (let k = -2; k <= 2; k++) {
        const yy = y + k
        if (yy >= 0 && yy < SIZE) s += K[k + 2] * tmp[yy * SIZE + x]
      }
      out[y * SIZE + x] = s
    }
  return out
}

export function downsample(f, factor) {
  const n = SIZE / factor
  const out = new Float32Array(n * n)
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) out[((y / factor) | 0) * n + ((x / factor) | 0)] += f[y * SIZE + x] / (factor * factor)
  return out
}

/** Overlap similarity in [0, 1]: 1 - L1(a, b) / (|a| + |b|), over the region [x0, x1) × [y0, y1). */
export function overlap(a, b, x0 = 0, x1 = SIZE, y0 = 0, y1 = SIZE) {
  let diff = 0
  let mass = 0
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const p = a[y * SIZE + x]
      const q = b[y * SIZE + x]
      diff += p > q ? p - q : q - p
      mass += p + q
    }
  return mass === 0 ? 1 : 1 - diff / mass
}

/** Ink bounding box of a raw bitmap region: [x0, x1, y0, y1], or null when blank. */
export function inkBox(g, x0 = 0, x1 = SIZE, y0 = 0, y1 = SIZE, threshold = 64) {
  let bx0 = SIZE, bx1 = -1, by0 = SIZE, by1 = -1
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++)
      if (g[y * SIZE + x] >= threshold) {
        if (x < bx0) bx0 = x
        if (x > bx1) bx1 = x
        if (y < by0) by0 = y
        if (y > by1) by1 = y
      }
  return bx1 < 0 ? null : [bx0, bx1 + 1, by0, by1 + 1]
}

/** The ink of a region stretched to fill the square, so that a component drawn narrow
 * inside a compound character (人 in 认) can be compared with the character on its own. */
export function boxNormalised(g, x0 = 0, x1 = SIZE, y0 = 0, y1 = SIZE) {
  const box = inkBox(g, x0, x1, y0, y1)
  if (!box) return null
  const [bx0, bx1, by0, by1] = box
  // Keep a one-pixel margin so that blurring does not lose the edge strokes.
  const m = 2
  const out = new Uint8Array(SIZE * SIZE)
  const w = bx1 - bx0
  const h = by1 - by0
  for (let y = m; y < SIZE - m; y++)
    for (let x = m; x < SIZE - m; x++) {
      const sx = bx0 + Math.min(w - 1, Math.floor(((x - m + 0.5) * w) / (SIZE - 2 * m)))
      const sy = by0 + Math.min(h - 1, Math.floor(((y - m + 0.5) * h) / (SIZE - 2 * m)))
      out[y * SIZE + x] = g[sy * SIZE + sx]
    }
  return { bitmap: out, aspect: w / h }
}
