// The editor-session benchmark: a scripted keyboard-and-mouse session in Debian's Chromium that
// takes the sample edition from import to the structure and fixes of bench/fixtures/sample-edition.json
// and counts every action an editor would make (a key pressed, a click, a drag; wheel scrolling
// apart). The pages are read at run time from ../shared/samples and never copied.
//
// npx tsx bench/editorSession.ts [--json]      (npm run build first: it drives the built renderer)
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { startApp, type BrowserApp } from '../test/support/browser'
import { LINE_ROLES, rolesOf, type LineRole } from '../src/shared/lineRoles'
import type { PageDetail, PageSummary } from '../src/shared/types'

const ROOT = path.resolve(__dirname, '..')
export const FIXTURE = path.join(__dirname, 'fixtures', 'sample-edition.json')

export interface SessionFixture {
  source: string
  pages: Array<{
    file: string
    articles: Array<[number, number, string]>
    roles: Record<string, LineRole>
    headlines: Array<{ article: number; kicker?: number[]; title?: number[]; subtitle?: number[] }>
    fixes: Array<{ line: number; column: number; text: string }>
  }>
}

export type ActionKind = 'key' | 'click' | 'drag'

export interface SessionResult {
  pages: number
  actions: number
  actionsPerPage: number
  byKind: Record<ActionKind, number>
  /** Actions while each page was open (the import and the first page's opening under "import"). */
  byPage: Record<string, number>
  /** Wheel steps to bring a line into view (not counted as actions). */
  scrolls: number
  seconds: number
  /** Every way the store differs from the fixture at the end; empty when the session reached it. */
  mismatches: string[]
  /** The session's actions, in order, for reading. */
  log: string[]
}

/** Whether the material the session needs is here (the samples are not in the repository). */
export function sessionSource(fixture: SessionFixture = readFixture()): string | null {
  const dir = path.resolve(ROOT, fixture.source)
  return fixture.pages.every((p) => fs.existsSync(path.join(dir, p.file))) ? dir : null
}

export function readFixture(): SessionFixture {
  return JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as SessionFixture
}

class Counter {
  byKind: Record<ActionKind, number> = { key: 0, click: 0, drag: 0 }
  byPage: Record<string, number> = {}
  scrolls = 0
  stage = 'import'
  log: string[] = []
  count(kind: ActionKind, what: string): void {
    this.byKind[kind]++
    this.byPage[this.stage] = (this.byPage[this.stage] ?? 0) + 1
    this.log.push(`${this.stage}: ${kind} ${what}`)
  }
  get total(): number {
    return this.byKind.key + this.byKind.click + this.byKind.drag
  }
}

const WORKING = '.modified-in-monaco-diff-editor'

async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.getAttribute('data-status') === 'saved', null, { timeout: 20_000 })
}

async function settle(page: Page): Promise<void> {
  await waitSaved(page)
  await page.waitForTimeout(150)
  await waitSaved(page)
}

type Box = { x: number; y: number; width: number; height: number }

/** Where a line's number is drawn (null when Monaco has not rendered it) and where the editor's view is. */
async function lineNumberBox(page: Page, line: number): Promise<{ box: Box | null; view: Box }> {
  const view = (await page.locator(`${WORKING} .overflow-guard`).first().boundingBox())!
  const numbers = page.locator(`${WORKING} .line-numbers`).filter({ hasText: new RegExp(`^${line + 1}$`) })
  const box = (await numbers.count()) === 0 ? null : await numbers.first().boundingBox()
  return { box, view }
}

async function visibleLines(page: Page): Promise<number[]> {
  return (await page.locator(`${WORKING} .line-numbers`).allTextContents()).map((s) => Number(s.trim())).filter((n) => n > 0)
}

/** A click on a line of the working text, scrolling the editor with the wheel until it is in view. */
async function clickLine(page: Page, counter: Counter, line: number, shift = false): Promise<void> {
  for (let tries = 0; ; tries++) {
    const { box, view } = await lineNumberBox(page, line)
    const inView = box !== null && box.y >= view.y && box.y + box.height <= view.y + view.height
    if (inView) {
      if (shift) await page.keyboard.down('Shift')
      await page.mouse.click(box.x + box.width + 40, box.y + box.height / 2)
      if (shift) await page.keyboard.up('Shift')
      counter.count('click', `${shift ? 'shift+' : ''}line ${line + 1}`)
      return
    }
    if (tries >= 60) throw new Error(`line ${line + 1} never came into view`)
    const shown = await visibleLines(page)
    const down = box ? box.y > view.y : shown.length === 0 || line + 1 > Math.max(...shown)
    await page.mouse.move(view.x + view.width / 2, view.y + view.height / 2)
    // a notch of the wheel as Chromium scrolls it
    await page.mouse.wheel(0, down ? 100 : -100)
    counter.scrolls++
    await page.waitForTimeout(60)
  }
}

async function press(page: Page, counter: Counter, key: string): Promise<void> {
  await page.keyboard.press(key)
  counter.count('key', key)
}

/** Lines given one role in a row (only blank lines between), as one selection each. */
function roleRuns(roles: Record<string, LineRole>): Array<{ from: number; to: number; role: LineRole }> {
  const lines = Object.keys(roles)
    .map(Number)
    .sort((a, b) => a - b)
  const runs: Array<{ from: number; to: number; role: LineRole }> = []
  for (const line of lines) {
    const last = runs.at(-1)
    if (last && last.role === roles[line] && line - last.to <= 2) last.to = line
    else runs.push({ from: line, to: line, role: roles[line]! })
  }
  return runs
}

/** Whether the gutter shows every line of the run with its role already (what rolesOf gives is what it draws). */
async function showsRole(app: BrowserApp, pageId: number, run: { from: number; to: number; role: LineRole }): Promise<boolean> {
  const detail = await app.call<PageDetail>('getPage', { pageId })
  const lines = detail.revision.text.split('\n')
  for (let line = run.from; line <= run.to; line++) {
    if (lines[line]?.trim() === '') continue
    const a = detail.articles.find((x) => x.startLine <= line && x.endLine > line)
    if (!a || rolesOf(a, lines, a.startLine, a.endLine)[line - a.startLine] !== run.role) return false
  }
  return true
}

const roleKey = (role: LineRole): string => `Alt+Digit${(LINE_ROLES.indexOf(role) + 1) % 10}`

export async function runEditorSession(options: { screenshots?: string } = {}): Promise<SessionResult> {
  const fixture = readFixture()
  const source = sessionSource(fixture)
  if (!source) throw new Error(`the sample edition is not at ${path.resolve(ROOT, fixture.source)}: the session needs it`)
  const app = await startApp()
  const counter = new Counter()
  const started = performance.now()
  try {
    const { page } = app
    await page.goto(app.server.url)
    await page.getByTestId('diff-editor').waitFor({ state: 'attached' })
    // A folder of the pages, named for the edition, dragged onto the window from the file manager.
    const folder = path.join(app.dir, 'drop', '样例')
    fs.mkdirSync(folder, { recursive: true })
    for (const p of fixture.pages) fs.copyFileSync(path.join(source, p.file), path.join(folder, p.file))
    const cdp = await page.context().newCDPSession(page)
    const data = { items: [], files: [folder], dragOperationsMask: 1 }
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, x: 700, y: 400, data })
    counter.count('drag', 'the edition folder onto the window')
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 })
    await press(page, counter, 'Escape')
    const pages = (await app.call<PageSummary[]>('listPages', {})).sort((a, b) => a.order - b.order)
    const ids = fixture.pages.map((fp) => pages.find((p) => p.sourceName === fp.file)?.id)
    if (ids.some((id) => id === undefined)) throw new Error('the import did not bring every page of the fixture')
    const imported = new Map<number, string>()
    for (const id of ids) imported.set(id!, (await app.call<PageDetail>('getPage', { pageId: id! })).revision.text)

    counter.stage = 'import'
    await page.locator(`[data-page-id="${ids[0]}"]`).click()
    counter.count('click', 'the first page in the sidebar')
    for (let i = 0; i < fixture.pages.length; i++) {
      const fp = fixture.pages[i]!
      counter.stage = `page ${i + 1}`
      await page.waitForSelector(`.editor-host:not(.hidden) ${WORKING} .view-lines`)
      await settle(page)
      for (const run of roleRuns(fp.roles)) {
        // The editor reads the gutter: lines that show the role already are left as they are.
        if (await showsRole(app, ids[i]!, run)) continue
        await clickLine(page, counter, run.from)
        if (run.to !== run.from) await clickLine(page, counter, run.to, true)
        await press(page, counter, roleKey(run.role))
        await settle(page)
      }
      for (let k = 0; k < fp.fixes.length; k++) {
        await press(page, counter, 'F8')
        await press(page, counter, 'Alt+Enter')
        await settle(page)
      }
      await press(page, counter, 'Alt+Shift+KeyA')
      for (let t = 0; t < 100 && (await app.call<PageDetail>('getPage', { pageId: ids[i]! })).page.status !== 'approved'; t++) await page.waitForTimeout(100)
      await settle(page)
      if (options.screenshots) await page.screenshot({ path: path.join(options.screenshots, `session-page-${i + 1}.png`) })
      if (i < fixture.pages.length - 1) await press(page, counter, 'Alt+PageDown')
    }
    const seconds = (performance.now() - started) / 1000
    const mismatches = await compare(app, fixture, ids as number[], imported)
    return {
      pages: fixture.pages.length,
      actions: counter.total,
      actionsPerPage: counter.total / fixture.pages.length,
      byKind: counter.byKind,
      byPage: counter.byPage,
      scrolls: counter.scrolls,
      seconds,
      mismatches,
      log: counter.log
    }
  } finally {
    await app.close()
  }
}

/** Every way the store's pages differ from the fixture. */
async function compare(app: BrowserApp, fixture: SessionFixture, ids: number[], imported: Map<number, string>): Promise<string[]> {
  const out: string[] = []
  for (let i = 0; i < fixture.pages.length; i++) {
    const fp = fixture.pages[i]!
    const detail = await app.call<PageDetail>('getPage', { pageId: ids[i]! })
    const where = `page ${i + 1} (${fp.file})`
    const lines = detail.revision.text.split('\n')
    if (detail.page.status !== 'approved') out.push(`${where}: status ${detail.page.status}`)
    const ranges = detail.articles.map((a) => [a.startLine, a.endLine, a.kind])
    if (JSON.stringify(ranges) !== JSON.stringify(fp.articles)) out.push(`${where}: articles ${JSON.stringify(ranges)}`)
    for (const a of detail.articles) if (a.kind !== 'furniture' && a.status !== 'approved') out.push(`${where}: article at line ${a.startLine + 1} is ${a.status}`)
    for (const [key, role] of Object.entries(fp.roles)) {
      const line = Number(key)
      const a = detail.articles.find((x) => x.startLine <= line && x.endLine > line)
      const shown = a ? rolesOf(a, lines, a.startLine, a.endLine)[line - a.startLine] : null
      if (shown !== role) out.push(`${where}: line ${line + 1} is ${shown ?? 'outside every article'}, not ${role}`)
    }
    for (const h of fp.headlines) {
      const a = detail.articles[h.article]
      const want = (refs?: number[]): string | null => (refs ? refs.map((l) => lines[l]!.trim()).join(' ') : null)
      if (!a) out.push(`${where}: no article ${h.article}`)
      else {
        if (h.kicker && a.kicker !== want(h.kicker)) out.push(`${where}: article ${h.article}'s kicker is not lines ${h.kicker.map((l) => l + 1).join('+')}`)
        if (h.title && a.title !== want(h.title)) out.push(`${where}: article ${h.article}'s title is not lines ${h.title.map((l) => l + 1).join('+')}`)
        if (h.subtitle && a.subtitle !== want(h.subtitle)) out.push(`${where}: article ${h.article}'s subtitle is not lines ${h.subtitle.map((l) => l + 1).join('+')}`)
      }
    }
    // The text is the imported one but for the fixes.
    const before = imported.get(ids[i]!)!.split('\n')
    const fixed = [...before]
    for (const f of fp.fixes) {
      const l = fixed[f.line] ?? ''
      fixed[f.line] = l.slice(0, f.column) + f.text + l.slice(f.column + f.text.length)
      if (lines[f.line]?.slice(f.column, f.column + f.text.length) !== f.text) out.push(`${where}: line ${f.line + 1} column ${f.column + 1} is not fixed`)
    }
    if (fixed.join('\n') !== detail.revision.text) out.push(`${where}: the text differs from the import's beyond the fixes`)
  }
  return out
}

/** The session as the bench reports it. */
export function sessionRows(r: SessionResult): string[] {
  return [
    `editor session on the sample edition: ${r.actions} actions for ${r.pages} pages = ${r.actionsPerPage.toFixed(2)} a page (keys ${r.byKind.key}, clicks ${r.byKind.click}, drags ${r.byKind.drag}; ${r.scrolls} wheel steps not counted)`,
    `  by stage: ${Object.entries(r.byPage)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `  reached the fixture: ${r.mismatches.length === 0 ? 'yes' : `NO\n    ${r.mismatches.join('\n    ')}`}`,
    `  wall time ${r.seconds.toFixed(1)} s`
  ]
}

if (require.main === module) {
  const json = process.argv.includes('--json')
  if (!sessionSource()) {
    console.error(`editor session: skipped, the sample edition is not at ${path.resolve(ROOT, readFixture().source)}`)
    process.exit(0)
  }
  runEditorSession({ screenshots: path.join(ROOT, 'test-results') }).then(
    (r) => {
      if (json) console.log(JSON.stringify(r))
      else {
        for (const line of sessionRows(r)) console.log(line)
        for (const line of r.log) console.log(`    ${line}`)
      }
      process.exit(r.mismatches.length === 0 ? 0 : 1)
    },
    (error: unknown) => {
      console.error(`editor session failed: ${(error as Error).message}`)
      process.exit(1)
    }
  )
}
