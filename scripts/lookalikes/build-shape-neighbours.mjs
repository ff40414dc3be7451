#!/usr/bin/env node
// Makes resources/typos/shapeNeighbours.bin.br from resources/typos/glyphs.bin.br: for every
// GB 2312 hanzi, the others that print at least 0.769 alike (src/core/typos/shapeNeighbours.ts
// says why). Compares all 23 million pairs, about 12 s. Rerun after build-glyphs.mjs.
//
//   node scripts/lookalikes/build-shape-neighbours.mjs
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadTyposModule, root } from './load-core.mjs'

const t = await loadTyposModule()
const model = t.loadTypoModel()
if (!model.shapes) throw new Error('no resources/typos/glyphs.bin.br')
const t0 = Date.now()
const found = t.findShapeNeighbours(model.shapes)
const out = join(root, 'resources', 'typos', t.SHAPE_NEIGHBOURS_FILE)
const bytes = t.encodeShapeNeighbours(model.shapes, found)
writeFileSync(out, bytes)
const rows = found.start.length - 1
console.log(`${out}: ${rows} characters, ${found.codes.length} neighbours (${(found.codes.length / rows).toFixed(0)} each), ${bytes.length} bytes, ${((Date.now() - t0) / 1000).toFixed(1)} s`)
