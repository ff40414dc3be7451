#!/usr/bin/env node
// Fits the shape channel of the detector's context candidates (src/core/typos/detect.ts,
// shapeLogProb): how much more often engines misread a character as one of similar print than as
// any other. For every one-for-one hanzi misreading of the dev set, the similarity of the two
// shapes (src/core/typos/shapes.ts) is binned; the same bins over all pairs of a sample of GB 2312
// hanzi say how many characters sit at each similarity. Their ratio is the enrichment
// P(read | printed, misread) × (number of hanzi), in nats, per bin; a hinge (flat below a knee,
// linear above it, capped) is fitted to it by least squares, weighted by the misreadings per
// bin. The held-out set is never read.
//
//   node scripts/ocr/fit-shape-prior.mjs
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadCore, root } from './load-core.mjs'
import { ocrErrors } from './score.mjs'

const { typos } = await loadCore()
const shapes = typos.loadTypoModel().shapes
if (!shapes) throw new Error('resources/typos/glyphs.bin.br: missing (node scripts/lookalikes/build-glyphs.mjs)')
const codes = []
for (let c = 0x4e00; c <= 0x9fff; c++) if (shapes.has(c)) codes.push(c)

const B = 40
const bin = (s) => Math.max(0, Math.min(B - 1, Math.floor(s * B)))
const all = new Float64Array(B)
let sampled = 0
for (let i = 0; i < codes.length; i += 17) {
  sampled++
  for (const d of codes) if (d !== codes[i]) all[bin(shapes.similarity(codes[i], d))]++
}
const hits = new Float64Array(B)
let n = 0
for (const line of readFileSync(join(root, 'test', 'fixtures', 'ocr-dev', 'dev.jsonl'), 'utf8').split('\n')) {
  if (!line) continue
  const r = JSON.parse(line)
  for (const e of ocrErrors(r.truth, r.ocr).errors) {
    const a = e.read.charCodeAt(0)
    const b = e.truth.charCodeAt(0)
    if (e.read.length !== 1 || e.truth.length !== 1 || !shapes.has(a) || !shapes.has(b)) continue
    hits[bin(shapes.similarity(b, a))]++
    n++
  }
}
// Enrichment per bin: share of misreadings there over share of characters there (× N = hanzi).
const points = []
for (let k = 0; k < B; k++) {
  if (hits[k] === 0 || all[k] === 0) continue
  const enrich = Math.log(hits[k] / n / (all[k] / sampled / codes.length))
  points.push({ sim: (k + 0.5) / B, enrich, w: hits[k] })
  console.log(`sim ${((k + 0.5) / B).toFixed(3)}: ${String(hits[k]).padStart(4)} misreadings, ${(all[k] / sampled).toFixed(1).padStart(7)} hanzi a character, enrichment ${enrich.toFixed(2)} nats`)
}
let best = null
for (let knee = 0.6; knee <= 0.9; knee += 0.005)
  for (let slope = 5; slope <= 120; slope += 1)
    for (let cap = 2; cap <= 9; cap += 0.25) {
      const f = (s) => Math.min(cap, Math.max(0, slope * (s - knee)))
      // The level below the knee is the mean there (shapes say nothing); fitted as an offset.
      const low = points.filter((p) => p.sim < knee)
      const off = low.length ? low.reduce((s, p) => s + p.w * p.enrich, 0) / low.reduce((s, p) => s + p.w, 0) : 0
      let err = 0
      for (const p of points) err += p.w * (p.enrich - off - f(p.sim)) ** 2
      if (!best || err < best.err) best = { knee, slope, cap, off, err }
    }
console.log(`${n} dev misreadings; hinge: enrichment ≈ ${best.off.toFixed(2)} + min(${best.cap}, max(0, ${best.slope} × (sim − ${best.knee.toFixed(3)})))`)
console.log(`detect.ts: SHAPE_KNEE = ${best.knee.toFixed(3)}, SHAPE_SLOPE = ${best.slope}, SHAPE_CAP = ${best.cap}`)
