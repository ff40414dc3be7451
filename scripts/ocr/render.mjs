// Renders lines of Chinese text as a scanned page with ImageMagick 6 (Debian `imagemagick`):
// a clean rendering (to find the line boxes), then the same page degraded the way scans are
// (low resolution, blur, noise, JPEG, thresholding, slight skew).
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

// /usr/local/bin may hold a stand-in `convert`; Debian's ImageMagick 6 is at /usr/bin.
export const CONVERT = ['/usr/bin/convert-im6.q16', '/usr/bin/convert'].find((p) => existsSync(p))

export const FONTS = [
  { name: 'Noto Serif CJK SC', file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', im: 'Noto-Serif-CJK-SC' },
  { name: 'Noto Sans CJK SC', file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', im: 'Noto-Sans-CJK-SC' },
  { name: 'AR PL UMing CN', file: '/usr/share/fonts/truetype/arphic/uming.ttc', im: 'AR-PL-UMing-CN' },
  { name: 'AR PL UKai CN', file: '/usr/share/fonts/truetype/arphic/ukai.ttc', im: 'AR-PL-UKai-CN' },
  { name: 'WenQuanYi Zen Hei', file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', im: 'WenQuanYi-Zen-Hei' },
  { name: 'WenQuanYi Micro Hei', file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', im: 'WenQuanYi-Micro-Hei' }
].filter((f) => existsSync(f.file))

export function checkTools() {
  if (!CONVERT) throw new Error('ImageMagick not found at /usr/bin/convert: apt-get install imagemagick')
  if (FONTS.length < 2) throw new Error('CJK fonts missing: apt-get install fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming fonts-wqy-zenhei fonts-wqy-microhei')
}

/** The SC face of a Noto collection is chosen by ImageMagick's font name; the others are the first face of their file. */
const fontArg = (f) => f.im ?? f.file

/**
 * Draws `lines` into `cleanPath` (PGM, grey) at `dpi` and `pt` points. Returns nothing; the
 * geometry is read back from the file.
 */
export function renderClean(lines, font, pt, dpi, cleanPath) {
  execFileSync(CONVERT, [
    '-density', String(dpi), '-font', fontArg(font), '-pointsize', String(pt),
    '-interline-spacing', String(Math.round((pt * dpi) / 72 * 0.6)),
    `label:${lines.join('\n')}`,
    '-bordercolor', 'white', '-border', '24', '-colorspace', 'gray', '-depth', '8', cleanPath
  ])
}

/**
 * Degrades the clean page into `outJpg` (no skew: the recogniser gets straightened lines, as
 * PP-OCR's detector crops them) and `outSkewed` (the whole page rotated, for Tesseract, which
 * segments the page itself).
 */
export function degrade(cleanPath, d, outJpg, outSkewed) {
  const args = [cleanPath]
  // A scan at lower resolution than the print: sample down and back up (soft, blocky strokes).
  if (d.scale < 1) args.push('-filter', 'Triangle', '-resize', `${Math.round(d.scale * 100)}%`, '-resize', `${Math.round(10000 / (d.scale * 100))}%`)
  if (d.blur > 0) args.push('-blur', `0x${d.blur}`)
  if (d.ink) args.push('-morphology', d.ink > 0 ? 'Erode' : 'Dilate', 'Disk:1') // thicker / thinner strokes
  if (d.noise > 0) args.push('-seed', String(d.seed), '-attenuate', String(d.noise), '+noise', 'Gaussian')
  if (d.threshold) args.push('-threshold', `${d.threshold}%`)
  args.push('-quality', String(d.jpeg), outJpg)
  execFileSync(CONVERT, args)
  execFileSync(CONVERT, [outJpg, '-background', 'white', '-rotate', String(d.skew), '-colorspace', 'gray', outSkewed])
}

/** Reads a binary PGM (P5, 8-bit) as { width, height, data }. */
export function readPgm(buf) {
  let p = 0
  const tok = () => {
    while (/\s/.test(String.fromCharCode(buf[p]))) p++
    if (buf[p] === 35) { while (buf[p] !== 10) p++; return tok() }
    const s = p
    while (!/\s/.test(String.fromCharCode(buf[p]))) p++
    return buf.subarray(s, p).toString('latin1')
  }
  if (tok() !== 'P5') throw new Error('not a binary PGM')
  const width = Number(tok()), height = Number(tok()), max = Number(tok())
  if (max > 255) throw new Error('16-bit PGM')
  p++
  return { width, height, data: buf.subarray(p, p + width * height) }
}

export function toPgm(path) {
  return readPgm(execFileSync(CONVERT, [path, '-colorspace', 'gray', '-depth', '8', 'pgm:-'], { maxBuffer: 1 << 28 }))
}

/** Bands of rows holding ink, on the clean page: one per text line. */
export function lineBoxes(img) {
  const { width, height, data } = img
  const rows = []
  for (let y = 0; y < height; y++) {
    let ink = 0
    for (let x = 0; x < width; x++) if (data[y * width + x] < 160) ink++
    rows.push(ink)
  }
  const boxes = []
  let y = 0
  while (y < height) {
    if (rows[y] === 0) { y++; continue }
    const y0 = y
    while (y < height && rows[y] > 0) y++
    let x0 = width, x1 = 0
    for (let yy = y0; yy < y; yy++)
      for (let x = 0; x < width; x++) if (data[yy * width + x] < 160) { if (x < x0) x0 = x; if (x > x1) x1 = x }
    boxes.push({ x0, y0, x1: x1 + 1, y1: y })
  }
  // Glyph parts above the main band (dots, strokes) become tiny bands: merge bands closer than a third of the line height.
  const merged = []
  for (const b of boxes) {
    const last = merged[merged.length - 1]
    if (last && b.y0 - last.y1 < (last.y1 - last.y0) / 3) { last.y1 = b.y1; last.x0 = Math.min(last.x0, b.x0); last.x1 = Math.max(last.x1, b.x1) }
    else merged.push({ ...b })
  }
  return merged
}
