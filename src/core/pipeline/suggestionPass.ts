import type { Db } from '../store/database'
import { pagesWithStaleSuggestions } from '../store/queries/suggestions'
import type { SuggestionInput } from '../model/suggestion'
import { currentRevision, currentRevisionId } from '../store/queries/revisions'
import { defaultWorkerCount, startPagePool, type PagePool } from '../workers/pagePool'
import { knowledgeForPage, loadKnowledge, type PublicationCache } from './knowledge'
import { log } from '../log'
import { refreshSuggestions, storeRefreshedSuggestions } from './refreshSuggestions'

export interface SuggestionPassOptions {
  pageIds?: readonly number[]
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
  /** Worker threads for the detection: 0 keeps it on this thread. */
  workers?: number
  /**
   * Keeps the detection off this thread (a server's request thread): workers however few the
   * pages, and a page a worker cannot finish keeps its stale mark for a later pass.
   */
  offThread?: boolean
}

/** Pages written per transaction: short, so other writers get their turn. */
const SLICE = 25
/** Below this many pages, starting workers costs more than it saves. */
const MIN_PAGES_FOR_WORKERS = 24

/**
 * Computes typo and name suggestions for pages whose suggestions are not on their current
 * revision (after a batch import), in short transactions so other writers get their turn.
 * Names are compared across the store, so the whole batch is known before any page is read.
 * Resumes where a killed pass stopped: a page is done once its suggestions are marked.
 */
export function runSuggestionPass(
  db: Db,
  pageIds?: readonly number[],
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal
): number {
  const pending = pagesWithStaleSuggestions(db, pageIds)
  const knowledge = loadKnowledge(db)
  const publications: PublicationCache = new Map()
  let done = 0
  for (let i = 0; i < pending.length && !signal?.aborted; i += SLICE) {
    const slice = pending.slice(i, i + SLICE)
    db.transaction(() => {
      for (const pageId of slice) {
        const page = currentRevision(db, pageId)
        if (page) refreshSuggestions(db, pageId, page.revisionId, page.text, knowledge, publications)
      }
    }).immediate()
    done += slice.length
    onProgress?.(done, pending.length)
  }
  return done
}

/**
 * The same pass with the detection on worker threads, for batches: the main thread only reads
 * texts and writes suggestions, and stays free for other callers between slices.
 */
export async function runSuggestionPassInWorkers(db: Db, options: SuggestionPassOptions = {}): Promise<number> {
  const pending = pagesWithStaleSuggestions(db, options.pageIds)
  if (pending.length === 0) return 0
  const pool = options.workers === 0 || (pending.length < MIN_PAGES_FOR_WORKERS && !options.offThread) ? null : startPagePool(options.workers ?? defaultWorkerCount(false))
  if (!pool) return runSuggestionPass(db, pending, options.onProgress, options.signal)
  try {
    return await detectInPool(db, pool, pending, options)
  } finally {
    await pool.close()
  }
}

async function detectInPool(db: Db, pool: PagePool, pending: readonly number[], options: SuggestionPassOptions): Promise<number> {
  const knowledge = loadKnowledge(db)
  // The workers know every rejection; the approved text of each publication stays here.
  pool.setKnowledge(knowledge)
  const publications: PublicationCache = new Map()
  type Job = { pageId: number; revisionId: number; text: string; typos: Promise<SuggestionInput[] | null> }
  const start = (pageId: number): Job | null => {
    const page = currentRevision(db, pageId)
    if (!page) return null
    // null: the worker failed, and the page gets its detection on this thread instead.
    const typos = pool.detect(page.text).catch((error: unknown) => {
      log.warn(`typo detection failed in a worker on page ${pageId}; detecting on this thread`, error)
      return null
    })
    return { pageId, revisionId: page.revisionId, text: page.text, typos }
  }
  // Slices are handed out ahead of the writer so the workers never wait for it.
  const AHEAD = 4
  const slices: (Job | null)[][] = []
  let next = 0
  let done = 0
  const fill = (): void => {
    while (slices.length < AHEAD && next < pending.length) {
      slices.push(pending.slice(next, next + SLICE).map(start))
      next += SLICE
    }
  }
  while (!options.signal?.aborted) {
    fill()
    const slice = slices.shift()
    if (!slice) break
    const results = await Promise.all(slice.map(async (job) => (job ? { job, typos: await job.typos } : null)))
    db.transaction(() => {
      for (const result of results) {
        if (!result) continue
        const { job, typos } = result
        // Saved again while the workers were busy: that save brought its own suggestions.
        if (currentRevisionId(db, job.pageId) !== job.revisionId) continue
        // A publication with approved pages: its words are checked here (the workers lack them).
        const known = knowledgeForPage(db, job.pageId, knowledge, publications).knownText
        if (typos && !known) storeRefreshedSuggestions(db, job.pageId, job.revisionId, job.text, typos)
        // A page a worker could not finish keeps its stale mark when the work must stay off this thread.
        else if (known || typos || !options.offThread) refreshSuggestions(db, job.pageId, job.revisionId, job.text, knowledge, publications)
      }
    }).immediate()
    done += slice.length
    options.onProgress?.(done, pending.length)
  }
  return done
}
