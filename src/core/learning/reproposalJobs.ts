import type { Db } from '../store/database'
import type { StructureRole } from '../../shared/types'
import { editionEvidence, isShapeKey, lineShapes, lineTemplate } from '../analysis'
import { getPublication } from '../store/queries/publications'
import { editionOriginals, isReproposable, listRules, reproposablePages, type RuleChange } from '../store/queries/learning'
import { articleHeads } from '../store/queries/articles'
import { currentRevision, currentRevisionId } from '../store/queries/revisions'
import { runSuggestionPassInWorkers } from '../pipeline/suggestionPass'
import { knowledgeForPage, loadKnowledge } from '../pipeline/knowledge'
import { defaultWorkerCount, startPagePool, type PagePool } from '../workers/pagePool'
import { acquireReproposalPool, releaseReproposalPool, warmReproposalPool } from './reproposalPool'
import { log } from '../log'
import { MODEL_CHANGE, REFIT_KEY, publicationProfile, relearnModel } from './publicationProfile'
import { finishReflow, readPageForReproposal, writeReproposal } from './repropose'
import { detectTypos } from '../pipeline/refreshSuggestions'
import type { ReflowPlan } from '../pipeline/reflowTypos'
import type { SuggestionInput } from '../model/suggestion'
import { MODEL_KEY, proposePageAgain, ruleIndex, type PageForReproposal, type ReproposalOutcome, type ReproposalSetting } from './reproposal'

// Proposing a publication's untouched pages again after an approval (or an undone or imported
// rule) runs as a job: short transactions with the event loop let go between them, so the
// editor's next request is answered while it runs. It is incremental: only a page with a line of
// a changed rule's template whose role the change can move (a line not yet of the new rule's
// role, or one of an undone rule's role) is analysed again; the others are left as they are.
// A second request while one runs is queued with its changes and runs when it ends.

export interface ReproposalStatus {
  state: 'idle' | 'running'
  done: number
  total: number
  /** The last run: pages proposed again, of pages looked at, how long it took, and then how long reading again the typos of the lines it rewrote took. */
  last: { changed: number; pages: number; analysed: number; ms: number; typosMs?: number } | null
}

interface Job {
  status: ReproposalStatus
  pending: RuleChange[]
  settled: Promise<void>
}

/** Pages of an edition read for its evidence (as an import reads them: import/editionEvidence.ts). */
const MAX_EVIDENCE_PAGES = 48
/** A transaction ends once it has held the thread this long (a page analysed cold takes longer on its own). */
const SLICE_MS = 15

/** A map kept per open database (dropped with it), made on first use. */
function perDatabase<V>(): (db: Db) => Map<number, V> {
  const maps = new WeakMap<Db, Map<number, V>>()
  return (db) => {
    let map = maps.get(db)
    if (!map) maps.set(db, (map = new Map()))
    return map
  }
}

/** The running or last job, by publication. */
const jobs = perDatabase<Job>()

export function reproposalStatus(db: Db, publicationId: number): ReproposalStatus {
  const job = jobs(db).get(publicationId)
  return job ? { ...job.status } : { state: 'idle', done: 0, total: 0, last: null }
}

/** Settles when the publication's running job (if any) has ended. */
export function reproposalSettled(db: Db, publicationId: number): Promise<void> {
  return jobs(db).get(publicationId)?.settled ?? Promise.resolve()
}

/** Settles when no publication's job runs on this database (a job may queue another's). */
export async function allReproposalsSettled(db: Db): Promise<void> {
  for (;;) {
    const running = [...jobs(db).values()].filter((j) => j.status.state === 'running')
    if (running.length === 0) return
    await Promise.all(running.map((j) => j.settled))
  }
}

/** Starts (or queues) proposing again the publication's untouched pages that `changes` may change; settles when done. */
export interface ReproposalOptions {
  /** Run the typo pass on changed pages whose suggestions were stale (default true). */
  suggestions?: boolean
  /** Worker threads for the analysis (default: the database's kept pool, once there are enough pages; 0 keeps it on this thread). */
  workers?: number
  /** From how many pages to analyse the kept pool is used (default MIN_PAGES_FOR_WORKERS). */
  workersFrom?: number
}

export function scheduleReproposal(db: Db, publicationId: number, changes: readonly RuleChange[], options: ReproposalOptions = {}): Promise<void> {
  const map = jobs(db)
  const existing = map.get(publicationId)
  if (existing?.status.state === 'running') {
    existing.pending.push(...changes)
    return existing.settled
  }
  const job: Job = { status: { state: 'running', done: 0, total: 0, last: existing?.status.last ?? null }, pending: [...changes], settled: Promise.resolve() }
  map.set(publicationId, job)
  job.settled = (async () => {
    try {
      while (job.pending.length > 0 && db.open) {
        let batch = job.pending.splice(0)
        // An approval asks for the role model's adjustment to be fitted again: done here, after its
        // commit, in a transaction of its own; a new adjustment may change any untouched page.
        if (batch.some((c) => c.template === REFIT_KEY)) {
          batch = batch.filter((c) => c.template !== REFIT_KEY)
          await pause()
          if (!db.open) return
          if (db.transaction(() => relearnModel(db, publicationId)).immediate()) batch.push(MODEL_CHANGE)
        }
        if (batch.length > 0) await runOnce(db, publicationId, job, batch, options)
      }
    } finally {
      job.status.state = 'idle'
    }
  })()
  return job.settled
}

const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff]{2,}/g
const FULL: Record<string, string> = { ',': '，', '(': '（', ')': '）', ':': '：', ';': '；', '?': '？', '!': '！' }

/** A line as a template's literal parts are found in it: no white space, ASCII punctuation full width. */
const flatten = (line: string): string => line.replace(/\s+/g, '').replace(/[,():;?!]/g, (c) => FULL[c] ?? c)

/**
 * A cheap test every line of the template passes, so that most lines are never templated: a run
 * of Han characters of the template (lineTemplate leaves them as they are), else a digit where it
 * has `#`; null when there is nothing to test.
 */
function prefilterOf(template: string): ((flat: string) => boolean) | null {
  if (isShapeKey(template)) return null
  let best = ''
  for (const m of template.matchAll(HAN_RUN)) if (m[0].length > best.length) best = m[0]
  if (best) return (flat) => flat.includes(best)
  if (template.includes('#')) return (flat) => /[0-9０-９〇零一二三四五六七八九十]/.test(flat)
  return null
}

interface Change extends RuleChange {
  test: ((flat: string) => boolean) | null
}

/** Roles whose lines the articles' own columns name, so that no body need be read. */
const HEAD_ROLES = new Set<StructureRole>(['furniture', 'caption', 'credit', 'title', 'kicker', 'subtitle', 'byline'])
const squash = (s: string): string => s.replace(/[\s\u00a0\u3000]+/g, '')

/** The role a line has now, as far as the articles' columns tell (null: in no article, or body text). */
function headRole(heads: ReturnType<typeof articleHeads>, line: number, text: string): StructureRole | null {
  const a = heads.find((h) => line >= h.startLine && line < h.endLine)
  if (!a) return null
  if (a.kind === 'furniture') return 'furniture'
  if (a.kind === 'caption') return 'caption'
  const t = squash(text)
  if (a.title && squash(a.title) === t) return 'title'
  if (a.kicker && squash(a.kicker) === t) return 'kicker'
  if (a.subtitle && squash(a.subtitle) === t) return 'subtitle'
  if (a.byline && t.includes(squash(a.byline)) && t.length <= squash(a.byline).length + 12) return 'byline'
  return null
}

/** Whether the changes can move a role on this page: a line of a changed template not already where the change puts it. */
function mayChange(db: Db, pageId: number, changes: readonly Change[]): boolean {
  // A new adjustment of the role model may move any line: the page is analysed again.
  if (changes.some((c) => c.template === MODEL_KEY)) return true
  const current = currentRevision(db, pageId)
  if (!current) return false
  const lines = current.text.split('\n')
  let heads: ReturnType<typeof articleHeads> | null = null
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '') continue
    const flat = flatten(line)
    const candidates = changes.filter((c) => c.test === null || c.test(flat))
    if (candidates.length === 0) continue
    const template = lineTemplate(line)
    const shapes = candidates.some((c) => isShapeKey(c.template)) ? lineShapes(line) : []
    const hits = candidates.filter((c) => c.template === template || shapes.includes(c.template))
    if (hits.length === 0) continue
    // A role the columns cannot tell (subhead, body, dateline, banner): analysed to be sure.
    if (hits.some((c) => !HEAD_ROLES.has(c.role))) return true
    heads ??= articleHeads(db, pageId)
    const role = headRole(heads, i, line)
    if (hits.some((c) => (c.added ? role !== c.role && !(c.role === 'credit' && role === 'caption') : role === c.role || (c.role === 'credit' && role === 'caption')))) return true
  }
  return false
}

/**
 * Below this many pages to analyse, starting workers costs more than it saves: a worker takes
 * 0.1–0.5 s of CPU to start and load the analysis, 100 pages take about as much here (in slices).
 */
const MIN_PAGES_FOR_WORKERS = 100
/** Pages of one edition handed to a worker at a time. */
const BATCH_PAGES = 12

async function runOnce(db: Db, publicationId: number, job: Job, batch: readonly RuleChange[], options: ReproposalOptions): Promise<void> {
  const started = performance.now()
  await pause()
  if (!db.open) return
  const publication = getPublication(db, publicationId)
  if (!publication) return
  const changes: Change[] = batch.map((c) => ({ ...c, test: prefilterOf(c.template) }))
  const pages = reproposablePages(db, publicationId)
  job.status.total = pages.length
  job.status.done = 0
  // The pages the changes may change, read in short transactions (a snapshot each).
  const candidates: number[] = []
  for (let i = 0; i < pages.length; ) {
    if (!db.open) return
    const sliceStarted = performance.now()
    db.transaction(() => {
      while (i < pages.length && performance.now() - sliceStarted < SLICE_MS) {
        const pageId = pages[i++]!
        if (mayChange(db, pageId, changes)) candidates.push(pageId)
        else job.status.done++
      }
    })()
    if (i < pages.length) await pause()
  }
  const changed: number[] = []
  let typosMs = 0
  if (candidates.length > 0) {
    const setting: ReproposalSetting = { profile: publicationProfile(db, publicationId), rules: listRules(db, publicationId, 'active'), publication: publication.name }
    // Workers asked for by number are the job's own; else the database's kept pool
    // (reproposalPool.ts), or workers of its own while another publication's job has that.
    const wanted = options.workers ?? defaultWorkerCount(false)
    const needed = wanted > 0 && (options.workers !== undefined || candidates.length >= (options.workersFrom ?? MIN_PAGES_FOR_WORKERS))
    const kept = needed && options.workers === undefined ? acquireReproposalPool(db) : null
    const pool = kept ?? (needed ? startPagePool(wanted) : null)
    try {
      const reflowed = await proposeCandidates(db, job, candidates, setting, pool, changed)
      job.status.last = { changed: changed.length, pages: pages.length, analysed: candidates.length, ms: Math.round(performance.now() - started), typosMs: 0 }
      const typosStarted = performance.now()
      if (reflowed.length > 0 && db.open) await readReflowedAgain(db, reflowed, pool)
      typosMs = Math.round(performance.now() - typosStarted)
    } finally {
      // what is left (the database closed) is for the suggestion pass: the pages stay marked stale
      pending(db).clear()
      if (kept) releaseReproposalPool(db, kept)
      else await pool?.close()
    }
  }
  job.status.last = { changed: changed.length, pages: pages.length, analysed: candidates.length, ms: job.status.last?.ms ?? Math.round(performance.now() - started), typosMs }
  // Pages whose suggestions were stale before (their typo pass had not run) get it now.
  if ((options.suggestions ?? true) && changed.length > 0 && db.open) await runSuggestionPassInWorkers(db, { pageIds: changed })
  // The next approval may send every untouched page to the workers (a new adjustment of the role
  // model): they are readied now, while the editor reads the next page, not during a job.
  if (options.workers === undefined && pages.length >= (options.workersFrom ?? MIN_PAGES_FOR_WORKERS) && db.open) warmReproposalPool(db)
}

/** A page given a new text whose typos were carried to it: the zones it changed are read again. */
interface Reflowed {
  pageId: number
  revisionId: number
  duplicates: SuggestionInput[]
  plan: ReflowPlan
}

// Reflowed pages whose zones are not read yet, by database: a page the editor opens meanwhile
// has its zones read then (finishPendingReflow), not its whole text.
const pending = perDatabase<Reflowed>()

/**
 * For a page whose suggestions are stale because a re-proposal gave it a new text whose zones
 * are not read yet: reads them now, on this thread, in a transaction. Returns whether it did
 * (false: the page is not waiting for that; its suggestions are for the suggestion pass).
 */
export function finishPendingReflow(db: Db, pageId: number): boolean {
  const r = pending(db).get(pageId)
  if (!r) return false
  pending(db).delete(pageId)
  const knowledge = knowledgeForPage(db, pageId, loadKnowledge(db))
  const detected = detectTypos(r.plan.text, knowledge)
  return db.transaction(() => finishReflow(db, r.pageId, r.revisionId, r.duplicates, r.plan, detected)).immediate()
}

/**
 * The zones of reflowed pages read again by the typo detector (on the pool's workers, else here
 * page by page between pauses), each page's suggestions then completed and marked current.
 */
async function readReflowedAgain(db: Db, reflowed: readonly Reflowed[], pool: PagePool | null): Promise<void> {
  // every page is of one publication and unapproved: the same knowledge for all
  const knowledge = knowledgeForPage(db, reflowed[0]!.pageId, loadKnowledge(db), new Map())
  pool?.setKnowledge(knowledge)
  // null: a worker failed; the page stays marked stale, for the suggestion pass that follows
  const detect = (text: string): Promise<SuggestionInput[] | null> =>
    pool
      ? pool.detect(text).catch((error: unknown) => {
          log.warn('typo detection failed in a worker; the page is left to the suggestion pass', error)
          return null
        })
      : pause().then(() => detectTypos(text, knowledge))
  const found = pool ? reflowed.map((r) => detect(r.plan.text)) : null
  for (let i = 0; i < reflowed.length && db.open; ) {
    const ready: (SuggestionInput[] | null)[] = []
    // a slice's worth of pages whose reading is done (one at a time on this thread)
    const sliceStarted = performance.now()
    do ready.push(await (found ? found[i + ready.length]! : detect(reflowed[i + ready.length]!.plan.text)))
    while (i + ready.length < reflowed.length && (found !== null ? ready.length < BATCH_PAGES : performance.now() - sliceStarted < SLICE_MS))
    if (!db.open) return
    db.transaction(() => {
      for (const detected of ready) {
        const r = reflowed[i++]!
        // (a page opened meanwhile had its zones read then)
        if (pending(db).delete(r.pageId) && detected) finishReflow(db, r.pageId, r.revisionId, r.duplicates, r.plan, detected)
      }
    }).immediate()
    await pause()
  }
}

/**
 * The candidates proposed again, edition by edition: read here in short transactions, analysed
 * on the pool's workers (a few batches ahead, so that they never wait) or, without a pool, here
 * between pauses; each outcome written in transactions of at most SLICE_MS.
 */
async function proposeCandidates(db: Db, job: Job, candidates: readonly number[], setting: ReproposalSetting, pool: PagePool | null, changed: number[]): Promise<Reflowed[]> {
  const reflowed: Reflowed[] = []
  const rules = ruleIndex(setting.rules)
  pool?.setReproposal(setting)
  const inFlight: Promise<ReproposalOutcome[]>[] = []
  // This thread writes the outcomes while the workers analyse: it keeps a core of its own (with
  // every core busy analysing, the writes, the longer part here, got a share of one).
  const lanes = pool ? Math.min(pool.size, defaultWorkerCount(true)) : 0
  const ahead = pool ? lanes * 2 : 1
  const analyse = async (edition: string[], batch: PageForReproposal[]): Promise<ReproposalOutcome[]> => {
    if (pool) {
      try {
        return await pool.repropose(edition, batch, lanes)
      } catch (error) {
        log.warn('a page worker could not propose pages again; proposing them on this thread', error)
      }
    }
    const texts = edition.map((t) => t.replace(/\r\n?/g, '\n'))
    const evidence = texts.length >= 2 ? editionEvidence(texts) : null
    const out: ReproposalOutcome[] = []
    let slice = performance.now()
    for (const page of batch) {
      out.push(proposePageAgain(page, setting, rules, evidence))
      if (performance.now() - slice >= SLICE_MS) {
        await pause()
        slice = performance.now()
      }
    }
    return out
  }
  const write = async (outcomes: readonly ReproposalOutcome[]): Promise<void> => {
    for (let i = 0; i < outcomes.length && db.open; ) {
      const sliceStarted = performance.now()
      db.transaction(() => {
        while (i < outcomes.length && performance.now() - sliceStarted < SLICE_MS) {
          const outcome = outcomes[i++]!
          job.status.done++
          // The editor may have touched the page since it was read: then it stays as they left it.
          if (!isReproposable(db, outcome.pageId) || currentRevisionId(db, outcome.pageId) !== outcome.revisionId) continue
          const revisionId = writeReproposal(db, outcome, setting.publication)
          if (revisionId === null || !outcome.changed) continue
          changed.push(outcome.pageId)
          if (outcome.text !== null && outcome.reflow && outcome.reflow.windows.length > 0) {
            const r = { pageId: outcome.pageId, revisionId, duplicates: outcome.duplicates, plan: outcome.reflow }
            reflowed.push(r)
            pending(db).set(r.pageId, r)
          }
        }
      }).immediate()
      await pause()
    }
  }
  let next = 0
  while (next < candidates.length || inFlight.length > 0) {
    if (!db.open) return reflowed
    if (next < candidates.length && inFlight.length < ahead) {
      // the next pages of one edition, read in one transaction
      let edition: string[] = []
      const batch: PageForReproposal[] = []
      db.transaction(() => {
        let editionId: number | null = null
        while (next < candidates.length && batch.length < BATCH_PAGES) {
          const page = readPageForReproposal(db, candidates[next]!)
          if (page && editionId !== null && page.editionId !== editionId) break
          next++
          if (!page) {
            job.status.done++
            continue
          }
          editionId = page.editionId
          batch.push(page)
        }
        if (editionId !== null) edition = editionOriginals(db, editionId, MAX_EVIDENCE_PAGES)
      })()
      if (batch.length > 0) inFlight.push(analyse(edition, batch))
      if (pool || next >= candidates.length) await pause()
      if (pool && inFlight.length < ahead && next < candidates.length) continue
    }
    const outcomes = await inFlight.shift()
    if (outcomes) await write(outcomes)
  }
  return reflowed
}
