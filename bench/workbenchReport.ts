// The workbench step's runs, folded into one summary and the bench table's rows.
import { median } from './stats'

type Stats = { n: number; p50: number; p95: number; max: number }
type Run = Record<string, unknown>

/** A figure over the runs: the median of each run's p50 and p95, the spread of the p50s, the worst max. */
export interface Across {
  p50: number
  p95: number
  max: number
  minP50: number
  maxP50: number
  n: number
}

export interface WorkbenchSummary {
  runs: number
  skipped?: string
  pages?: number
  openKey?: Across
  openClick?: Across
  openShown?: Across
  phases?: Record<'toFetch' | 'fetch' | 'toShown' | 'toComplete', Across>
  savedBurst?: Across
  savedSingle?: Across
  painted?: Across
  overFiftyMs?: number
  longestTypingTaskMs?: number
  typingLongTasks?: number
  maxInputDelayMs?: number
  longestOpenTaskMs?: number
  loadMs?: number
  crashes?: number
  serverPeakMB?: number
  rendererPeakMB?: number
  warnings: string[]
  detail: Run[]
}

const finite = (values: number[]): number[] => values.filter((v) => typeof v === 'number' && Number.isFinite(v))

function across(list: Array<Stats | undefined>): Across {
  const s = list.filter((x): x is Stats => !!x && x.n > 0)
  const p50s = finite(s.map((x) => x.p50))
  return {
    p50: median(p50s),
    p95: median(finite(s.map((x) => x.p95))),
    max: Math.max(...finite(s.map((x) => x.max))),
    minP50: Math.min(...p50s),
    maxP50: Math.max(...p50s),
    n: s.reduce((a, x) => a + x.n, 0)
  }
}

const get = (run: Run, dotted: string): unknown => dotted.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], run)
const statsOf = (runs: Run[], dotted: string): Across => across(runs.map((r) => get(r, dotted) as Stats | undefined))
const numbers = (runs: Run[], dotted: string): number[] => finite(runs.map((r) => Number(get(r, dotted))))

export function summarizeWorkbench(runs: Run[]): WorkbenchSummary {
  const skipped = runs.find((r) => r.skipped)
  if (skipped) return { runs: runs.length, skipped: String(skipped.skipped), warnings: [String(skipped.skipped)], detail: runs }
  const warnings = [...new Set(runs.flatMap((r) => (r.warnings as string[] | undefined) ?? []))]
  const crashes = numbers(runs, 'crashes').reduce((a, b) => a + b, 0)
  if (crashes > 0) warnings.push(`Chromium's page crashed ${crashes} times (restarted; those opens are not counted)`)
  return {
    runs: runs.length,
    pages: numbers(runs, 'pages')[0],
    openKey: statsOf(runs, 'open.key'),
    openClick: statsOf(runs, 'open.click'),
    openShown: statsOf(runs, 'open.allShown'),
    phases: {
      toFetch: statsOf(runs, 'open.phases.toFetch'),
      fetch: statsOf(runs, 'open.phases.fetch'),
      toShown: statsOf(runs, 'open.phases.toShown'),
      toComplete: statsOf(runs, 'open.phases.toComplete')
    },
    savedBurst: statsOf(runs, 'typing.saved'),
    savedSingle: statsOf(runs, 'saveSingle'),
    painted: statsOf(runs, 'typing.painted'),
    overFiftyMs: numbers(runs, 'typing.over50ms').reduce((a, b) => a + b, 0),
    longestTypingTaskMs: Math.max(0, ...numbers(runs, 'typing.longTasks.max')),
    typingLongTasks: numbers(runs, 'typing.longTasks.n').reduce((a, b) => a + b, 0),
    maxInputDelayMs: Math.max(0, ...numbers(runs, 'typing.slowEvents.maxDelay')),
    longestOpenTaskMs: Math.max(0, ...numbers(runs, 'open.longTasks.max')),
    loadMs: median(numbers(runs, 'loadMs')),
    crashes,
    serverPeakMB: Math.max(...numbers(runs, 'serverPeakMB')),
    rendererPeakMB: Math.max(...numbers(runs, 'chromium.rendererPeakMB')),
    warnings,
    detail: runs
  }
}

const ms = (n: number | undefined, digits = 0): string => (typeof n === 'number' && Number.isFinite(n) ? `${n.toFixed(digits)} ms` : '-')
const spread = (a: Across): string => `p95 ${ms(a.p95)}; run p50s ${ms(a.minP50)}–${ms(a.maxP50)}`

export function workbenchRows(w: WorkbenchSummary): Array<{ name: string; median: string; spread: string; rss: number | undefined }> {
  if (w.skipped) return [{ name: 'workbench in Chromium', median: 'skipped', spread: w.skipped, rss: undefined }]
  const rss = w.serverPeakMB
  const rows = [
    { name: 'workbench: open a page, next-page key (≤150 ms)', median: `p50 ${ms(w.openKey!.p50)}`, spread: spread(w.openKey!), rss },
    { name: 'workbench: open a page, sidebar click', median: `p50 ${ms(w.openClick!.p50)}`, spread: spread(w.openClick!), rss },
    { name: 'workbench: open, until both texts are shown', median: `p50 ${ms(w.openShown!.p50)}`, spread: spread(w.openShown!), rss },
    { name: 'workbench: keystroke → saved revision, typing (≤1 s)', median: `p50 ${ms(w.savedBurst!.p50)}`, spread: `p95 ${ms(w.savedBurst!.p95)}, max ${ms(w.savedBurst!.max)}`, rss },
    { name: 'workbench: one keystroke → saved revision', median: `p50 ${ms(w.savedSingle!.p50)}`, spread: spread(w.savedSingle!), rss },
    {
      name: 'workbench: keystroke → painted, 150 ms a key',
      median: `p50 ${ms(w.painted!.p50, 1)}`,
      spread: `p95 ${ms(w.painted!.p95, 1)}, max ${ms(w.painted!.max, 1)}, ${w.overFiftyMs} over 50 ms`,
      rss
    },
    {
      name: 'workbench: long tasks while typing',
      median: `${w.typingLongTasks}, longest ${ms(w.longestTypingTaskMs)}`,
      spread: `input delay max ${ms(w.maxInputDelayMs, 1)}`,
      rss
    },
    {
      name: `workbench: app load, ${w.pages} pages listed`,
      median: ms(w.loadMs),
      spread: `renderer peak RSS ${Math.round(w.rendererPeakMB ?? 0)} MB${w.crashes ? `, ${w.crashes} page crashes` : ''}`,
      rss
    }
  ]
  return rows
}
