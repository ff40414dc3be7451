#!/usr/bin/env node
// Detection throughput: runs detectSuspicious over a few MB of text (the clean-news fixture
// with look-alike errors sprinkled in, plus the sample pages when present) and prints MB/s.
//   node scripts/lookalikes/bench-detect.mjs [megabytes=3]
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadTyposModule, root } from './load-core.mjs'

const targetMB = Number(process.argv[2] ?? 3)
const t = await loadTyposModule()
const t0 = performance.now()
const model = t.loadTypoModel()
console.log(`model load: ${(performance.now() - t0).toFixed(0)} ms (reported ${model.loadMs.toFixed(0)} ms)`)

const parts = [readFileSync(join(root, 'test', 'fixtures', 'typos', 'clean-news.txt'), 'utf8')]
const samples = '/work/shared/samples'
if (existsSync(samples)) for (const f of readdirSync(samples)) if (f.endsWith('.txt')) parts.push(readFileSync(join(samples, f), 'utf8'))
let base = parts.join('\n\n')
// Swap one character in 300 for its closest look-alike so the detector has work to do.
const chars = base.split('')
for (let i = 150; i < chars.length; i += 300) {
  const near = model.lookalikes.of(chars[i])
  if (near.length > 0) chars[i] = near[0].char
}
base = chars.join('')

// Pages are checked one at a time in the app: split into page-sized pieces.
const pages = []
let bytes = 0
let n = 0
while (bytes < targetMB * 1e6) {
  for (let p = 0; p < base.length; p += 8000) {
    const page = base.slice(p, p + 8000) + '\n' + n++
    pages.push(page)
    bytes += Buffer.byteLength(page, 'utf8')
  }
}
const charCount = pages.reduce((s, p) => s + p.length, 0)
t.detectSuspicious(pages[0], {}, model) // warm-up
const t1 = performance.now()
let found = 0
for (const p of pages) found += t.detectSuspicious(p, {}, model).length
const secs = (performance.now() - t1) / 1000
console.log(
  `detect: ${(bytes / 1e6).toFixed(2)} MB UTF-8 (${charCount} chars, ${pages.length} pages) in ${secs.toFixed(2)} s = ` +
    `${(bytes / 1e6 / secs).toFixed(2)} MB/s, ${(charCount / 1e6 / secs).toFixed(2)} M chars/s; ${found} suggestions`
)
