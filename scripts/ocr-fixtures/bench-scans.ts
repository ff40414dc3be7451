// Import of 1,000 synthetic text pages with and without a scan of the same base name (the
// 356 KB fixture PNG made unique per page), and the hash and copy of those scans alone:
//   npx tsx scripts/ocr-fixtures/bench-scans.ts [runs]
// A rough measure beside `npm run bench` (which has no scans yet): each import in this process,
// one after the other; medians printed.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { writeArchive } from '../../bench/synthetic'
import { importPaths } from '../../src/core/import/importer'
import { inspectImage, putImage } from '../../src/core/media/mediaStore'
import { openDatabase } from '../../src/core/store/database'

const PNG = fs.readFileSync(path.resolve(__dirname, '../../test/fixtures/ocr/示例晚报_2026-03-05_02版.png'))
const runs = Number(process.argv[2] ?? 3)

async function importRun(scans: boolean): Promise<number> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-bench-scans-'))
  try {
    const input = path.join(root, 'in')
    const { files } = writeArchive(input, { pages: 1000, seed: 7 })
    if (scans) files.forEach((f, i) => fs.writeFileSync(f.replace(/\.txt$/, '.png'), Buffer.concat([PNG, Buffer.from(`page ${i}`)])))
    const db = openDatabase(path.join(root, 'g.db'), { noBackup: true })
    const t0 = performance.now()
    const report = await importPaths(db, [input], {})
    const seconds = (performance.now() - t0) / 1000
    db.close()
    if (report.imported !== 1000) throw new Error(`imported ${report.imported} of 1000`)
    return seconds
  } finally {
    fs.rmSync(root, { recursive: true, force: true })
  }
}

function copyRun(): number {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-bench-copy-'))
  try {
    for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(root, `${i}.png`), Buffer.concat([PNG, Buffer.from(`page ${i}`)]))
    const t0 = performance.now()
    for (let i = 0; i < 1000; i++) {
      const file = path.join(root, `${i}.png`)
      putImage(path.join(root, 'media'), inspectImage(file), { file })
    }
    return (performance.now() - t0) / 1000
  } finally {
    fs.rmSync(root, { recursive: true, force: true })
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

void (async () => {
  const text: number[] = []
  const withScans: number[] = []
  const copy: number[] = []
  for (let r = 0; r < runs; r++) {
    text.push(await importRun(false))
    withScans.push(await importRun(true))
    copy.push(copyRun())
  }
  const t = median(text)
  const s = median(withScans)
  const c = median(copy)
  console.log(`text pages only:        ${t.toFixed(2)} s (runs ${text.map((x) => x.toFixed(2)).join(', ')})`)
  console.log(`with a scan each:       ${s.toFixed(2)} s (runs ${withScans.map((x) => x.toFixed(2)).join(', ')}) = ${(s / t).toFixed(2)}x`)
  console.log(`hash + copy alone:      ${c.toFixed(2)} s (runs ${copy.map((x) => x.toFixed(2)).join(', ')})`)
  console.log(`with scans, less copy:  ${((s - c) / t).toFixed(2)}x text-only import`)
})()
