// What the OCR file's geometry does to the structure Galley proposes, on the Tesseract pages of
// test/fixtures/ocr (pages written for Galley, rendered, degraded and read by Tesseract; the
// truth in *.truth.json). Each page goes through the real import twice or more, into a fresh
// store a variant, the pages of the edition together:
//   text  the same characters as a .txt page (the text Galley lays out from the ALTO file:
//         blocks apart by a blank line), so nothing but the geometry differs
//   alto, hocr, page  the OCR files themselves (blocks, lines, their coordinates)
// then the proposal is read back through the JSON export (every proposed article) and scored.
//   npx tsx scripts/ocr-fixtures/measure-geometry.ts [--json]
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { exportStore } from '../../src/core/export'
import { readOcrText } from '../../src/core/import/ocr'
import { importPaths } from '../../src/core/import/importer'
import { openDatabase } from '../../src/core/store/database'

const DIR = path.resolve(__dirname, '../../test/fixtures/ocr')
const squeeze = (s: string): string => s.replace(/[\s\u3000]/g, '')

interface Truth {
  articles: { title: string; kicker: string | null; paragraphs: number; caption: string | null }[]
  furniture: string[]
}
interface Exported {
  kind: string
  title: string
  kicker: string | null
  paragraphs: { role: string; text: string }[]
  captions: string[]
}
interface Score {
  articles: number
  titles: number
  kickers: number
  paragraphs: number
  captionsTruth: number
  captions: number
  captionsAttached: number
  furniture: number
  proposed: number
  furnitureLeaks: number
}

const VARIANTS = { text: null, alto: '.alto.xml', hocr: '.hocr', page: '.page2019.xml' } as const
type Variant = keyof typeof VARIANTS

function score(truth: Truth, articles: Exported[]): Score {
  const s: Score = { articles: truth.articles.length, titles: 0, kickers: 0, paragraphs: 0, captionsTruth: truth.articles.filter((a) => a.caption).length, captions: 0, captionsAttached: 0, furniture: truth.furniture.length, proposed: 0, furnitureLeaks: 0 }
  const stories = articles.filter((a) => a.kind === 'article')
  s.proposed = stories.length
  const allCaptions = articles.flatMap((a) => a.captions.map(squeeze))
  const allText = articles.map((a) => squeeze([a.kicker ?? '', a.title, ...a.paragraphs.map((p) => p.text), ...a.captions].join(''))).join('')
  for (const t of truth.articles) {
    const found = stories.find((a) => squeeze(a.title) === squeeze(t.title))
    const caption = t.caption ? squeeze(t.caption).slice(0, 12) : null
    if (caption && allCaptions.some((c) => c.includes(caption))) s.captions++
    if (!found) continue
    s.titles++
    if (squeeze(found.kicker ?? '') === squeeze(t.kicker ?? '')) s.kickers++
    if (found.paragraphs.filter((p) => p.role === 'body').length === t.paragraphs) s.paragraphs++
    if (caption && found.captions.some((c) => squeeze(c).includes(caption))) s.captionsAttached++
  }
  // a furniture line leaks when its characters (the first ten, OCR errors aside) are in an article
  for (const f of truth.furniture) if (allText.includes(squeeze(f).slice(0, 10))) s.furnitureLeaks++
  return s
}

async function run(variant: Variant, bases: string[]): Promise<{ perPage: Record<string, Score> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `galley-geometry-${variant}-`))
  try {
    const input = path.join(dir, 'in')
    fs.mkdirSync(input)
    for (const base of bases) {
      const alto = fs.readFileSync(path.join(DIR, `${base}.alto.xml`), 'utf8')
      if (variant === 'text') fs.writeFileSync(path.join(input, `${base}.txt`), readOcrText(alto).text)
      else fs.copyFileSync(path.join(DIR, base + VARIANTS[variant]), path.join(input, base + VARIANTS[variant]))
    }
    const db = openDatabase(path.join(dir, 'g.db'), { noBackup: true })
    try {
      const report = await importPaths(db, [input], { edition: 'measure', workers: 0 })
      if (report.failed > 0) throw new Error(report.items.map((i) => i.reason).join('; '))
      const out = path.join(dir, 'out')
      exportStore(db, { scope: { all: true }, formats: ['json'], outDir: out, includeUnapproved: true })
      const json = JSON.parse(fs.readFileSync(path.join(out, 'json', fs.readdirSync(path.join(out, 'json'))[0]!), 'utf8')) as { pages: { sourceName: string; articles: Exported[] }[] }
      const perPage: Record<string, Score> = {}
      for (const base of bases) {
        const truth = JSON.parse(fs.readFileSync(path.join(DIR, `${base}.truth.json`), 'utf8')) as Truth
        const page = json.pages.find((p) => p.sourceName.startsWith(base))
        perPage[base] = score(truth, page?.articles ?? [])
      }
      return { perPage }
    } finally {
      db.close()
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const bases = fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.truth.json'))
    .map((f) => f.replace('.truth.json', ''))
    .sort()
  const results: Record<string, { perPage: Record<string, Score>; total: Score }> = {}
  for (const variant of Object.keys(VARIANTS) as Variant[]) {
    const { perPage } = await run(variant, bases)
    const total = Object.values(perPage).reduce(
      (a, s) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v + s[k as keyof Score]])) as unknown as Score
    )
    results[variant] = { perPage, total }
  }
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify(results, null, 2) + '\n')
    return
  }
  const n = (a: number, b: number): string => `${a}/${b}`
  console.log(`${bases.length} pages (${bases.join(', ')})`)
  console.log('| imported as | titles found | kickers right | paragraph count right | captions found (with their article) | furniture set aside | articles proposed (truth) |')
  console.log('| --- | --- | --- | --- | --- | --- | --- |')
  for (const [variant, { total: t }] of Object.entries(results)) {
    console.log(`| ${variant} | ${n(t.titles, t.articles)} | ${n(t.kickers, t.articles)} | ${n(t.paragraphs, t.articles)} | ${n(t.captions, t.captionsTruth)} (${t.captionsAttached}) | ${n(t.furniture - t.furnitureLeaks, t.furniture)} | ${t.proposed} (${t.articles}) |`)
  }
}

void main()
