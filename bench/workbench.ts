// The workbench as an editor meets it: `galley serve` (from source, like every other step) on the
// bench's store, the built renderer, Debian's Chromium driven by playwright-core. Times are taken
// in the page by bench/workbenchProbe.ts, from the input event to the painted frame.
import fs from 'node:fs'
import path from 'node:path'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import type { Browser, Page } from 'playwright-core'
import type { EditionSummary, PageDetail, PageSummary, RevisionInfo } from '../src/shared/types'
import { orderPages } from '../src/renderer/src/state/sidebarRows'
import { CHROMIUM, launchBrowser } from '../test/support/browser'
import { probeScript, type KeyRecord, type OpenState, type Probe, type ProbeLog } from './workbenchProbe'
import { mulberry32 } from './synthetic/prng'
import { quantile } from './stats'

const ROOT = path.resolve(__dirname, '..')
/** GALLEY_RENDERER serves another build (to compare two renderers); the bench builds only out/renderer. */
const RENDERER = process.env.GALLEY_RENDERER ?? path.join(ROOT, 'out', 'renderer')
/** Quiet frames that end an open: nothing in the editor changed for this long. */
const QUIET_MS = 500
/** A page whose diff shows nowhere in view gets longer to prove the diff is not still coming. */
const QUIET_NO_DIFF_MS = 1500
const OPEN_TIMEOUT_MS = 15_000

export interface WorkbenchOptions {
  db: string
  /** Pages opened with the next-page key (Alt+PageDown), each timed. */
  nextPages: number
  /** Pages opened by clicking them in the sidebar, each timed. */
  clicks: number
  /** Single keystrokes, each followed to its saved revision before the next. */
  saves: number
  /** Keystrokes typed in one burst at a human rate. */
  burst: number
  intervalMs: number
  seed: number
}

interface OpenTiming {
  how: 'key' | 'click'
  pageId: number
  /** Action → both sides show the page's text. */
  shownMs: number
  /** Action → the last change to the editor (diff, marks, markers). */
  completeMs: number
  diffInView: boolean
  /** Action → the page's getPage request starts; the request itself. */
  toFetchMs: number | null
  fetchMs: number | null
  /** What the editor changed last (the text, the original side, or which marks). */
  lastParts: string[]
}

type Stats = { n: number; p50: number; p95: number; max: number }
const stats = (values: number[]): Stats => ({ n: values.length, p50: quantile(values, 0.5), p95: quantile(values, 0.95), max: values.length ? Math.max(...values) : NaN })

// ---- building and serving

/** out/renderer is what browser mode serves: build it when missing, say so when it is older than its source. */
export function ensureRenderer(): { ok: true; warning?: string } | { ok: false; reason: string } {
  const index = path.join(RENDERER, 'index.html')
  if (!fs.existsSync(index)) {
    process.stderr.write('out/renderer is missing: npm run build…\n')
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] })
    if (build.status !== 0 || !fs.existsSync(index)) return { ok: false, reason: 'out/renderer is missing and `npm run build` failed: run `npm run build`, then the bench' }
    return { ok: true }
  }
  const built = fs.statSync(index).mtimeMs
  const newer = newestFile([path.join(ROOT, 'src', 'renderer'), path.join(ROOT, 'src', 'shared')])
  if (newer && newer.mtimeMs > built) {
    return { ok: true, warning: `out/renderer is older than ${path.relative(ROOT, newer.file)}: these figures are for the last build (npm run build to measure the source)` }
  }
  return { ok: true }
}

function newestFile(dirs: string[]): { file: string; mtimeMs: number } | null {
  let best: { file: string; mtimeMs: number } | null = null
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name)
      if (e.isDirectory()) walk(full)
      else {
        const mtimeMs = fs.statSync(full).mtimeMs
        if (!best || mtimeMs > best.mtimeMs) best = { file: full, mtimeMs }
      }
    }
  }
  for (const d of dirs) if (fs.existsSync(d)) walk(d)
  return best
}

interface Served {
  child: ChildProcess
  origin: string
  url: string
  token: string
}

/** `galley serve` on the store, run from source so that it opens what the bench's import wrote. */
function serve(db: string): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli', 'index.ts'), 'serve', '--port', '0', '--no-open', '--db', db], {
    cwd: ROOT,
    env: { ...process.env, CI: '1', GALLEY_RENDERER: RENDERER },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`galley serve did not start: ${out}`)), 60_000)
    const read = (c: string): void => {
      out += c
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ child, origin: m[1]!, url: m[0], token: m[2]! })
      }
    }
    child.stdout!.setEncoding('utf8').on('data', read)
    child.stderr!.setEncoding('utf8').on('data', read)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`galley serve exited with ${code}: ${out}`))
    })
  })
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
  if (child.exitCode === null) child.kill('SIGKILL')
}

// ---- memory, from /proc

function procStatus(pid: number): Record<string, string> {
  try {
    const out: Record<string, string> = {}
    for (const line of fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')) {
      const [k, v] = line.split(':')
      if (k && v) out[k] = v.trim()
    }
    return out
  } catch {
    return {}
  }
}
const kbToMB = (v: string | undefined): number => (v ? Number.parseInt(v, 10) / 1024 : 0)

/** Chromium's processes under this one: the renderer's peak and the sum of all current RSS. */
function chromiumMemory(exclude: number): { rendererPeakMB: number; totalMB: number } {
  const parent = new Map<number, number>()
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const ppid = Number(procStatus(Number(name)).PPid)
    if (ppid) parent.set(Number(name), ppid)
  }
  const under = (pid: number): boolean => {
    for (let p = parent.get(pid); p; p = parent.get(p)) if (p === process.pid) return true
    return false
  }
  let rendererPeakMB = 0
  let totalMB = 0
  for (const pid of parent.keys()) {
    if (pid === exclude || !under(pid)) continue
    let cmd = ''
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    } catch {
      continue
    }
    if (!cmd.includes('chromium') && !cmd.includes('chrome')) continue
    const s = procStatus(pid)
    totalMB += kbToMB(s.VmRSS)
    if (cmd.includes('--type=renderer')) rendererPeakMB = Math.max(rendererPeakMB, kbToMB(s.VmHWM))
  }
  return { rendererPeakMB, totalMB }
}

// ---- the browser side

class Workbench {
  browser: Browser | null = null
  page!: Page
  crashes = 0
  private crashed = false

  constructor(private readonly served: Served) {}

  async start(): Promise<number> {
    const { browser, page } = await launchBrowser({ locale: 'zh-CN' })
    this.browser = browser
    this.page = page
    this.crashed = false
    page.on('crash', () => {
      this.crashed = true
      this.crashes++
      process.stderr.write(`page crashed (${this.crashes})\n`)
    })
    await page.addInitScript({ content: probeScript() })
    await page.goto(this.served.url)
    await page.locator('.page-row').first().waitFor({ timeout: 120_000 })
    return page.evaluate(() => performance.now())
  }

  async restart(): Promise<void> {
    await this.close()
    await this.start()
  }

  async close(): Promise<void> {
    await this.browser?.close().catch(() => undefined)
    this.browser = null
  }

  probe<T>(run: (probe: Probe) => T): Promise<T> {
    return this.page.evaluate(`(${run.toString()})(window.__wb)`) as Promise<T>
  }

  async call<T>(method: string, args: unknown): Promise<T> {
    const res = await fetch(`${this.served.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Galley-Token': this.served.token },
      body: JSON.stringify(args)
    })
    const body = (await res.json()) as { ok: boolean; result?: T; error?: { message: string } }
    if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
    return body.result as T
  }

  /** Arms the probe for pageId, runs the action, waits until the editor has been quiet. */
  async open(pageId: number, how: 'key' | 'click', action: () => Promise<void>): Promise<OpenTiming | null> {
    const detail = await this.call<PageDetail>('getPage', { pageId })
    await this.page.evaluate(([o, w]) => (window as unknown as { __wb: Probe }).__wb.armOpen(o, w), [detail.originalText, detail.revision.text] as const)
    const differs = detail.originalText !== detail.revision.text
    try {
      await action()
      await this.page.waitForFunction(
        ([quiet, quietNoDiff, differs]) => {
          const s = (window as unknown as { __wb: Probe }).__wb.openState()
          return s.t0 !== null && s.textOk && s.quietMs >= (differs && s.diffMarks === 0 ? quietNoDiff : quiet)
        },
        [QUIET_MS, QUIET_NO_DIFF_MS, differs] as const,
        { timeout: OPEN_TIMEOUT_MS, polling: 100 }
      )
    } catch (error) {
      if (this.crashed) {
        await this.restart()
        return null
      }
      const state = await this.probe((p) => p.openState()).catch(() => null)
      const current = await this.page.locator('[aria-current="page"]').getAttribute('data-page-id').catch(() => null)
      throw new Error(`opening page ${pageId} (${how}), page ${current} is open: ${(error as Error).message.split('\n')[0]} ${JSON.stringify(state)}`)
    }
    const s = await this.probe((p) => p.openState())
    await this.probe((p) => p.stopOpen())
    return timing(s, pageId, how)
  }

  async openByClick(pageId: number): Promise<OpenTiming | null> {
    return this.open(pageId, 'click', await this.click(pageId))
  }

  /** Opens a page untimed, through a crash of the page if need be. */
  async ensureOpen(pageId: number): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) if (await this.openByClick(pageId)) return
    throw new Error(`page ${pageId} would not open: the browser's page crashed ${this.crashes} times`)
  }

  /** The pages in sidebar order, which is the next-page key's order too (the sidebar holds only the rows in view). */
  async rowIds(): Promise<number[]> {
    const [editions, pages] = await Promise.all([this.call<EditionSummary[]>('listEditions', {}), this.call<PageSummary[]>('listPages', {})])
    this.order = orderPages(editions, pages).map((p) => p.id)
    return this.order
  }

  private order: number[] = []

  /** Scrolls the sidebar as an editor would, until the page's row is in the document. */
  private async reveal(pageId: number): Promise<void> {
    const target = this.order.indexOf(pageId)
    for (let attempt = 0; attempt < 20; attempt++) {
      const shown = await this.page.evaluate(() => [...document.querySelectorAll('.page-row[data-page-id]')].map((e) => Number(e.getAttribute('data-page-id'))))
      if (shown.includes(pageId)) return
      const first = shown.length ? this.order.indexOf(shown[0]!) : 0
      await this.page.evaluate(
        ([target, first, total, attempt]) => {
          const tree = document.querySelector('.tree')!
          // First a jump to where the row should be, then steps from what is shown.
          if (attempt === 0) tree.scrollTop = (target / total) * tree.scrollHeight - tree.clientHeight / 2
          else tree.scrollTop += ((target - first) / total) * tree.scrollHeight
        },
        [target, first, this.order.length, attempt] as const
      )
      await this.frames(2)
    }
    throw new Error(`page ${pageId} never came into the sidebar's view`)
  }

  async click(pageId: number): Promise<() => Promise<void>> {
    await this.reveal(pageId)
    const row = this.page.locator(`.page-row[data-page-id="${pageId}"]`)
    await row.scrollIntoViewIfNeeded()
    await this.frames(2)
    const box = await row.boundingBox()
    if (!box) throw new Error(`page ${pageId} has no row in the sidebar`)
    return () => this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  }

  frames(n: number): Promise<void> {
    return this.page.evaluate((n) => new Promise<void>((resolve) => {
      const step = (left: number): void => {
        if (left === 0) resolve()
        else requestAnimationFrame(() => step(left - 1))
      }
      step(n)
    }), n)
  }

  waitSaved(): Promise<unknown> {
    return this.page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') === 'saved', undefined, { timeout: 10_000, polling: 50 })
  }
}

function timing(s: OpenState, pageId: number, how: 'key' | 'click'): OpenTiming {
  const t0 = s.t0!
  return {
    how,
    pageId,
    shownMs: (s.shown ?? s.complete) - t0,
    completeMs: Math.max(s.complete, s.shown ?? 0) - t0,
    diffInView: s.diffMarks > 0,
    toFetchMs: s.fetch ? s.fetch.start - t0 : null,
    fetchMs: s.fetch ? s.fetch.end - s.fetch.start : null,
    lastParts: s.lastParts
  }
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const v of values) out[v] = (out[v] ?? 0) + 1
  return out
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const LETTERS = 'galleybenchtypingqzxjkvw'

/** Keystroke → the save that first holds it: the revisions the API lists, in order, are the saves the page saw. */
function keyToSaved(keys: KeyRecord[], saves: ProbeLog['saves'], revisions: RevisionInfo[], baseLength: number): { ms: number[]; matched: boolean } {
  const ordered = [...saves].sort((a, b) => a.start - b.start)
  const matched = ordered.length === revisions.length
  const ms: number[] = []
  keys.forEach((k, i) => {
    let save: { start: number; end: number } | undefined
    if (matched) {
      const j = revisions.findIndex((r) => r.length >= baseLength + i + 1)
      save = j === -1 ? undefined : ordered[j]
    } else save = ordered.find((s) => s.start > k.t0)
    if (save) ms.push(save.end - k.t0)
  })
  return { ms, matched }
}

export async function workbenchBench(options: WorkbenchOptions): Promise<Record<string, unknown>> {
  const built = ensureRenderer()
  if (!built.ok) return { skipped: built.reason }
  if (!fs.existsSync(CHROMIUM)) return { skipped: `Chromium not found at ${CHROMIUM} (GALLEY_CHROMIUM names another): apt-get install chromium fonts-noto-cjk` }
  const warnings = built.warning ? [built.warning] : []
  const served = await serve(options.db)
  const wb = new Workbench(served)
  const random = mulberry32(options.seed)
  try {
    const loadMs = await wb.start()
    const summaries = await wb.call<PageSummary[]>('listPages', {})
    const pages = summaries.length
    const ids = await wb.rowIds()
    const pick = (from: number, to: number): number => ids[random.int(from, Math.max(from, to - 1))]!

    // Warm-up, untimed: Monaco, its worker, the first diff.
    for (let i = 0; i < 2; i++) await wb.ensureOpen(pick(0, ids.length))

    const opens: OpenTiming[] = []
    const openSince = await wb.probe((p) => p.now())
    // Next page, one page after another from a page anywhere that leaves room for them.
    let at = ids.indexOf(pick(0, Math.max(1, ids.length - options.nextPages - 1)))
    await wb.ensureOpen(ids[at]!)
    for (let i = 0; i < options.nextPages && at + 1 < ids.length; i++) {
      const next = ids[++at]!
      const t = await wb.open(next, 'key', () => wb.page.keyboard.press('Alt+PageDown'))
      if (t) opens.push(t)
      else await wb.ensureOpen(next) // the page crashed: go on from where it was
    }
    // Pages anywhere in the sidebar, clicked.
    for (let i = 0; i < options.clicks; i++) {
      const t = await wb.openByClick(pick(0, ids.length))
      if (t) opens.push(t)
    }
    const openLog = await wb.probe((p) => p.log(0))
    const longOpen = openLog.longTasks.filter((l) => l.start >= openSince)

    // Typing, on a page with suggestions: every save brings a fresh list, which the editor redraws.
    const withSuggestions = summaries.filter((p) => p.openSuggestions > 0).map((p) => p.id)
    const pageId = withSuggestions.length > 0 ? random.pick(withSuggestions) : pick(0, ids.length)
    await wb.ensureOpen(pageId)
    await wb.page.keyboard.press('Control+Home')
    for (let i = 0; i < 3; i++) await wb.page.keyboard.press('ArrowDown')
    await wb.page.keyboard.press('End')
    await wb.waitSaved()

    // Single keystrokes, each to its saved revision.
    const single: number[] = []
    const singleUi: number[] = []
    for (let i = 0; i < options.saves; i++) {
      const since = await wb.probe((p) => p.now())
      await wb.probe((p) => p.armTyping())
      await wb.page.keyboard.press(LETTERS[i % LETTERS.length]!)
      await wb.page.waitForFunction((since) => (window as unknown as { __wb: Probe }).__wb.log(since).saves.length > 0, since, { timeout: 10_000, polling: 50 })
      await wb.waitSaved()
      const log = await wb.probe((p) => p.log(0))
      const key = log.keys.filter((k) => k.t0 >= since)[0]!
      const save = log.saves.filter((s) => s.start >= key.t0)[0]!
      const saved = log.statuses.find((s) => s.t >= save.end && s.status === 'saved')
      single.push(save.end - key.t0)
      if (saved) singleUi.push(saved.t - key.t0)
      await sleep(300)
    }

    // A burst at a human rate, with saves and suggestion refreshes arriving while it goes on.
    const before = await wb.call<PageDetail>('getPage', { pageId })
    await wb.probe((p) => p.armTyping())
    const burstSince = await wb.probe((p) => p.now())
    const start = Date.now()
    let typed = ''
    for (let i = 0; i < options.burst; i++) {
      const wait = start + i * options.intervalMs - Date.now()
      if (wait > 0) await sleep(wait)
      const ch = LETTERS[(i + 7) % LETTERS.length]!
      typed += ch
      await wb.page.keyboard.press(ch)
    }
    await sleep(200)
    await wb.waitSaved()
    await sleep(500)
    const log = await wb.probe((p) => p.log(0))
    await wb.probe((p) => p.stopTyping())
    const keys = log.keys.filter((k) => k.t0 >= burstSince)
    const burstEnd = Math.max(...keys.map((k) => k.visible ?? k.t0))
    const saves = log.saves.filter((s) => s.start >= burstSince)
    const revisions = (await wb.call<RevisionInfo[]>('listRevisions', { pageId })).filter((r) => r.id > before.revision.id).sort((a, b) => a.id - b.id)
    const after = await wb.call<PageDetail>('getPage', { pageId })
    if (after.revision.text.length !== before.revision.text.length + typed.length) {
      throw new Error(`typing: the store holds ${after.revision.text.length - before.revision.text.length} of ${typed.length} typed characters`)
    }
    const saved = keyToSaved(keys, saves, revisions, before.revision.length)
    if (!saved.matched) warnings.push(`typing: ${saves.length} saves seen in the page, ${revisions.length} new revisions in the store`)
    const latency = keys.filter((k) => k.visible !== null).map((k) => k.visible! - k.t0)
    const longTyping = log.longTasks.filter((l) => l.start >= burstSince && l.start <= burstEnd)
    const slowKeys = log.slowEvents.filter((e) => e.start >= burstSince && e.start <= burstEnd && /key|input/.test(e.name))

    const memory = chromiumMemory(served.child.pid ?? -1)
    const serverPeakMB = kbToMB(procStatus(served.child.pid ?? -1).VmHWM)
    const byHow = (how: 'key' | 'click', f: (o: OpenTiming) => number): Stats => stats(opens.filter((o) => o.how === how).map(f))
    return {
      pages,
      loadMs,
      open: {
        key: byHow('key', (o) => o.completeMs),
        click: byHow('click', (o) => o.completeMs),
        keyShown: byHow('key', (o) => o.shownMs),
        clickShown: byHow('click', (o) => o.shownMs),
        all: stats(opens.map((o) => o.completeMs)),
        allShown: stats(opens.map((o) => o.shownMs)),
        // Where the time goes: input to request, the request, response to text shown, text to diff shown.
        phases: {
          toFetch: stats(opens.flatMap((o) => (o.toFetchMs === null ? [] : [o.toFetchMs]))),
          fetch: stats(opens.flatMap((o) => (o.fetchMs === null ? [] : [o.fetchMs]))),
          toShown: stats(opens.flatMap((o) => (o.toFetchMs === null || o.fetchMs === null ? [] : [o.shownMs - o.toFetchMs - o.fetchMs]))),
          toComplete: stats(opens.map((o) => o.completeMs - o.shownMs))
        },
        lastChanges: countBy(opens.map((o) => o.lastParts.join(' ') || 'nothing after the text')),
        diffInView: opens.filter((o) => o.diffInView).length,
        longTasks: stats(longOpen.map((l) => l.duration))
      },
      saveSingle: { ...stats(single), ui: stats(singleUi) },
      typing: {
        pageId,
        suggestions: before.suggestions.length,
        keys: keys.length,
        intervalMs: options.intervalMs,
        painted: stats(latency),
        unpainted: keys.length - latency.length,
        over50ms: latency.filter((l) => l > 50).length,
        saved: stats(saved.ms),
        saves: saves.length,
        longTasks: { ...stats(longTyping.map((l) => l.duration)), total: longTyping.reduce((a, l) => a + l.duration, 0) },
        slowEvents: { n: slowKeys.length, maxDuration: Math.max(0, ...slowKeys.map((e) => e.duration)), maxDelay: Math.max(0, ...slowKeys.map((e) => e.delay)) }
      },
      crashes: wb.crashes,
      opens,
      serverPeakMB,
      chromium: memory,
      warnings
    }
  } finally {
    await wb.close()
    await stop(served.child)
  }
}
