// One page through both engines: render clean, degrade like a scan, read with Tesseract (whole
// page, skewed) and the PP-OCR recogniser (line by line, with its per-frame probabilities).
import { join } from 'node:path'
import { degrade, lineBoxes, renderClean, toPgm } from './render.mjs'
import { tesseractChoices } from './tesseract.mjs'

/** Draws a scan profile: resolution, blur, noise, JPEG, threshold, stroke weight, skew. */
export function sampleDegradation(rand, dpi) {
  const r = () => rand()
  const d = {
    dpi,
    scale: r() < 0.4 ? 0.7 + r() * 0.25 : 1,
    blur: r() < 0.7 ? Math.round((0.2 + r() * 0.7) * 100) / 100 : 0,
    noise: r() < 0.6 ? Math.round(r() * 0.5 * 100) / 100 : 0,
    ink: r() < 0.12 ? 1 : r() < 0.1 ? -1 : 0,
    threshold: r() < 0.3 ? 42 + Math.floor(r() * 14) : 0,
    jpeg: 25 + Math.floor(r() * 60),
    skew: Math.round((r() - 0.5) * 1.6 * 100) / 100,
    seed: Math.floor(r() * 1e6)
  }
  // Thin strokes thresholded, or heavy blur thresholded, vanish or fill in entirely: garbage,
  // not a scan anyone would OCR. Such pages keep their grey levels.
  if (d.threshold && (d.ink < 0 || d.blur > 0.6)) d.threshold = 0
  return d
}

/**
 * Returns { tess: string[] | null, tessChoices: (string[] | null)[] | null, paddle: ({ text, chars } | null)[] }
 * for `lines` printed in `font` at `pt` points with degradation `d` (tessChoices: Tesseract's
 * alternatives for each character of tess.join(''), tesseract.mjs). Working files go to `work`.
 */
export async function scanPage(lines, font, pt, d, rec, work, { engines = ['tesseract', 'paddle'] } = {}) {
  const clean = join(work, 'clean.pgm'), jpg = join(work, 'scan.jpg'), skewed = join(work, 'skewed.png')
  renderClean(lines, font, pt, d.dpi, clean)
  degrade(clean, d, jpg, skewed)
  const tessP = engines.includes('tesseract') ? tesseractChoices(skewed) : Promise.resolve(null)
  let paddle = lines.map(() => null)
  if (engines.includes('paddle')) {
    const boxes = lineBoxes(toPgm(clean))
    // The boxes come from the clean page; a line whose ink splits or joins bands cannot be
    // matched to its text, so the page's recogniser reads are dropped then.
    if (boxes.length === lines.length) {
      const img = toPgm(jpg)
      paddle = []
      for (const b of boxes) paddle.push(await rec.read(img, b))
    }
  }
  const t = await tessP
  return { tess: t ? t.lines : null, tessChoices: t ? t.choices : null, paddle }
}
