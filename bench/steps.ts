// One benchmark step a process, so that each step's peak resident memory is its own.
// Usage: tsx bench/steps.ts STEP JSON_ARGS  → prints one JSON line.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { openDatabase } from '../src/core/store/database'
import { importPaths } from '../src/core/import/importer'
import { inspectImage, putImage } from '../src/core/media/mediaStore'
import { defaultProposer } from '../src/core/pipeline/defaultProposer'
import { runSuggestionPassInWorkers } from '../src/core/pipeline/suggestionPass'
import { createHandlers } from '../src/core/services'
import { toSearchDocument } from '../src/core/store/searchText'
import { searchPages } from '../src/core/store/queries/search'
import { m002Search } from '../src/core/store/migrations/002-search'
import { SEARCH_INDEX_SETTINGS } from '../src/core/store/migrations/007-search-merging'
import { decodePage, normalizeNewlines } from '../src/core/import/decode'
import { mulberry32 } from './synthetic/prng'
import { generateArchive } from './synthetic'
import { quantile, timeMs } from './stats'
import type { WorkbenchOptions } from './workbench'

type Args = Record<string, unknown>

/** Modules other issues deliver: a step without its module reports that instead of failing. */
async function optional(specifier: string): Promise<unknown> {
  const file = path.resolve(__dirname, specifier + '.ts')
  if (!fs.existsSync(file)) return null
  return import(specifier)
}

function pageFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name)
      if (e.isDirectory()) walk(full)
      else if (e.name.endsWith('.txt')) out.push(full)
    }
  }
  walk(dir)
  return out
}

function readTexts(dir: string): string[] {
  return pageFiles(dir).map((f) => normalizeNewlines(decodePage(fs.readFileSync(f)).text))
}

/** A 6,000 × 9,000 grey page of dark word-sized marks on a noisy ground, as a JPEG (quality 85, 9.8 MB). */
async function syntheticScan(sharp: typeof import('sharp').default): Promise<Buffer> {
  const [width, height] = [6000, 9000]
  const rng = mulberry32(7)
  const grey = Buffer.alloc(width * height)
  for (let i = 0; i < grey.length; i++) grey[i] = 225 + Math.floor(rng.next() * 20)
  for (let y = 300; y < height - 300; y += 64) for (let x = 200; x < width - 200; x += 52) if (rng.next() < 0.9) grey.fill(40, y * width + x, y * width + x + 44)
  return sharp(grey, { raw: { width, height, channels: 1 } }).jpeg({ quality: 85 }).toBuffer()
}

const steps: Record<string, (args: Args) => Promise<Record<string, unknown>> | Record<string, unknown>> = {
  // The floor: the same files read and written by a bare loop, one transaction, the same FTS schema and settings.
  floor: ({ dir, db }) => {
    const files = pageFiles(dir as string)
    const { ms } = timeMs(() => {
      const raw = new Database(db as string)
      raw.pragma('journal_mode = WAL')
      raw.pragma('synchronous = NORMAL')
      raw.exec('CREATE TABLE pages (id INTEGER PRIMARY KEY, text TEXT NOT NULL)')
      m002Search.up(raw)
      raw.exec(SEARCH_INDEX_SETTINGS)
      const insertPage = raw.prepare('INSERT INTO pages (text) VALUES (?)')
      const insertFts = raw.prepare('INSERT INTO page_search (rowid, body) VALUES (?, ?)')
      raw.transaction(() => {
        for (const file of files) {
          const text = fs.readFileSync(file, 'utf8')
          const id = insertPage.run(text).lastInsertRowid
          insertFts.run(id, toSearchDocument(text))
        }
      })()
      raw.close()
    })
    return { pages: files.length, ms, pagesPerSecond: (files.length / ms) * 1000 }
  },

  import: async ({ dir, db }) => {
    const store = openDatabase(db as string)
    const started = performance.now()
    const result = await importPaths(store, [dir as string], {})
    const ms = performance.now() - started
    // The typo pass that follows every batch import, timed on its own.
    const passStarted = performance.now()
    const passed = await runSuggestionPassInWorkers(store)
    const pass = { ms: performance.now() - passStarted, result: passed }
    store.close()
    const size = fs.statSync(db as string).size + (fs.existsSync(`${db}-wal`) ? fs.statSync(`${db}-wal`).size : 0)
    return {
      pages: result.imported,
      failed: result.failed,
      ms,
      pagesPerSecond: (result.imported / ms) * 1000,
      suggestionPassMs: pass.ms,
      suggestionPassPagesPerSecond: (pass.result / pass.ms) * 1000,
      dbBytes: size
    }
  },

  // Import alone (no typo pass) of an archive folder, with or without a scan beside each page;
  // `copy` times the hash and copy of those scans alone, the floor under the scans' share.
  importScans: async ({ dir, db }) => {
    const store = openDatabase(db as string, { noBackup: true })
    const started = performance.now()
    const result = await importPaths(store, [dir as string], {})
    const ms = performance.now() - started
    store.close()
    if (result.failed > 0) throw new Error(`importScans: ${result.failed} failed`)
    return { pages: result.imported, ms }
  },
  // Large scans: `pages` pages, each with its own 6,000 × 9,000 JPEG (one synthetic page, bytes
  // after its end making each file unique), imported alone against the same pages without scans;
  // then the background job that makes their previews and tile pyramids (media/derivations.ts),
  // timed on its own with this process's CPU (sharp's libvips threads included).
  largeScans: async ({ pages }) => {
    const n = (pages as number) ?? 10
    const { default: sharp } = await import('sharp')
    const { deriveStoredScans } = await import('../src/core/services/scanDerivation')
    const { derivationsSettled } = await import('../src/core/media/derivations')
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-bench-large-'))
    try {
      const jpeg = await syntheticScan(sharp)
      const textDir = path.join(work, 'text')
      const scanDir = path.join(work, 'scans')
      fs.mkdirSync(textDir)
      fs.mkdirSync(scanDir)
      for (let i = 0; i < n; i++) {
        const name = `大幅_2026-01-${String(1 + (i % 28)).padStart(2, '0')}_${String(i + 1).padStart(2, '0')}版`
        const text = `第${i + 1}版标题\n\n大幅扫描件的正文，第${i + 1}版。\n`
        fs.writeFileSync(path.join(textDir, `${name}.txt`), text)
        fs.writeFileSync(path.join(scanDir, `${name}.txt`), text)
        fs.writeFileSync(path.join(scanDir, `${name}.jpg`), Buffer.concat([jpeg, Buffer.from(`page ${i}`)]))
      }
      const importAlone = async (dir: string, file: string): Promise<{ ms: number; db: ReturnType<typeof openDatabase> }> => {
        const db = openDatabase(path.join(work, file), { noBackup: true })
        const started = performance.now()
        const report = await importPaths(db, [dir], {})
        if (report.failed > 0) throw new Error(`largeScans: ${report.failed} failed`)
        return { ms: performance.now() - started, db }
      }
      const text = await importAlone(textDir, 'text.db')
      text.db.close()
      const scans = await importAlone(scanDir, 'scans.db')
      const cpu = process.cpuUsage()
      const started = performance.now()
      const queued = deriveStoredScans(scans.db)
      await derivationsSettled()
      const deriveMs = performance.now() - started
      const used = process.cpuUsage(cpu)
      scans.db.close()
      return { pages: n, jpegMB: jpeg.length / 1e6, textMs: text.ms, withScansMs: scans.ms, ratio: scans.ms / text.ms, queued, deriveMs, deriveCpuMs: (used.user + used.system) / 1000, perScanMs: deriveMs / n, perScanCpuMs: (used.user + used.system) / 1000 / n }
    } finally {
      fs.rmSync(work, { recursive: true, force: true })
    }
  },
  // What a store's derived scan files cost a backup written elsewhere (`galley backup --out`) and
  // its restore: one 6,000 × 9,000 scan's preview and tile pyramid made by derive.ts, copied under
  // `copies` made-up hashes, then carried by copyDerived (the code both use) to a backup's folder
  // and from it to an empty media folder. Files and bytes are counted on disk; times are the
  // copies' alone (wall and CPU).
  scanStore: async ({ copies }) => {
    const n = (copies as number) ?? 100
    const { default: sharp } = await import('sharp')
    const { deriveScan, copyDerived } = await import('../src/core/media/derive')
    const { createHash } = await import('node:crypto')
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-bench-store-'))
    try {
      const scanFile = path.join(work, 'scan.jpg')
      fs.writeFileSync(scanFile, await syntheticScan(sharp))
      const made = path.join(work, 'made')
      const image = inspectImage(scanFile)
      putImage(made, image, { file: scanFile })
      const cpu0 = process.cpuUsage()
      const t0 = performance.now()
      await deriveScan(made, { sha256: image.sha256, mediaType: image.type, width: image.width, height: image.height })
      const deriveMs = performance.now() - t0
      const deriveCpu = process.cpuUsage(cpu0)
      const derived = fs.readdirSync(path.join(made, image.sha256.slice(0, 2))).filter((name) => name.startsWith(image.sha256) && name !== `${image.sha256}.jpg`)
      const count = (root: string): { files: number; bytes: number } => {
        let files = 0
        let bytes = 0
        for (const name of fs.readdirSync(root, { recursive: true }) as string[]) {
          const stat = fs.statSync(path.join(root, name))
          if (stat.isFile()) {
            files++
            bytes += stat.size
          }
        }
        return { files, bytes }
      }
      // the store: the same derived files under n hashes (the scans themselves are not copied here)
      const store = path.join(work, 'store')
      const hashes: string[] = []
      for (let i = 0; i < n; i++) {
        const sha = createHash('sha256').update(`scan ${i}`).digest('hex')
        hashes.push(sha)
        fs.mkdirSync(path.join(store, sha.slice(0, 2)), { recursive: true })
        for (const name of derived) fs.cpSync(path.join(made, image.sha256.slice(0, 2), name), path.join(store, sha.slice(0, 2), name.replace(image.sha256, sha)), { recursive: true })
      }
      const carry = (from: string, to: string): { ms: number; cpuMs: number } => {
        const cpu = process.cpuUsage()
        const started = performance.now()
        for (const sha of hashes) copyDerived(from, to, sha)
        const used = process.cpuUsage(cpu)
        return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }
      }
      const backup = carry(store, path.join(work, 'backup.media'))
      const restore = carry(path.join(work, 'backup.media'), path.join(work, 'restored'))
      const inStore = count(store)
      const inRestored = count(path.join(work, 'restored'))
      if (inRestored.files !== inStore.files) throw new Error(`scanStore: restored ${inRestored.files} files of ${inStore.files}`)
      return { copies: n, filesPerScan: inStore.files / n, bytesPerScan: inStore.bytes / n, deriveMs, deriveCpuMs: (deriveCpu.user + deriveCpu.system) / 1000, backup, restore }
    } finally {
      fs.rmSync(work, { recursive: true, force: true })
    }
  },
  copyScans: ({ dir, media }) => {
    const files = (fs.readdirSync(dir as string, { recursive: true }) as string[]).filter((f) => f.endsWith('.png')).map((f) => path.join(dir as string, f))
    const { ms } = timeMs(() => {
      for (const file of files) putImage(media as string, inspectImage(file), { file })
    })
    return { scans: files.length, ms }
  },

  analysis: async ({ dir, limit }) => {
    const texts = readTexts(dir as string).slice(0, (limit as number) ?? 1000)
    const analysis = (await optional('../src/core/analysis/index')) as {
      analyzePage: (t: string, o?: unknown) => unknown
      editionEvidence?: (texts: string[]) => unknown
    } | null
    if (!analysis) return { skipped: 'no analysis module' }
    for (const t of texts.slice(0, 50)) analysis.analyzePage(t) // warm-up: JIT, lazy tables
    const times = texts.map((t) => timeMs(() => analysis.analyzePage(t)).ms)
    const total = times.reduce((a, b) => a + b, 0)
    // with the evidence of the page's edition (the archive's pages come edition by edition, 8 a
    // time); the evidence itself is made once an edition, its time shared by the edition's pages
    let edition: { p50: number; p95: number; evidencePerPage: number } | null = null
    if (analysis.editionEvidence) {
      const per = 8
      const withEvidence: number[] = []
      let evidenceMs = 0
      for (let i = 0; i < texts.length; i += per) {
        const group = texts.slice(i, i + per)
        const made = timeMs(() => analysis.editionEvidence!(group))
        evidenceMs += made.ms
        for (const t of group) withEvidence.push(timeMs(() => analysis.analyzePage(t, { edition: made.result })).ms)
      }
      edition = { p50: quantile(withEvidence, 0.5), p95: quantile(withEvidence, 0.95), evidencePerPage: evidenceMs / texts.length }
    }
    return { pages: texts.length, p50: quantile(times, 0.5), p95: quantile(times, 0.95), pagesPerSecond: (texts.length / total) * 1000, edition }
  },

  // `galley analyze` (structure, typos, duplicates placed in the original) of pathological
  // pages: synthetic pages end to end up to 20 MB, and one paragraph printed 2,000 times.
  largePage: async ({ seed, cliRuns }) => {
    const { analyzeText } = (await import('../src/core/services/analyzeFiles')) as typeof import('../src/core/services/analyzeFiles')
    const paragraph = '城南街道启动老旧小区改造，三个社区试点加装电梯，居民可在社区服务中心报名参加。'
    const repeated = '标题\n\n' + `${paragraph}\n\n`.repeat(2000)
    const parts: string[] = []
    let bytes = 0
    // Pages of their own (the archive of 1,000 pages is only 9 MB), of the same kind.
    for (const { text } of generateArchive({ seed: (seed as number) + 1, pages: 5000 })) {
      if (bytes + Buffer.byteLength(text) + 2 > 20 * 1024 * 1024) break
      parts.push(text)
      bytes += Buffer.byteLength(text) + 2
    }
    const large = parts.join('\n\n')
    const measure = (text: string): { ms: number; cpuMs: number } => {
      const cpu = process.cpuUsage()
      const { ms } = timeMs(() => analyzeText('page', 'utf-8', text))
      const used = process.cpuUsage(cpu)
      return { ms, cpuMs: (used.user + used.system) / 1000 }
    }
    const rep = measure(repeated)
    const big = measure(large)
    return {
      repeatedMs: rep.ms,
      largeMB: Buffer.byteLength(large) / 1024 / 1024,
      largeMs: big.ms,
      largeCpuMs: big.cpuMs,
      cli: cliAnalyze(large, (cliRuns as number | undefined) ?? 3)
    }
  },

  typos: async ({ dir, limit }) => {
    const texts = readTexts(dir as string).slice(0, (limit as number) ?? 1000)
    const typos = (await optional('../src/core/typos/index')) as {
      loadTypoModel: () => { lmLoadMs?: number; lm?: { byteSize: number } }
      detectSuspicious: (t: string, o?: unknown, m?: unknown) => unknown[]
    } | null
    if (!typos) return { skipped: 'no typo module' }
    const memory = (): number => {
      global.gc?.()
      const m = process.memoryUsage()
      return m.rss / 1e6
    }
    const rssBefore = memory()
    const load = timeMs(() => typos.loadTypoModel())
    const rssAfterLoad = memory()
    const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0)
    // Three passes; the median is quoted. CPU time beside wall time: on a shared machine the
    // wall clock also counts other processes' turns.
    const runs: { ms: number; cpuMs: number; suggestions: number }[] = []
    for (let r = 0; r < 3; r++) {
      const cpu = process.cpuUsage()
      const run = timeMs(() => texts.reduce((n, t) => n + typos.detectSuspicious(t, {}, load.result).length, 0))
      const used = process.cpuUsage(cpu)
      runs.push({ ms: run.ms, cpuMs: (used.user + used.system) / 1000, suggestions: run.result })
    }
    const ms = quantile(runs.map((r) => r.ms), 0.5)
    const cpuMs = quantile(runs.map((r) => r.cpuMs), 0.5)
    // The synthetic pages repeat their sentences far more than printed pages do (42% of a page's
    // hanzi are in a run it printed before; 5% across 24 real pages), and the detector scores a
    // recurring run once: the same on prose that does not repeat, the paragraphs written for the
    // OCR development set and clean-news.txt (test/fixtures), each paragraph a page.
    const prose = [fs.readFileSync(path.join(__dirname, '../test/fixtures/typos/clean-news.txt'), 'utf8')]
    for (const split of ['dev', 'heldout']) {
      const file = path.join(__dirname, `../test/fixtures/ocr-dev/${split}.jsonl`)
      if (fs.existsSync(file)) for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) prose.push((JSON.parse(line) as { truth: string }).truth)
    }
    const proseTexts = [...new Set(prose)]
    const proseBytes = proseTexts.reduce((n, t) => n + Buffer.byteLength(t), 0)
    const proseCpu: number[] = []
    for (let r = 0; r < 5; r++) {
      const cpu = process.cpuUsage()
      for (const t of proseTexts) typos.detectSuspicious(t, {}, load.result)
      const used = process.cpuUsage(cpu)
      proseCpu.push((used.user + used.system) / 1000)
    }
    return {
      proseMB: proseBytes / 1e6,
      proseMbPerCpuSecond: proseBytes / 1e6 / (quantile(proseCpu, 0.5) / 1000),
      loadMs: load.ms,
      lmLoadMs: load.result.lmLoadMs,
      lmMB: (load.result.lm?.byteSize ?? 0) / 1e6,
      modelRssMB: rssAfterLoad - rssBefore,
      megabytes: bytes / 1e6,
      ms,
      mbPerSecond: bytes / 1e6 / (ms / 1000),
      mbPerCpuSecond: bytes / 1e6 / (cpuMs / 1000),
      suggestions: runs[0]!.suggestions
    }
  },

  search: ({ db, queries }) => {
    const store = openDatabase(db as string, { readonly: true })
    const out: Record<string, unknown> = {}
    for (const [length, terms] of Object.entries(queries as Record<string, string[]>)) {
      for (const term of terms.slice(0, 3)) searchPages(store, term, { limit: 100 }) // warm the page cache
      const times: number[] = []
      let hits = 0
      for (let round = 0; round < 3; round++) {
        for (const term of terms) {
          const { ms, result } = timeMs(() => searchPages(store, term, { limit: 100 }))
          times.push(ms)
          hits += result.length
        }
      }
      out[`chars${length}`] = { queries: times.length, p50: quantile(times, 0.5), p95: quantile(times, 0.95), meanHits: hits / times.length }
    }
    store.close()
    return out
  },

  api: async ({ db }) => {
    const store = openDatabase(db as string)
    const handlers = createHandlers({ db: store, databasePath: db as string, mode: 'browser', propose: defaultProposer(store) })
    const ids = store.prepare('SELECT id FROM pages ORDER BY id').pluck().all() as number[]
    const random = mulberry32(7)
    const pick = (): number => random.pick(ids)
    for (let i = 0; i < 20; i++) await handlers.getPage({ pageId: pick() })
    // Wall time, and this process's CPU time: on a shared machine the wall time counts the waits for a core too.
    const cpuMs = (since: NodeJS.CpuUsage): number => {
      const used = process.cpuUsage(since)
      return (used.user + used.system) / 1000
    }
    const open: number[] = []
    const openCpu: number[] = []
    for (let i = 0; i < 300; i++) {
      const id = pick()
      const start = process.hrtime.bigint()
      const cpu = process.cpuUsage()
      await handlers.getPage({ pageId: id })
      openCpu.push(cpuMs(cpu))
      open.push(Number(process.hrtime.bigint() - start) / 1e6)
    }
    const save: number[] = []
    const saveCpu: number[] = []
    for (let i = 0; i < 200; i++) {
      const page = await handlers.getPage({ pageId: pick() })
      const text = page.revision.text.replace(/。/, '。 ')
      const start = process.hrtime.bigint()
      const cpu = process.cpuUsage()
      await handlers.saveRevision({ pageId: page.page.id, baseRevisionId: page.revision.id, text })
      saveCpu.push(cpuMs(cpu))
      save.push(Number(process.hrtime.bigint() - start) / 1e6)
    }
    store.close()
    return {
      openP50: quantile(open, 0.5),
      openP95: quantile(open, 0.95),
      saveP50: quantile(save, 0.5),
      saveP95: quantile(save, 0.95),
      openCpuP50: quantile(openCpu, 0.5),
      saveCpuP50: quantile(saveCpu, 0.5)
    }
  },

  // Approving a page re-proposes the publication's untouched pages (issue 16: 1,000 pages in at
  // most 2 s, never blocking the editor): the job's time and CPU (every thread of the process),
  // the longest the event loop was held, and how long a page takes to open while the job runs.
  // Then two worst cases: a change every page may follow that changes none of them (all analysed,
  // nothing written), and a learnt adjustment of the role model that changes most pages (all
  // analysed, most written, their typos carried and the lines they rewrote read again).
  repropose: async ({ dir, db, limit, adjustment }) => {
    const { reproposalSettled, reproposalStatus, scheduleReproposal } = await import('../src/core/learning/reproposalJobs')
    const { setPublicationModel } = await import('../src/core/store/queries/learning')
    const { lineTemplate } = await import('../src/core/analysis')
    const store = openDatabase(db as string)
    const files = pageFiles(dir as string).slice(0, (limit as number) ?? 1000)
    await importPaths(store, files, { publication: 'bench' })
    // Pages opened during the job would otherwise run their typo pass then, and count as the job's stall.
    await runSuggestionPassInWorkers(store)
    const handlers = createHandlers({ db: store, databasePath: db as string, mode: 'browser' })
    const first = await handlers.getPage({ pageId: 1 })
    const publicationId = (await handlers.listPublications({}))[0]!.id
    const cpuMs = (): number => {
      const u = process.cpuUsage()
      return (u.user + u.system) / 1000
    }
    /** Runs `start` (which starts a job), then opens pages until the publication's job has settled. */
    const measure = async (
      start: () => Promise<void>
    ): Promise<{ wallMs: number; cpuMs: number; structureCpuMs: number; longestStallMs: number; openMaxMs: number; openP50Ms: number; opens: number }> => {
      // the event loop's longest delay, sampled by a timer (a loop of setImmediate would spin the thread and count as CPU)
      const delay = monitorEventLoopDelay({ resolution: 5 })
      const cpu = cpuMs()
      const started = performance.now()
      await start()
      delay.enable()
      const opens: number[] = []
      let running = true
      void reproposalSettled(store, publicationId).then(() => (running = false))
      // the CPU used once the structure is written (the job's status says so), before its typos are read again
      const before = reproposalStatus(store, publicationId).last
      let structureCpu = 0
      while (running) {
        const now = reproposalStatus(store, publicationId).last
        if (structureCpu === 0 && now !== null && now !== before) structureCpu = cpuMs() - cpu
        const t = performance.now()
        await handlers.getPage({ pageId: 2 + (opens.length % 50) })
        opens.push(performance.now() - t)
        await new Promise((r) => setTimeout(r, 20))
      }
      delay.disable()
      const used = cpuMs() - cpu
      return { wallMs: performance.now() - started, cpuMs: used, structureCpuMs: structureCpu || used, longestStallMs: delay.max / 1e6, openMaxMs: Math.max(0, ...opens), openP50Ms: quantile(opens, 0.5), opens: opens.length }
    }
    // The editor marks every line of the page's furniture blocks furniture and the titles titles, then approves.
    const articles = first.articles.map((a) => ({ kind: a.kind, startLine: a.startLine, endLine: a.endLine }))
    await handlers.updateArticles({ pageId: 1, revisionId: first.revision.id, articles })
    const approve = await measure(async () => {
      await handlers.approvePage({ pageId: 1 })
    })
    const status = reproposalStatus(store, publicationId)

    // A change every page may follow (a role the articles' columns cannot tell, on a line every
    // page has), so that every untouched page that has the line is analysed again.
    const lines = first.revision.text.split('\n').filter((l) => l.trim() !== '')
    const counts = new Map<string, number>()
    for (const l of lines) counts.set(lineTemplate(l), 0)
    // the template of the first page's lines that most other pages share
    const texts = store.prepare('SELECT original_text FROM pages').pluck().all() as string[]
    for (const t of texts) for (const l of new Set(t.split('\n').map((x) => lineTemplate(x)))) if (counts.has(l)) counts.set(l, counts.get(l)! + 1)
    const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0]
    const rule = await measure(async () => {
      void scheduleReproposal(store, publicationId, [{ template: common, role: 'subhead', added: true }], { suggestions: false })
    })
    const all = reproposalStatus(store, publicationId).last

    // A learnt adjustment of the role model (as relearnModel stores one): every untouched page is
    // analysed again, and most change (their text too, where paragraphs join differently).
    const bias = (adjustment as number | undefined) ?? 6
    setPublicationModel(store, publicationId, { adjustment: { features: [], roles: ['caption'], deltas: [[bias]] }, pages: 1, lines: 50, origin: 'learnt' })
    const model = await measure(async () => {
      void scheduleReproposal(store, publicationId, [{ template: '@model', role: 'body', added: true }])
    })
    const changedAll = reproposalStatus(store, publicationId).last
    store.close()
    return {
      pages: status.last?.pages ?? 0,
      changed: status.last?.changed ?? 0,
      analysed: status.last?.analysed ?? 0,
      jobMs: status.last?.ms ?? 0,
      totalMs: approve.wallMs,
      jobCpuMs: approve.cpuMs,
      longestStallMs: approve.longestStallMs,
      openMaxMs: approve.openMaxMs,
      opens: approve.opens,
      allAnalysedMs: all?.ms ?? 0,
      allAnalysed: all?.analysed ?? 0,
      allAnalysedCpuMs: rule.cpuMs,
      allAnalysedStallMs: rule.longestStallMs,
      changedAllMs: changedAll?.ms ?? 0,
      changedAllTyposMs: changedAll?.typosMs ?? 0,
      changedAllAnalysed: changedAll?.analysed ?? 0,
      changedAllChanged: changedAll?.changed ?? 0,
      changedAllCpuMs: model.cpuMs,
      changedAllStructureCpuMs: model.structureCpuMs,
      changedAllWallMs: model.wallMs,
      changedAllStallMs: model.longestStallMs,
      changedAllOpenMaxMs: model.openMaxMs,
      changedAllOpenP50Ms: model.openP50Ms
    }
  },

  workbench: async (args) => {
    const { workbenchBench } = await import('./workbench')
    return workbenchBench(args as unknown as WorkbenchOptions)
  },

  scanPane: async ({ opens }) => {
    const { scanPaneBench } = await import('./scanPane')
    return scanPaneBench((opens as number) ?? 5)
  },

  load: async ({ db, seconds }) => {
    const { loadTest } = await import('./load')
    return { ...(await loadTest(db as string, path.resolve(__dirname, '../out/renderer'), 50, (seconds as number) ?? 30)) }
  },

  export: async ({ db, out }) => {
    const mod = (await optional('../src/core/export/index')) as { exportStore: (db: unknown, options: unknown) => unknown } | null
    if (!mod) return { skipped: 'no export module' }
    const store = openDatabase(db as string)
    // Everything is exported, approved or not, so that the step writes a full store's worth.
    const { ms, result } = timeMs(() =>
      mod.exportStore(store, { scope: { all: true }, formats: ['json', 'md', 'txt', 'html', 'nitf'], outDir: out, includeUnapproved: true, force: true })
    )
    store.close()
    return { ms, result }
  }
}

/**
 * `galley analyze --json` of a page as a user runs it (the built CLI, a process of its own),
 * under `/usr/bin/time -v`: wall time, CPU and peak RSS, the median of `runs`. Skipped with a
 * reason where the CLI is not built or GNU time is missing.
 */
function cliAnalyze(text: string, runs: number): Record<string, unknown> {
  const root = path.resolve(__dirname, '..')
  if (!fs.existsSync(path.join(root, 'out', 'main', 'cli.js'))) return { skipped: 'the CLI is not built (npm run build)' }
  if (!fs.existsSync('/usr/bin/time')) return { skipped: 'no /usr/bin/time (GNU time)' }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-large-'))
  const file = path.join(dir, 'large.txt')
  fs.writeFileSync(file, text)
  const out: { s: number; cpuS: number; rssMB: number }[] = []
  try {
    for (let r = 0; r < runs; r++) {
      const child = spawnSync('/usr/bin/time', ['-v', process.execPath, path.join(root, 'bin', 'galley.mjs'), 'analyze', '--json', file], {
        encoding: 'utf8',
        maxBuffer: 1024 * 1024 * 1024
      })
      if (child.status !== 0) return { skipped: `galley analyze failed: ${child.stderr.split('\n')[0]}` }
      const field = (name: string): string => new RegExp(`${name}: (.+)`).exec(child.stderr)?.[1]?.trim() ?? ''
      // "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:09.12"
      const wall = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)').split(':').reduce((t, part) => t * 60 + Number(part), 0)
      out.push({ s: wall, cpuS: Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)')), rssMB: Number(field('Maximum resident set size \\(kbytes\\)')) / 1024 })
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
  const median = (xs: number[]): number => quantile(xs, 0.5)
  return { runs, s: median(out.map((o) => o.s)), cpuS: median(out.map((o) => o.cpuS)), rssMB: median(out.map((o) => o.rssMB)), all: out }
}

async function main(): Promise<void> {
  const [name, json] = process.argv.slice(2)
  const step = name ? steps[name] : undefined
  if (!step) throw new Error(`unknown step ${name}`)
  const result = await step(JSON.parse(json ?? '{}') as Args)
  process.stdout.write(JSON.stringify({ ...result, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n')
}

void main()
