#!/usr/bin/env node
// The warm figure of issue 16: an editor corrects and approves the first pages of an edition,
// then the edition's other pages are proposed with what Galley learnt of the publication.
//
//   node scripts/structure/warm-eval.mjs [--set ../shared/dev-pages/rmrb] [--first 3] [--offset 0] [--json]
//
// Imports the set's pages into a temporary store as one edition of one publication, replays the
// ground truth (gt.json, turned into the form `galley analyze --json` prints) of the first pages
// through `galley structure set` and `galley approve`, then scores the other pages with the set's
// score.py, cold (`galley analyze --json`) and warm (`galley analyze --publication P --json`).
// Needs `npm run build`. The pages and their ground truth stay where they are: nothing of them is
// written into the repository.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : fallback
}
const set = path.resolve(option('--set', path.join(root, '../shared/dev-pages/rmrb')))
const first = Number(option('--first', '3'))
const scorer = path.resolve(option('--scorer', path.join(set, '../../eval/score.py')))
const asJson = args.includes('--json')
// --teach-only: import and teach, keep the store (--keep), score nothing
const teachOnly = args.includes('--teach-only')
const galley = path.join(root, 'bin/galley.mjs')
const PUBLICATION = 'warm-eval'
const EDITION = 'warm-eval edition'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-warm-'))
const db = path.join(tmp, 'galley.db')
const run = (...argv) => execFileSync(process.execPath, [galley, ...argv, '--db', db], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })

/** Blocks as score.py reads them: the text split at blank lines. */
const blocksOf = (text) => text.split(/\n\s*\n/).filter((b) => b.trim() !== '')
const refText = (blocks, ref) => {
  if (typeof ref === 'string') {
    const [b, l] = ref.split('.').map(Number)
    return blocks[b].split('\n')[l]
  }
  return blocks[ref]
}

/** The ground truth of one page in the form `galley analyze --json` prints. */
function structureOf(text, gt) {
  const bl = blocksOf(text)
  const articles = []
  for (const a of gt.articles) {
    const paragraphs = a.body.map((p) =>
      p[0] === 'sub' ? { role: 'subhead', text: bl[p[1]].trim() } : { role: 'body', text: p.map((i) => bl[i].trim().replace(/\n/g, '')).join('') }
    )
    articles.push({
      kind: 'article',
      title: a.title,
      headings: a.heads.map((h) => refText(bl, h).trim()),
      byline: a.byline === undefined || a.byline === null ? null : refText(bl, a.byline).trim(),
      paragraphs
    })
  }
  for (const c of gt.captions) articles.push({ kind: 'caption', title: '', headings: [], byline: null, paragraphs: [{ role: 'body', text: c.map((i) => refText(bl, i).trim()).join('\n') }] })
  return { articles, furniture: gt.furniture.map((i) => bl[i].trim()) }
}

const gt = JSON.parse(fs.readFileSync(path.join(set, 'gt.json'), 'utf8'))
const names = Object.keys(gt).sort()
// --offset K: teach the pages K..K+first-1 of the set in name order instead (another held-out split)
const offset = Number(option('--offset', '0'))
const taught = names.slice(offset, offset + first)
const rest = names.filter((n) => !taught.includes(n))

// the set's pages as one folder for --edition-dir (links: nothing is copied)
fs.mkdirSync(path.join(tmp, 'pages'))
for (const n of names) fs.symlinkSync(path.join(set, n), path.join(tmp, 'pages', n))
run('import', ...names.map((n) => path.join(set, n)), '--edition', EDITION, '--publication', PUBLICATION)
const pages = JSON.parse(run('pages', '--edition', EDITION, '--json'))
const idOf = new Map(pages.map((p) => [p.sourceName, p.id]))

const started = performance.now()
for (const name of taught) {
  const file = path.join(tmp, `${name}.structure.json`)
  fs.writeFileSync(file, JSON.stringify(structureOf(fs.readFileSync(path.join(set, name), 'utf8'), gt[name])))
  run('structure', 'set', String(idOf.get(name)), file)
  run('approve', '--page', String(idOf.get(name)), '--all')
}
const teachMs = performance.now() - started
const rules = JSON.parse(run('profile', 'show', '--publication', PUBLICATION, '--json'))

if (teachOnly) {
  process.stdout.write(`${db}\n`)
  process.exit(0)
}
const score = (cmd) => {
  const out = execFileSync('python3', [scorer, '--set', set, '--cmd', cmd, '--cwd', root, '--json', ...rest], { encoding: 'utf8', maxBuffer: 64 << 20 })
  return JSON.parse(out).summary
}
const cold = score(`node ${galley} analyze {file} --json`)
// the same pages with what the publication's stored pages show (recurring lines), nothing learnt
const evidence = score(`node ${galley} analyze {file} --edition-dir ${tmp}/pages --json`)
const warm = score(`node ${galley} analyze {file} --publication ${PUBLICATION} --db ${db} --json`)

const result = { set, taught, scored: rest.length, rules: rules.length, rulesByRole: countBy(rules, (r) => r.role), teachSeconds: Math.round(teachMs) / 1000, cold, evidence, warm }
if (asJson) process.stdout.write(JSON.stringify(result, null, 2) + '\n')
else {
  process.stdout.write(`taught: ${taught.join(', ')} (${result.teachSeconds} s); ${rules.length} rules learnt ${JSON.stringify(result.rulesByRole)}\n`)
  process.stdout.write(`scored: the other ${rest.length} pages\n`)
  for (const key of ['articles_exact', 'titles', 'join_f1', 'text_kept', 'furniture_leaks', 'caption_leaks']) {
    process.stdout.write(`  ${key.padEnd(16)} cold ${String(cold[key]).padEnd(7)} cold+edition ${String(evidence[key]).padEnd(7)} warm ${warm[key]}\n`)
  }
}
if (args.includes('--keep')) process.stderr.write(`store kept: ${db}\n`)
else fs.rmSync(tmp, { recursive: true, force: true })

function countBy(list, key) {
  const out = {}
  for (const item of list) out[key(item)] = (out[key(item)] ?? 0) + 1
  return out
}
