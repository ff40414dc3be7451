// What the OCR layout's hints do to the page analysis on the pages test/fixtures/ocr holds
// (Tesseract output of pages written for Galley; truth in *.truth.json):
//   npx tsx scripts/ocr-fixtures/measure-hints.ts
// For each page and OCR format, with and without hints: titles found (exactly, white space
// aside), running head and foot set aside as furniture, paragraphs rejoined across a column.
import fs from 'node:fs'
import path from 'node:path'
import { analyzePage } from '../../src/core/analysis'
import { readOcrText } from '../../src/core/import/ocr'
import { hintsFromLayout } from '../../src/core/import/ocr/hintsFromLayout'

const DIR = path.resolve(__dirname, '../../test/fixtures/ocr')
const squeeze = (s: string): string => s.replace(/[\s\u3000]/g, '')

interface Truth {
  articles: { title: string }[]
  furniture: string[]
}

const totals = { without: { titles: 0, furniture: 0, falseFurniture: 0, joins: 0 }, with: { titles: 0, furniture: 0, falseFurniture: 0, joins: 0 } }
let expectedTitles = 0
let expectedFurniture = 0
for (const truthFile of fs.readdirSync(DIR).filter((f) => f.endsWith('.truth.json'))) {
  const base = truthFile.replace('.truth.json', '')
  const truth = JSON.parse(fs.readFileSync(path.join(DIR, truthFile), 'utf8')) as Truth
  for (const suffix of ['.alto.xml', '.hocr', '.page2019.xml']) {
    const { text, geometry } = readOcrText(fs.readFileSync(path.join(DIR, base + suffix), 'utf8'))
    const hints = hintsFromLayout(text, geometry)
    expectedTitles += truth.articles.length
    expectedFurniture += truth.furniture.length
    const row: string[] = [`${base}${suffix}`]
    for (const mode of ['without', 'with'] as const) {
      const p = analyzePage(text, mode === 'with' ? hints : undefined)
      const titles = new Set(p.articles.filter((a) => a.kind === 'article').map((a) => squeeze(a.title)))
      const found = truth.articles.filter((a) => titles.has(squeeze(a.title))).length
      const furniture = p.furniture.map(squeeze)
      const furnitureFound = truth.furniture.filter((f) => furniture.some((x) => x.length > 3 && squeeze(f).includes(x.slice(0, 6)))).length
      const falseFurniture = furniture.filter((x) => !truth.furniture.some((f) => squeeze(f).includes(x.slice(0, 6)))).length
      const joins = p.joins.filter((j) => j.applied).length
      totals[mode].titles += found
      totals[mode].furniture += furnitureFound
      totals[mode].falseFurniture += falseFurniture
      totals[mode].joins += joins
      row.push(`${mode}: titles ${found}/${truth.articles.length}, furniture ${furnitureFound}/${truth.furniture.length} (+${falseFurniture} wrong), joins ${joins}`)
    }
    row.push(`hints: ${hints.columnBreaks?.size ?? 0} column breaks, ${hints.furnitureLines?.size ?? 0} furniture lines`)
    console.log(row.join(' | '))
  }
}
for (const mode of ['without', 'with'] as const) {
  const t = totals[mode]
  console.log(`${mode} hints: titles ${t.titles}/${expectedTitles}, furniture ${t.furniture}/${expectedFurniture} (+${t.falseFurniture} wrong), joins applied ${t.joins}`)
}
