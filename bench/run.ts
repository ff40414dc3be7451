// npm run bench [-- --json] [--pages N] [--large] [--runs N] [--quick] [--session] [--only api,workbench]
// --only: the store is imported once (the steps need it), then only the steps named (floor, analysis, repropose,
// typos, largePage, scans, search, api, load, workbench, export, session).
// Builds a synthetic archive from a seed and measures Galley against the floor on this machine,
// then the workbench itself in Chromium on one of the stores (bench/workbench.ts), then the
// editor session on the sample edition (bench/editorSession.ts; --session runs only that).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'
import { writeArchive, generateArchive } from './synthetic'
import { summarize, type Summary } from './stats'
import { summarizeWorkbench, workbenchRows, type WorkbenchSummary } from './workbenchReport'
import { sessionRows, type SessionResult } from './editorSession'

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    pages: { type: 'string' },
    large: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    seed: { type: 'string', default: '20240601' },
    keep: { type: 'boolean', default: false },
    session: { type: 'boolean', default: false },
    only: { type: 'string' }
  }
})

const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null
const wants = (name: string): boolean => !only || only.has(name)

/** The editor session on the sample edition, in a process of its own: its report lines (and whether it reached the fixture). */
function editorSession(): { lines: string[]; result: unknown } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'editorSession.ts'), '--json'], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
  const last = child.stdout.trim().split('\n').at(-1) ?? ''
  if (!last.startsWith('{')) return { lines: [`editor session: ${(child.stderr.trim() || 'no result').split('\n').at(-1)}`], result: null }
  const result = JSON.parse(last) as SessionResult
  return { lines: sessionRows(result), result }
}

if (values.session) {
  const { lines, result } = editorSession()
  if (values.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n')
  else process.stdout.write(lines.join('\n') + '\n')
  process.exit(result && (result as SessionResult).mismatches.length === 0 ? 0 : 1)
}

const seed = Number(values.seed)
const runs = Math.max(1, Number(values.runs))
const sizes = values.pages ? [Number(values.pages)] : values.quick ? [1000] : values.large ? [1000, 10_000, 30_000] : [1000, 10_000]
const root = path.resolve(__dirname, '..')
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-bench-'))
const log = (line: string): void => {
  if (!values.json) process.stderr.write(line + '\n')
}

type StepResult = Record<string, unknown>
const num = (r: StepResult, key: string): number => Number(r[key])

function step(name: string, args: Record<string, unknown>): StepResult {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(root, 'bench', 'steps.ts'), name, JSON.stringify(args)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  })
  if (child.status !== 0) throw new Error(`step ${name} failed:\n${child.stderr}`)
  const last = child.stdout.trim().split('\n').at(-1) ?? '{}'
  return JSON.parse(last) as StepResult
}

function searchTerms(pages: number): Record<string, string[]> {
  // Terms taken from the archive itself, from a seeded walk: common and rare, all present.
  const out: Record<string, string[]> = { 1: [], 2: [], 4: [] }
  let i = 0
  for (const page of generateArchive({ seed, pages: Math.min(pages, 400) })) {
    if (i++ % 7 !== 0) continue
    const runs = page.text.match(/[\u4e00-\u9fff]{4,}/g) ?? []
    const run = runs[(i * 13) % Math.max(runs.length, 1)]
    if (!run) continue
    out[1]!.push(run.slice(0, 1))
    out[2]!.push(run.slice(1, 3))
    out[4]!.push(run.slice(0, 4))
  }
  for (const k of Object.keys(out)) out[k] = out[k]!.slice(0, 40)
  return out
}

interface SizeResult {
  pages: number
  archiveMB: number
  floor: Summary & { pagesPerSecond: Summary; maxRssMB: number }
  import: Summary & { pagesPerSecond: Summary; maxRssMB: number; ratioToFloor: number; dbMB: number; suggestionPass: Summary }
  analysis?: Record<string, unknown>
  typos?: Record<string, unknown>
  largePage?: Record<string, unknown>
  search?: Record<string, unknown>
  api?: Record<string, unknown>
  export?: Record<string, unknown>
  load?: Record<string, unknown>
  scans?: { text: Summary; withScans: Summary; copy: Summary; ratio: number; ratioLessCopy: number }
  scanPane?: Record<string, unknown>
  largeScans?: Record<string, unknown>
  scanStore?: Record<string, unknown>
  repropose?: Record<string, unknown>
  workbench?: WorkbenchSummary
}

const results: SizeResult[] = []
// The workbench is measured on one store: the 10,000-page one when the run builds it.
const workbenchSize = sizes.includes(10_000) ? 10_000 : Math.max(...sizes)
for (const pages of sizes) {
  const dir = path.join(work, `archive-${pages}`)
  log(`generating ${pages} pages (seed ${seed})…`)
  const { bytes } = writeArchive(dir, { seed, pages })
  const floorRuns: StepResult[] = []
  const importRuns: StepResult[] = []
  const sizeRuns = only ? 1 : pages >= 10_000 ? Math.min(runs, 2) : runs
  for (let r = 0; r < sizeRuns; r++) {
    if (wants('floor')) {
      log(`  floor run ${r + 1}/${sizeRuns}…`)
      floorRuns.push(step('floor', { dir, db: path.join(work, `floor-${pages}-${r}.db`) }))
    }
    log(`  import run ${r + 1}/${sizeRuns}…`)
    importRuns.push(step('import', { dir, db: path.join(work, `galley-${pages}-${r}.db`) }))
  }
  const db = path.join(work, `galley-${pages}-0.db`)
  const floorMs = summarize(floorRuns.map((r) => num(r, 'ms')))
  const importMs = summarize(importRuns.map((r) => num(r, 'ms')))
  const result: SizeResult = {
    pages,
    archiveMB: bytes / 1e6,
    floor: { ...floorMs, pagesPerSecond: summarize(floorRuns.map((r) => num(r, 'pagesPerSecond'))), maxRssMB: Math.max(...floorRuns.map((r) => num(r, 'maxRssMB'))) },
    import: {
      ...importMs,
      pagesPerSecond: summarize(importRuns.map((r) => num(r, 'pagesPerSecond'))),
      maxRssMB: Math.max(...importRuns.map((r) => num(r, 'maxRssMB'))),
      ratioToFloor: importMs.median / floorMs.median,
      dbMB: num(importRuns[0]!, 'dbBytes') / 1e6,
      suggestionPass: summarize(importRuns.map((r) => num(r, 'suggestionPassPagesPerSecond')))
    }
  }
  if (pages === sizes[0]) {
    if (wants('analysis')) {
      log('  analysis…')
      result.analysis = step('analysis', { dir, limit: 1000 })
    }
    if (wants('typos')) {
      log('  typo detection…')
      result.typos = step('typos', { dir, limit: 1000 })
    }
    if (wants('largePage')) {
      log('  galley analyze of a 20 MB page…')
      result.largePage = step('largePage', { seed })
    }
  }
  if (pages === sizes[0] && pages <= 1000 && wants('scans')) {
    // Import with a scan beside every page (the 356 KB fixture PNG made unique per page) against the
    // same pages without, each import alone, and the hash and copy of the scans on their own.
    const scansDir = path.join(work, `archive-${pages}-scans`)
    const { files } = writeArchive(scansDir, { seed, pages })
    const png = fs.readFileSync(path.join(root, 'test/fixtures/ocr/示例晚报_2026-03-05_02版.png'))
    files.forEach((f, i) => fs.writeFileSync(f.replace(/\.txt$/, '.png'), Buffer.concat([png, Buffer.from(`page ${i}`)])))
    const text: number[] = []
    const withScans: number[] = []
    const copy: number[] = []
    for (let r = 0; r < sizeRuns; r++) {
      log(`  import with and without scans, run ${r + 1}/${sizeRuns}…`)
      text.push(num(step('importScans', { dir, db: path.join(work, `text-${pages}-${r}.db`) }), 'ms'))
      withScans.push(num(step('importScans', { dir: scansDir, db: path.join(work, `scans-${pages}-${r}.db`) }), 'ms'))
      copy.push(num(step('copyScans', { dir: scansDir, media: path.join(work, `copy-media-${r}`) }), 'ms'))
    }
    const t = summarize(text)
    const w = summarize(withScans)
    const c = summarize(copy)
    result.scans = { text: t, withScans: w, copy: c, ratio: w.median / t.median, ratioLessCopy: (w.median - c.median) / t.median }
    log('  large scans: import, then their previews and tile pyramids…')
    result.largeScans = step('largeScans', { pages: 10 })
    log('  what their previews and pyramids cost a backup written elsewhere and its restore…')
    result.scanStore = step('scanStore', { copies: values.quick ? 20 : 100 })
    log('  scan pane on a 6,000 × 9,000 scan in Chromium…')
    result.scanPane = step('scanPane', { opens: 5 })
  }
  if (wants('search')) {
    log('  search…')
    result.search = step('search', { db, queries: searchTerms(pages) })
  }
  if (wants('api')) {
    log('  API open/save…')
    result.api = step('api', { db: path.join(work, `galley-${pages}-${sizeRuns - 1}.db`) })
  }
  if (pages === sizes[0] && wants('repropose')) {
    log('  approving a page, its publication re-proposed…')
    result.repropose = step('repropose', { dir, db: path.join(work, `repropose-${pages}.db`) })
  }
  if (pages === sizes[0] && wants('load')) {
    log('  load on browser mode (50 connections, 30 s)…')
    result.load = step('load', { db, seconds: 30 })
  }
  if (pages === workbenchSize && wants('workbench')) {
    // The workbench in Chromium: --quick keeps it to one short run.
    const wbRuns = values.quick ? 1 : sizeRuns
    const plan = values.quick ? { nextPages: 8, clicks: 4, saves: 3, burst: 20 } : { nextPages: 30, clicks: 20, saves: 8, burst: 60 }
    const wb: StepResult[] = []
    for (let r = 0; r < wbRuns; r++) {
      log(`  workbench in Chromium, run ${r + 1}/${wbRuns}…`)
      wb.push(step('workbench', { db: path.join(work, `galley-${pages}-${sizeRuns - 1}.db`), ...plan, intervalMs: 150, seed: seed + r }))
      if (wb[r]!.skipped) break
    }
    result.workbench = summarizeWorkbench(wb)
    for (const w of result.workbench.warnings) log(`  workbench: ${w}`)
  }
  if ((pages <= 3000 || sizes.length === 1) && wants('export')) {
    log('  export…')
    result.export = step('export', { db, out: path.join(work, `export-${pages}`) })
  }
  results.push(result)
}

const f = (n: unknown, digits = 1): string => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '-')
const lines: string[] = []
lines.push(`Galley benchmark — ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, seed ${seed}`)
lines.push('')
lines.push('| pages | step | median | spread (min–max) | peak RSS |')
lines.push('| ---: | --- | ---: | --- | ---: |')
for (const r of results) {
  const row = (name: string, median: string, spread: string, rss: unknown): void => {
    lines.push(`| ${r.pages} | ${name} | ${median} | ${spread} | ${f(rss, 0)} MB |`)
  }
  if (r.floor.runs > 0) row('floor: bare better-sqlite3 + FTS', `${f(r.floor.pagesPerSecond.median, 0)} pages/s`, `${f(r.floor.pagesPerSecond.min, 0)}–${f(r.floor.pagesPerSecond.max, 0)}`, r.floor.maxRssMB)
  row('import with analysis', `${f(r.import.pagesPerSecond.median, 0)} pages/s (${f(r.import.ratioToFloor, 2)}× floor)`, `${f(r.import.pagesPerSecond.min, 0)}–${f(r.import.pagesPerSecond.max, 0)}`, r.import.maxRssMB)
  row('then the typo/name pass', `${f(r.import.suggestionPass.median, 0)} pages/s`, `${f(r.import.suggestionPass.min, 0)}–${f(r.import.suggestionPass.max, 0)}`, r.import.maxRssMB)
  lines.push(`| ${r.pages} | database size | ${f(r.import.dbMB)} MB (archive ${f(r.archiveMB)} MB) | | |`)
  if (r.analysis) row('analysis per page', `p50 ${f(r.analysis.p50, 2)} ms`, `p95 ${f(r.analysis.p95, 2)} ms`, r.analysis.maxRssMB)
  const withEdition = r.analysis?.edition as { p50: number; p95: number; evidencePerPage: number } | null | undefined
  if (r.analysis && withEdition)
    row('analysis per page, edition evidence', `p50 ${f(withEdition.p50, 2)} ms`, `p95 ${f(withEdition.p95, 2)} ms (+${f(withEdition.evidencePerPage, 2)} ms a page to count)`, r.analysis.maxRssMB)
  if (r.largePage) {
    row(`analysis in process, one ${f(r.largePage.largeMB, 1)} MB page`, `${f(num(r.largePage, 'largeMs') / 1000, 1)} s`, `CPU ${f(num(r.largePage, 'largeCpuMs') / 1000, 1)} s; 2,000 repeated paragraphs ${f(num(r.largePage, 'repeatedMs') / 1000, 2)} s`, r.largePage.maxRssMB)
    const cli = r.largePage.cli as { skipped?: string; runs: number; s: number; cpuS: number; rssMB: number } | undefined
    if (cli?.skipped) lines.push(`| ${r.pages} | galley analyze, one ${f(r.largePage.largeMB, 1)} MB page | skipped: ${cli.skipped} | | |`)
    else if (cli)
      row(`galley analyze --json, one ${f(r.largePage.largeMB, 1)} MB page (≤10 s, ≤600 MB; /usr/bin/time -v)`, `${f(cli.s, 1)} s`, `CPU ${f(cli.cpuS, 1)} s; median of ${cli.runs}`, cli.rssMB)
  }
  if (r.typos) {
    row('typo detection (≥500 KB/s)', `${f(num(r.typos, 'mbPerSecond') * 1000, 0)} KB/s (${f(num(r.typos, 'mbPerCpuSecond') * 1000, 0)} KB per CPU second)`, `model load ${f(r.typos.loadMs, 0)} ms, +${f(r.typos.modelRssMB, 0)} MB RSS`, r.typos.maxRssMB)
    row('typo detection, prose that does not repeat', `${f(num(r.typos, 'proseMbPerCpuSecond') * 1000, 0)} KB per CPU second`, `${f(num(r.typos, 'proseMB') * 1000, 0)} KB, median of 5`, r.typos.maxRssMB)
    row('typo language model', `load ${f(r.typos.lmLoadMs, 0)} ms`, `tables ${f(r.typos.lmMB, 0)} MB`, r.typos.maxRssMB)
  }
  if (r.search) {
    for (const k of ['chars1', 'chars2', 'chars4']) {
      const s = r.search[k] as Record<string, number> | undefined
      if (s) row(`search, ${k.slice(5)}-char terms`, `p50 ${f(s.p50, 2)} ms`, `p95 ${f(s.p95, 2)} ms`, r.search.maxRssMB)
    }
  }
  if (r.api) {
    row('open a page (API)', `p50 ${f(r.api.openP50, 2)} ms (CPU ${f(r.api.openCpuP50, 2)} ms)`, `p95 ${f(r.api.openP95, 2)} ms`, r.api.maxRssMB)
    row('save an edit (API)', `p50 ${f(r.api.saveP50, 2)} ms (CPU ${f(r.api.saveCpuP50, 2)} ms)`, `p95 ${f(r.api.saveP95, 2)} ms`, r.api.maxRssMB)
  }
  if (r.repropose && typeof r.repropose.jobMs === 'number') {
    const p = r.repropose as Record<string, number>
    row('approve a page: untouched pages re-proposed (≤2 s)', `${f(p.jobMs! / 1000, 2)} s for ${p.pages} pages`, `CPU ${f(p.jobCpuMs! / 1000, 2)} s (all threads); ${p.analysed} analysed, ${p.changed} changed; longest hold ${f(p.longestStallMs, 0)} ms, page open max ${f(p.openMaxMs, 1)} ms`, p.maxRssMB)
    row('a rule every page may follow: all re-analysed, none changes', `${f(p.allAnalysedMs! / 1000, 2)} s for ${p.allAnalysed} pages`, `CPU ${f(p.allAnalysedCpuMs! / 1000, 2)} s; longest hold ${f(p.allAnalysedStallMs, 0)} ms`, p.maxRssMB)
    row(
      'a learnt role-model adjustment: every page re-analysed, most changed',
      `${f(p.changedAllMs! / 1000, 2)} s for ${p.changedAllAnalysed} pages, ${p.changedAllChanged} changed`,
      `CPU ${f(p.changedAllStructureCpuMs! / 1000, 2)} s; then their rewritten lines' typos ${f(p.changedAllTyposMs! / 1000, 2)} s, CPU ${f(p.changedAllCpuMs! / 1000, 2)} s in all; longest hold ${f(p.changedAllStallMs, 0)} ms, page open p50 ${f(p.changedAllOpenP50Ms, 1)} ms, max ${f(p.changedAllOpenMaxMs, 1)} ms`,
      p.maxRssMB
    )
  }
  if (r.load) {
    row('browser-mode read API, 50 connections', `${f(r.load.requestsPerSecond, 0)} req/s, ${String(r.load.errors)} errors, ${String(r.load.non2xx)} non-2xx`, `p50 ${f(r.load.p50Ms, 0)} ms, p99 ${f(r.load.p99Ms, 0)} ms`, r.load.maxRssMB)
  }
  if (r.scans) {
    const s = r.scans
    lines.push(`| ${r.pages} | import, text pages only (no typo pass) | ${f(s.text.median / 1000, 2)} s | ${f(s.text.min / 1000, 2)}–${f(s.text.max / 1000, 2)} s | |`)
    lines.push(`| ${r.pages} | import, a PNG scan beside each page | ${f(s.withScans.median / 1000, 2)} s (${f(s.ratio, 2)}× text; ${f(s.ratioLessCopy, 2)}× less the copy) | ${f(s.withScans.min / 1000, 2)}–${f(s.withScans.max / 1000, 2)} s | |`)
    lines.push(`| ${r.pages} | hash and copy of those scans alone | ${f(s.copy.median / 1000, 2)} s | ${f(s.copy.min / 1000, 2)}–${f(s.copy.max / 1000, 2)} s | |`)
  }
  if (r.largeScans) {
    const l = r.largeScans as { pages: number; textMs: number; withScansMs: number; ratio: number; perScanMs: number; perScanCpuMs: number; maxRssMB?: number }
    row(`import, ${l.pages} pages with a 6,000 × 9,000 JPEG each`, `${f(l.withScansMs / 1000, 2)} s (${f(l.ratio, 2)}× text, copy included)`, `text alone ${f(l.textMs / 1000, 2)} s`, l.maxRssMB)
    row('  then, in the background: preview and tile pyramid a scan', `${f(l.perScanMs / 1000, 2)} s`, `${f(l.perScanCpuMs / 1000, 2)} s CPU a scan`, l.maxRssMB)
  }
  if (r.scanStore) {
    const st = r.scanStore as { copies: number; filesPerScan: number; bytesPerScan: number; backup: { ms: number; cpuMs: number }; restore: { ms: number; cpuMs: number }; maxRssMB?: number }
    const per1000 = (ms: number): string => `${f((ms / st.copies) * 1000 / 1000, 1)} s`
    row(`derived files of a 6,000 × 9,000 scan (preview and tile pyramid)`, `${f(st.filesPerScan, 0)} files, ${f(st.bytesPerScan / 1e6, 1)} MB`, `1,000 such scans: ${f(st.filesPerScan * 1000, 0)} files, ${f(st.bytesPerScan / 1e6, 1)} GB`, st.maxRssMB)
    row(`  carried by a backup written elsewhere, then restored (${st.copies} scans, per 1,000)`, `${per1000(st.backup.ms)} + ${per1000(st.restore.ms)}`, `CPU ${per1000(st.backup.cpuMs)} + ${per1000(st.restore.cpuMs)}`, st.maxRssMB)
  }
  if (r.scanPane) {
    const p = r.scanPane
    if (p.skipped) row('scan pane, 6,000 × 9,000 scan', String(p.skipped), '', p.maxRssMB)
    const floor = p.floor as { n: number; p50: number; min: number; max: number } | undefined
    if (floor) row('scan pane open, floor: a 1,365 × 2,048 JPEG drawn as it is, click → drawn', `p50 ${f(floor.p50, 0)} ms`, `${f(floor.min, 0)}–${f(floor.max, 0)} ms (n ${floor.n})`, p.maxRssMB)
    for (const kind of ['png', 'jpeg']) {
      type Stats = { n: number; p50: number; min: number; max: number }
      const k = p[kind] as { whole: Stats; previewStoredAfter: Stats; fromPreview: Stats; zoomFull: Stats; firstView: Stats; pyramidStoredAfter: Stats; tiles: Stats; zoomTiles: Stats; zoomFullMB: number; zoomTilesMB: number } | undefined
      if (!k) continue
      const name = `6,000 × 9,000 ${kind.toUpperCase()} (${f(p[kind === 'png' ? 'pngMB' : 'jpegMB'] as number)} MB)`
      const spread = (s: Stats): string => `${f(s.min, 0)}–${f(s.max, 0)} ms (n ${s.n})`
      row(`scan pane open, ${name}, nothing made in Node (no sharp): click → drawn whole`, `p50 ${f(k.whole.p50, 0)} ms`, `${spread(k.whole)}; preview stored by the workbench p50 ${f(k.previewStoredAfter.p50, 0)} ms after the click`, p.maxRssMB)
      row(`scan pane open, ${name}, from the workbench's preview: click → drawn`, `p50 ${f(k.fromPreview.p50, 0)} ms`, spread(k.fromPreview), p.maxRssMB)
      row(`scan pane, ${kind.toUpperCase()}, zoom in to the scan's pixels from that preview: last notch → at rest, scan drawn over it`, `p50 ${f(k.zoomFull.p50, 0)} ms`, `${spread(k.zoomFull)}; ${f(k.zoomFullMB, 1)} MB fetched`, p.maxRssMB)
      row(`scan pane open, ${name}, with sharp, opened before the import's job came to it: click → drawn whole`, `p50 ${f(k.firstView.p50, 0)} ms`, `${spread(k.firstView)}; preview and tile pyramid stored by core p50 ${f(k.pyramidStoredAfter.p50, 0)} ms after the click`, p.maxRssMB)
      row(`scan pane open, ${name}, with sharp, from the preview core made: click → drawn`, `p50 ${f(k.tiles.p50, 0)} ms`, spread(k.tiles), p.maxRssMB)
      row(`scan pane, ${kind.toUpperCase()}, zoom in to the scan's pixels from the tile pyramid: last notch → at rest, every tile drawn`, `p50 ${f(k.zoomTiles.p50, 0)} ms`, `${spread(k.zoomTiles)}; ${f(k.zoomTilesMB, 2)} MB fetched`, p.maxRssMB)
    }
  }
  if (r.workbench) for (const w of workbenchRows(r.workbench)) row(w.name, w.median, w.spread, w.rss)
  if (r.export) {
    row('export, all formats', r.export.skipped ? String(r.export.skipped) : `${f((r.export.ms as number) / 1000, 2)} s`, '', r.export.maxRssMB)
  }
}
let session: { lines: string[]; result: unknown } = { lines: [], result: null }
if (wants('session')) {
  log('editor session on the sample edition…')
  session = editorSession()
}
lines.push('', ...session.lines)
const report = { date: new Date().toISOString(), machine: { cores: os.cpus().length, memGiB: os.totalmem() / 2 ** 30, node: process.version }, seed, results, session: session.result }
fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true })
const out = path.join(root, 'bench-results', `bench-${report.date.replace(/[:.]/g, '-')}.json`)
fs.writeFileSync(out, JSON.stringify(report, null, 2))
if (values.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n')
else {
  process.stdout.write(lines.join('\n') + '\n\n')
  process.stdout.write(`JSON: ${path.relative(process.cwd(), out)}\n`)
}
if (!values.keep) fs.rmSync(work, { recursive: true, force: true })
