#!/usr/bin/env node
// Fits the few constants of the OCR channel (src/core/typos/confusions.ts, DEFAULT_PARAMS) on the
// dev set: the values that make what the engines read most probable given what was printed,
// averaged over every aligned hanzi (read right or wrong). The held-out set's figure is printed
// for the report, never used to choose.
//
//   node scripts/ocr/fit-channel.mjs
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import { align } from './align.mjs'
import { loadCore, root } from './load-core.mjs'

const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff]+$/
const { typos, confusions: C } = await loadCore()
const la = typos.loadTypoModel().lookalikes
// The table of resources/typos, or of $GALLEY_TYPOS_DIR (a table being tried before it is shipped).
const dir = process.env.GALLEY_TYPOS_DIR ?? join(root, 'resources', 'typos')
const rows = C.parseConfusions(brotliDecompressSync(readFileSync(join(dir, C.CONFUSIONS_FILE))).toString('utf8'))

function pairs(split) {
  const out = []
  for (const line of readFileSync(join(root, 'test', 'fixtures', 'ocr-dev', `${split}.jsonl`), 'utf8').split('\n')) {
    if (!line) continue
    const r = JSON.parse(line)
    for (const o of align(r.truth, r.ocr)) if (o.printed && o.read && HAN.test(o.printed) && HAN.test(o.read)) out.push([o.read, o.printed])
  }
  return out
}
const dev = pairs('dev')
const held = pairs('heldout')
const ll = (m, ps) => ps.reduce((s, [r, p]) => s + m.logProb(r, p), 0) / ps.length

const grid = {
  priorWeight: [1.5, 2.5, 4, 6, 10],
  priorError: [0.1, 0.2, 0.3],
  simPower: [3, 5, 8, 12],
  errorScale: [0.2, 0.25, 0.3, 0.4, 0.5, 0.6],
  unrelated: [0.005, 0.01, 0.015]
}
let best = null
for (const priorWeight of grid.priorWeight)
  for (const priorError of grid.priorError)
    for (const simPower of grid.simPower)
      for (const errorScale of grid.errorScale)
        for (const unrelated of grid.unrelated) {
          const params = { priorWeight, priorError, simPower, errorScale, unrelated }
          const v = ll(C.buildConfusionModel(rows, la, params), dev)
          if (!best || v > best.v) best = { v, params }
        }
const glyphOnly = C.buildConfusionModel(new Map(), la, best.params)
const defaults = C.buildConfusionModel(rows, la)
console.log(`dev: ${dev.length} aligned hanzi (${dev.filter(([r, p]) => r !== p).length} misread); held-out: ${held.length} (${held.filter(([r, p]) => r !== p).length})`)
console.log('best on dev:', JSON.stringify(best.params))
console.log(`mean log P(read | printed): dev ${best.v.toFixed(4)}, held-out ${ll(C.buildConfusionModel(rows, la, best.params), held).toFixed(4)}`)
console.log(`  current defaults: dev ${ll(defaults, dev).toFixed(4)}, held-out ${ll(defaults, held).toFixed(4)}`)
console.log(`  glyph prior alone (same parameters): dev ${ll(glyphOnly, dev).toFixed(4)}, held-out ${ll(glyphOnly, held).toFixed(4)}`)
const errs = (ps) => ps.filter(([r, p]) => r !== p)
const m = C.buildConfusionModel(rows, la, best.params)
console.log(`  misread characters only: learnt ${ll(m, errs(dev)).toFixed(3)} / glyph ${ll(glyphOnly, errs(dev)).toFixed(3)} (dev); learnt ${ll(m, errs(held)).toFixed(3)} / glyph ${ll(glyphOnly, errs(held)).toFixed(3)} (held-out)`)
