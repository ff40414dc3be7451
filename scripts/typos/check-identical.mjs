#!/usr/bin/env node
// The typo detector's output, exactly, on many texts: a speed change must leave every
// suggestion as it was (positions, replacements, alternatives, confidence, message) and every
// score bit for bit. Writes one digest line a text; run it before a change with --write FILE
// and after with --compare FILE.
//
//   node scripts/typos/check-identical.mjs (--write FILE | --compare FILE) [--texts N]
//
// Texts: N synthetic ones from the benchmark's generator (bench/synthetic: paragraphs, runs of
// paragraphs and whole pages, seeded), every .txt and OCR record under test/fixtures, and
// clean-news.txt. Each is run through detectSuspicious as the app calls it and through
// findCharSwaps at a threshold far below the calibrated one (-20), so that candidates which
// are never shown are compared too, with their evidence to the last bit.
import { build } from 'esbuild'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadCore, root } from '../ocr/load-core.mjs'

const arg = (name) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : null)
const writeTo = arg('write')
const compareTo = arg('compare')
const count = Number(arg('texts') ?? 3000)
if (!writeTo === !compareTo) {
  console.error('usage: check-identical.mjs (--write FILE | --compare FILE) [--texts N]')
  process.exit(2)
}

const { typos } = await loadCore()
const outdir = join(root, '.cache', 'ocr-bundle')
mkdirSync(outdir, { recursive: true })
await build({ entryPoints: { synthetic: join(root, 'bench', 'synthetic', 'index.ts') }, bundle: true, platform: 'node', format: 'esm', target: 'node20', outdir, outExtension: { '.js': '.mjs' }, logLevel: 'warning' })
const synthetic = await import(pathToFileURL(join(outdir, 'synthetic.mjs')).href + '?t=' + Date.now())

/** name → text */
const texts = []
const fixtures = join(root, 'test', 'fixtures')
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, e.name)
    if (e.isDirectory()) walk(full)
    else if (e.name.endsWith('.txt')) texts.push([full.slice(root.length + 1), readFileSync(full, 'utf8')])
    else if (e.name.endsWith('.jsonl'))
      readFileSync(full, 'utf8')
        .split('\n')
        .filter(Boolean)
        .forEach((l, k) => {
          const r = JSON.parse(l)
          for (const f of ['truth', 'ocr']) if (typeof r[f] === 'string') texts.push([`${full.slice(root.length + 1)}#${k}.${f}`, r[f]])
        })
  }
}
walk(fixtures)
// Synthetic: pages of a few archives, cut into single paragraphs, runs of paragraphs and whole pages.
let made = 0
for (let seed = 1; made < count; seed++) {
  for (const page of synthetic.generateArchive({ seed: 7919 * seed, pages: 40 })) {
    if (made >= count) break
    const paras = page.text.split(/\n+/).filter((p) => p.length > 0)
    const kind = made % 10
    const name = `synthetic/${seed}/${page.fileName}`
    if (kind === 0) {
      texts.push([name, page.text])
      made++
    } else {
      for (let k = 0; k < paras.length && made < count; k += kind) {
        texts.push([`${name}@${k}+${kind}`, paras.slice(k, k + kind).join('\n')])
        made++
      }
    }
  }
}

const digest = (v) => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 20)
const bits = (x) => {
  const b = Buffer.alloc(8)
  b.writeDoubleLE(x)
  return b.toString('hex')
}
const lines = []
let suggestions = 0
let findings = 0
const model = typos.loadTypoModel()
const t0 = performance.now()
for (const [name, text] of texts) {
  const shown = typos.detectSuspicious(text, {}, model)
  const low = typos.findCharSwaps(text, new Uint8Array(text.length), model, -20).map((f) =>
    [f.best, ...f.others].map((c) => [c.pos, c.replacement, bits(c.evidence), bits(c.lmGain), bits(c.channel), c.wordStart, c.wordEnd])
  )
  suggestions += shown.length
  findings += low.length
  lines.push(`${name}\t${text.length}\t${shown.length}\t${low.length}\t${digest(shown)}\t${digest(low)}`)
}
const ms = performance.now() - t0
const summary = `${texts.length} texts, ${suggestions} suggestions, ${findings} findings at evidence ≥ -20 (${(ms / 1000).toFixed(1)} s)`
if (writeTo) {
  writeFileSync(writeTo, lines.join('\n') + '\n')
  console.log(`${summary}; written to ${writeTo}`)
} else {
  if (!existsSync(compareTo)) throw new Error(`${compareTo}: missing`)
  const before = readFileSync(compareTo, 'utf8').split('\n').filter(Boolean)
  let differ = 0
  for (let k = 0; k < Math.max(before.length, lines.length); k++)
    if (before[k] !== lines[k]) {
      if (differ++ < 10) console.log(`differs: ${before[k] ?? '(none)'}\n      now ${lines[k] ?? '(none)'}`)
    }
  console.log(differ === 0 ? `identical: ${summary}` : `${differ} of ${lines.length} texts differ (${summary})`)
  process.exitCode = differ === 0 ? 0 : 1
}
