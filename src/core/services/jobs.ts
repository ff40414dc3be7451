import { ApiError } from '../../shared/api'

// The app's long use cases (export, import) run as jobs: started by one call, read by another
// while the server or the IPC handler goes on answering, cancelled by a third that answers once
// the job has stopped. This is their bookkeeping; what a job does is its own.

export interface JobStatus {
  jobId: number
  state: string
}

export interface Job<S extends JobStatus> {
  /** Changed in place by the job as it runs; callers read snapshots. */
  status: S
  controller: AbortController
  /** Settles (never rejects) once the job is no longer running. */
  settled: Promise<void>
  /** What made the job fail, for a caller that awaits it (exportEdition, importFiles). */
  failure?: unknown
}

export interface JobRegistry<S extends JobStatus> {
  /** Registers a job; `run` gets its status and signal and says how it ended, as `settle` turns it into the status. */
  add: (make: (jobId: number) => S, run: (job: Job<S>) => Promise<void>) => Job<S>
  find: (jobId: number) => Job<S>
  all: () => Job<S>[]
  /** Jobs in one of these states (a limit on running ones, say). */
  count: (live: (status: S) => boolean) => number
  /** Aborts the job and answers once it has settled. */
  cancel: (jobId: number) => Promise<Job<S>>
}

/** Finished jobs are kept for their status to be read, the oldest dropped beyond this many. */
const KEEP_FINISHED = 20

export function jobRegistry<S extends JobStatus>(what: string, isFinished: (status: S) => boolean): JobRegistry<S> {
  const jobs = new Map<number, Job<S>>()
  let nextId = 1

  const prune = (): void => {
    const finished = [...jobs.entries()].filter(([, j]) => isFinished(j.status))
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(id)
  }

  const find = (jobId: number): Job<S> => {
    const job = jobs.get(jobId)
    if (!job) throw new ApiError('not-found', `${what} job ${jobId} does not exist`)
    return job
  }

  return {
    add: (make, run) => {
      const job: Job<S> = { status: make(nextId++), controller: new AbortController(), settled: Promise.resolve() }
      // A job that cannot start (a refusal thrown at once) is not kept.
      const running = run(job)
      jobs.set(job.status.jobId, job)
      job.settled = running.then(prune, prune)
      return job
    },
    find,
    all: () => [...jobs.values()],
    count: (live) => [...jobs.values()].filter((j) => live(j.status)).length,
    cancel: async (jobId) => {
      const job = find(jobId)
      job.controller.abort()
      await job.settled
      return job
    }
  }
}

export function oneLine(error: unknown, fallback: string): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0]!.trim() || fallback
}
