import type { Db } from '../store/database'
import { defaultWorkerCount, startPagePool, type PagePool } from '../workers/pagePool'

// The re-proposal jobs' worker threads, kept per database from one job to the next. An editor
// approves page after page, and an approval may propose hundreds of pages again: starting the
// workers and loading the typo model in each cost about 1.4 s of CPU a job (bench, 2 workers),
// paid here once. A job of a publication that has enough pages readies the pool for the next one
// when it ends (warmReproposalPool); the pool ends after IDLE_MS without work, and never keeps the
// process alive while it waits.

/** How long a kept pool waits for the next job before its workers end. */
const IDLE_MS = 5 * 60_000

interface Kept {
  pool: PagePool
  /** Jobs using it now (one at most). */
  users: number
  timer: ReturnType<typeof setTimeout> | null
}

const kept = new WeakMap<Db, Kept>()

/** The database's kept pool, started when there is none (or none of its workers runs); null when no worker can start here. */
function keep(db: Db, warm: boolean): Kept | null {
  const existing = kept.get(db)
  if (existing && existing.pool.live > 0) return existing
  if (existing) {
    kept.delete(db)
    if (existing.timer) clearTimeout(existing.timer)
    void existing.pool.close()
  }
  const pool = startPagePool(defaultWorkerCount(false))
  if (!pool) return null
  // Readied only ahead of a job: a job that starts it waits for the analysis, not for the typo model.
  if (warm) pool.warm()
  const k: Kept = { pool, users: 0, timer: null }
  kept.set(db, k)
  idle(db, k)
  return k
}

/** Waits for the next job without holding the process; ends the workers after IDLE_MS. */
function idle(db: Db, k: Kept): void {
  k.pool.hold(false)
  if (k.timer) clearTimeout(k.timer)
  k.timer = setTimeout(() => {
    if (k.users > 0) return
    if (kept.get(db) === k) kept.delete(db)
    void k.pool.close()
  }, IDLE_MS)
  k.timer.unref()
}

/** Starts the database's pool (if need be) and loads what its workers need, before a job asks for it. */
export function warmReproposalPool(db: Db): void {
  if (!db.open) return
  const fresh = !kept.get(db)
  const k = keep(db, true)
  // a pool started by a job that read no typos has not loaded them yet (loaded already: a few ms)
  if (k && !fresh && k.users === 0) k.pool.warm()
}

/**
 * The database's kept pool for one job, given back with releaseReproposalPool. Null while another
 * job has it (a job sends its workers what it proposes with: two at once would mix them up) or
 * when no worker can start here.
 */
export function acquireReproposalPool(db: Db): PagePool | null {
  const k = keep(db, false)
  if (!k || k.users > 0) return null
  k.users++
  if (k.timer) clearTimeout(k.timer)
  k.timer = null
  k.pool.hold(true)
  return k.pool
}

export function releaseReproposalPool(db: Db, pool: PagePool): void {
  const k = kept.get(db)
  if (!k || k.pool !== pool) return
  k.users = Math.max(0, k.users - 1)
  if (k.users > 0) return
  // a closed database's pool ends now
  if (!db.open) {
    kept.delete(db)
    void pool.close()
    return
  }
  idle(db, k)
}

/** Ends the database's kept pool (its workers stop once their current message is done). */
export async function closeReproposalPool(db: Db): Promise<void> {
  const k = kept.get(db)
  if (!k) return
  kept.delete(db)
  if (k.timer) clearTimeout(k.timer)
  await k.pool.close()
}
