#!/usr/bin/env node
// Builds resources/typos/glyphs.bin.br: a coarse ink map of each of the 6,763 GB 2312 hanzi
// (8×8 grey levels in Noto Serif CJK SC and in Noto Sans CJK SC, Debian's fonts-noto-cjk,
// SIL OFL 1.1), from which src/core/typos/shapes.ts measures how alike any two characters
// print. The look-alike table (lookalikes.tsv) keeps only the closest ten shapes of each
// character; an OCR engine on a poor scan misreads far beyond those (合→和, 治→沿), and the
// detector needs a shape distance for every candidate its context proposes.
//
//   node scripts/lookalikes/build-glyphs.mjs      (needs Chromium and fonts-noto-cjk; seconds)
//
// Format (little-endian): "GGL1", u16 count, u8 side, u8 fonts, count × u16 code, then
// count × fonts × side² bytes (ink 0–255 per cell, row by row, one font after the other).
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants } from 'node:zlib'
import { gb2312Hanzi } from './charset.mjs'
import { cachedGlyphs } from './glyph-cache.mjs'
import { SIZE } from './render.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const FONTS = ['Noto Serif CJK SC', 'Noto Sans CJK SC']
/** Cells a side: 8×8 ranks the printed characters behind real OCR misreadings as well as 16×16 or 32×32 (dev set). */
const SIDE = 8

const chars = gb2312Hanzi()
const cacheDir = join(root, '.cache', 'lookalikes')
const fonts = []
for (const font of FONTS) fonts.push(await cachedGlyphs(chars, font, cacheDir))
const f = SIZE / SIDE
const cell = SIDE * SIDE
const head = Buffer.alloc(8)
head.write('GGL1', 0, 'latin1')
head.writeUInt16LE(chars.length, 4)
head.writeUInt8(SIDE, 6)
head.writeUInt8(FONTS.length, 7)
const codes = Buffer.alloc(2 * chars.length)
chars.forEach((ch, i) => codes.writeUInt16LE(ch.charCodeAt(0), 2 * i))
const ink = Buffer.alloc(chars.length * FONTS.length * cell)
chars.forEach((_, i) => {
  fonts.forEach((glyphs, fi) => {
    const g = glyphs[i]
    const at = (i * FONTS.length + fi) * cell
    const acc = new Float64Array(cell)
    for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) acc[((y / f) | 0) * SIDE + ((x / f) | 0)] += g[y * SIZE + x]
    for (let k = 0; k < cell; k++) ink[at + k] = Math.round(acc[k] / (f * f))
  })
})
const raw = Buffer.concat([head, codes, ink])
const out = join(root, 'resources', 'typos', 'glyphs.bin.br')
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }))
console.log(`${out}: ${chars.length} hanzi, ${SIDE}×${SIDE} in ${FONTS.length} fonts, ${raw.length} bytes, ${Math.round(brotliCompressSync(raw).length / 1024)} KB compressed`)
