#!/usr/bin/env node
// Writes resources/typos/variants.tsv: which hanzi are traditional forms and their simplified
// form, and the traditional form of each simplified hanzi, for src/core/typos/variants.ts (the
// typo detector reads a traditional-script page through its simplified-script model).
//
//   apt-get install unicode-data          # /usr/share/unicode/Unihan_Variants.txt.bz2
//   node scripts/typos/build-variants.mjs [path/to/Unihan_Variants.txt(.bz2)]
//
// From the Unihan database's kSimplifiedVariant and kTraditionalVariant fields, hanzi of the
// Basic Multilingual Plane only (the detector's), each side:
//   s <T> <S>   T is only a traditional form (its simplified variants do not include itself): S is
//               its first simplified variant. 乾 (simplified variants 乾 and 干) and 著 are left out:
//               a simplified text writes them too.
//   t <S> <T>   S is only a simplified form: T is its first traditional variant (发 → 發, not 髮).
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const src = process.argv[2] ?? '/usr/share/unicode/Unihan_Variants.txt.bz2'
let text
try {
  text = src.endsWith('.bz2') ? execFileSync('bzcat', [src], { maxBuffer: 1 << 28 }).toString('utf8') : readFileSync(src, 'utf8')
} catch (e) {
  console.error(`${src}: cannot be read (${e.code ?? e.message}); apt-get install unicode-data, or name the file`)
  process.exit(1)
}
const isHan = (c) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)
const code = (u) => parseInt(u.slice(2), 16)
const simplified = new Map(), traditional = new Map()
let version = ''
for (const line of text.split('\n')) {
  if (!version && /^# Date: /.test(line)) version = line.slice(2)
  const m = /^U\+([0-9A-F]+)\t(kSimplifiedVariant|kTraditionalVariant)\t(.+)$/.exec(line)
  if (!m) continue
  const c = parseInt(m[1], 16)
  const list = m[3].split(' ').map((u) => code(u.split('<')[0]))
  ;(m[2] === 'kSimplifiedVariant' ? simplified : traditional).set(c, list)
}
const rows = []
for (const [c, list] of simplified) if (isHan(c) && !list.includes(c) && isHan(list[0])) rows.push(`s\t${String.fromCharCode(c)}\t${String.fromCharCode(list[0])}`)
const nS = rows.length
for (const [c, list] of traditional) if (isHan(c) && !list.includes(c) && isHan(list[0])) rows.push(`t\t${String.fromCharCode(c)}\t${String.fromCharCode(list[0])}`)
if (nS < 1000 || rows.length - nS < 1000) {
  console.error(`${src}: only ${nS} traditional and ${rows.length - nS} simplified forms found: not the Unihan variants file?`)
  process.exit(1)
}
const out = join(root, 'resources', 'typos', 'variants.tsv')
writeFileSync(out, `# Derived from the Unicode Character Database (Unihan_Variants.txt${version ? `; ${version}` : ''}) by scripts/typos/build-variants.mjs: modified (selected fields, one variant each). Licence: variants.LICENSE.txt.\n${rows.join('\n')}\n`)
console.log(`wrote ${out}: ${nS} traditional forms, ${rows.length - nS} simplified forms`)
