#!/usr/bin/env node
// Makes the OCR development and held-out sets (test/fixtures/ocr-dev/{dev,heldout}.jsonl):
// Galley's own sentences (scripts/ocr/text/*.txt), set as newspaper columns in each font,
// degraded like scans and read back by Tesseract chi_sim and PP-OCRv4. Each record keeps the
// text as the engine returned it beside the truth.
//
//   node scripts/ocr/make-dev.mjs [--only dev|heldout]
//
// The held-out set uses different sentences and its own random draws; nothing is tuned on it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rng } from './corpus.mjs'
import { ocrErrors } from './score.mjs'
import { createRecogniser } from './paddle.mjs'
import { checkTools, FONTS } from './render.mjs'
import { sampleDegradation, scanPage } from './scan.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const outDir = join(root, 'test', 'fixtures', 'ocr-dev')
const work = join(root, '.cache', 'ocr', 'work-dev')
mkdirSync(outDir, { recursive: true })
mkdirSync(work, { recursive: true })

/** Resolution range (dpi) of the scans: newspaper body text at 16–27 pixels a character. */
export const DPI = [125, 190]
/**
 * Pages read beyond repair (over this share of characters wrong) are left out: a character
 * fixer has nothing to work with there, and an editor retypes such a page.
 */
export const MAX_CER = 0.3
const SIZES = [9, 10, 10.5]

export function readParagraphs(file) {
  const paras = []
  let cur = []
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#')) continue
    if (line.trim() === '') {
      if (cur.length) paras.push(cur.join(''))
      cur = []
    } else cur.push(line.trim())
  }
  if (cur.length) paras.push(cur.join(''))
  return paras
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null
checkTools()
const rec = await createRecogniser({ threads: 1 })
for (const [split, seed] of [['dev', 1], ['heldout', 2]]) {
  if (only && only !== split) continue
  const paras = readParagraphs(join(here, 'text', `${split}.txt`))
  const rand = rng(seed * 100003)
  const records = []
  let dropped = 0
  const t0 = Date.now()
  for (const [pi, truth] of paras.entries()) {
    for (const font of FONTS) {
      const width = 14 + Math.floor(rand() * 11) // column width in characters
      const lines = []
      for (let k = 0; k < truth.length; k += width) lines.push(truth.slice(k, k + width))
      const pt = SIZES[Math.floor(rand() * SIZES.length)]
      const dpi = Math.round(DPI[0] + rand() * (DPI[1] - DPI[0]))
      const d = sampleDegradation(rand, dpi)
      const r = await scanPage(lines, font, pt, d, rec, work)
      const base = { id: `${split}-${pi}`, font: font.name, pt, degradation: d, truth }
      const keep = (engine, ocr) => {
        const e = ocrErrors(truth, ocr)
        if ((e.errors.length + e.lost) / truth.length <= MAX_CER) records.push({ ...base, engine, ocr })
        else dropped++
      }
      if (r.tess) keep('tesseract', r.tess.join(''))
      if (r.paddle.every((x) => x)) keep('paddle', r.paddle.map((x) => x.text).join(''))
    }
    process.stdout.write(`\r${split}: paragraph ${pi + 1}/${paras.length} (${((Date.now() - t0) / 1000).toFixed(0)} s)`)
  }
  const file = join(outDir, `${split}.jsonl`)
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n')
  console.log(`\n${file}: ${records.length} records (${dropped} pages read beyond repair left out)`)
}
