// Builds resources/structure/junction-words.json: the common words of two to four Han
// characters, by which the analysis tells a word a column break cut in two (`犹` + `豫者`,
// `养老护` + `理实训`) from a heading over a new paragraph. Taken from the word-frequency lexicon
// Galley already ships (resources/typos/lexicon.txt.br, from the jieba project's dictionary).
// Run: npx tsx scripts/structure/build-junction-words.ts
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync } from 'node:zlib'

const root = join(import.meta.dirname, '..', '..')
/** Least lexicon frequency kept, by word length: rarer words would match junctions by chance. */
const MIN_FREQ: Record<number, number> = { 2: 100, 3: 100, 4: 50 }

const text = brotliDecompressSync(readFileSync(join(root, 'resources', 'typos', 'lexicon.txt.br'))).toString('utf8')
const kept: Record<number, string[]> = { 2: [], 3: [], 4: [] }
for (const line of text.split('\n')) {
  if (line === '' || line.startsWith('#')) continue
  const tab = line.indexOf('\t')
  const freq = Number(line.slice(0, tab))
  for (const w of line.slice(tab + 1).split(' ')) {
    const min = MIN_FREQ[w.length]
    if (min !== undefined && freq >= min && /^[\u4e00-\u9fff]+$/.test(w)) kept[w.length]!.push(w)
  }
}
const words = Object.fromEntries(Object.entries(kept).map(([n, ws]) => [n, [...new Set(ws)].sort().join('')]))
const out = { version: 1, source: 'resources/typos/lexicon.txt.br (jieba dict.txt, MIT)', minFreq: MIN_FREQ, words }
writeFileSync(join(root, 'resources', 'structure', 'junction-words.json'), JSON.stringify(out) + '\n')
console.log(Object.entries(kept).map(([n, ws]) => `${n}: ${new Set(ws).size}`).join(', '))
