import fs from 'node:fs'
import path from 'node:path'
import { ApiError, type ApiArgs, type Handlers } from '../../shared/api'
import type { ImportItemResult, ImportJob, ImportReport } from '../../shared/types'
import type { PageSource } from '../import/importer'
import { MAX_PAGE_BYTES } from '../import/decode'
import { folderImageFinder, isScanFileName } from '../import/scans'
import { openStaging, stagedName, type Staging } from '../import/staging'
import type { ServiceContext } from './context'
import { importFromPaths, importFromSources, type ImportUseCaseOptions } from './importing'
import { jobRegistry, oneLine, type Job } from './jobs'

/**
 * The app's import, as a job like its export: the window starts it, sends the files in large
 * batches (kept on disk until the import takes them: staging.ts), and runs it; or the desktop
 * menu starts it with paths. Either way the pages are analysed on worker threads while the
 * server or the IPC handler goes on answering, importStatus reports the files done, the one in
 * the works and every failure by name, one suggestion pass follows the whole import, and a
 * cancel stops it: the pages stored before it stay, each whole; the rest are not imported.
 */

type Upload = ApiArgs<'sendImportFiles'>['files'][number]

/** An upload nobody sends to or runs for this long was abandoned (the tab closed): it is dropped. */
const IDLE_MS = 10 * 60 * 1000
/** Imports at once: they share the disk and the workers; more would only wait. */
const MAX_UNFINISHED = 3

interface Receiving {
  staging: Staging
  /** Page files in the order they came, and refusals in their place. */
  sources: PageSource[]
  /** Scans that did not arrive whole: their pages are imported without them. */
  badScans: ImportItemResult[]
  /** The writes of the requests so far, in order. */
  writes: Promise<void>
  go: () => void
  idle: ReturnType<typeof setTimeout> | null
}

/** Where new pages go: the edition (else named from the files) and its publication (else named from the edition). */
interface Place {
  edition?: string | undefined
  publication?: string | undefined
}

export interface ImportJobs {
  handlers: Pick<Handlers, 'importFiles' | 'startImport' | 'sendImportFiles' | 'runImport' | 'importStatus' | 'cancelImport' | 'listImportJobs'>
  /** Files and folders named on this machine (the desktop shell's menu), as a job the window follows. */
  startFromPaths: (paths: readonly string[], options?: Place) => ImportJob
  /** Cancels every import under way and answers once all have stopped (the app quits). */
  stopAll: () => Promise<void>
}

const finished = (s: ImportJob): boolean => s.state === 'done' || s.state === 'failed' || s.state === 'cancelled'

function newStatus(jobId: number, origin: ImportJob['origin']): ImportJob {
  return {
    jobId,
    state: origin === 'upload' ? 'receiving' : 'running',
    origin,
    received: 0,
    done: 0,
    total: 0,
    current: null,
    imported: 0,
    unchanged: 0,
    failed: 0,
    failures: [],
    checked: 0,
    toCheck: 0,
    report: null,
    notImported: 0,
    error: null
  }
}

function snapshot(job: Job<ImportJob>): ImportJob {
  const s = job.status
  return { ...s, failures: [...s.failures], report: s.report && { ...s.report, items: [...s.report.items] } }
}

export function importJobs(ctx: ServiceContext): ImportJobs {
  const jobs = jobRegistry<ImportJob>('import', finished)
  const receiving = new Map<number, Receiving>()

  const checkRoom = (): void => {
    const unfinished = jobs.count((s) => !finished(s))
    if (unfinished >= MAX_UNFINISHED) throw new ApiError('conflict', `${unfinished} imports are already under way; wait for one to finish`)
  }

  /** What every import job does once its files are known: the one import use case, reported as it goes. */
  const options = (job: Job<ImportJob>, { edition, publication }: Place): ImportUseCaseOptions => {
    const { status } = job
    return {
      ...(ctx.propose ? { propose: ctx.propose } : {}),
      ...(edition ? { edition } : {}),
      ...(publication ? { publication } : {}),
      // The server's and the window's thread stays free: decoding, analysis and detection on workers.
      offThread: !ctx.propose,
      signal: job.controller.signal,
      onCurrent: (source) => (status.current = source),
      onProgress: (done, total, item) => {
        status.done = done
        status.total = total
        if (item.status === 'imported') status.imported++
        else if (item.status === 'unchanged') status.unchanged++
        else {
          status.failed++
          status.failures.push({ source: item.source, reason: item.reason ?? 'failed' })
        }
      },
      onChecking: (done, total) => {
        status.state = 'checking'
        status.current = null
        status.checked = done
        status.toCheck = total
      }
    }
  }

  /** How a job ends, whatever its files. */
  const conclude = async (job: Job<ImportJob>, run: () => Promise<ImportReport>): Promise<void> => {
    const { status } = job
    try {
      const report = await run()
      status.report = report
      status.current = null
      // The report has the last word: it also names what failed before any page was read (a
      // broken link in a folder, a scan that did not arrive whole).
      status.imported = report.imported
      status.unchanged = report.unchanged
      status.failed = report.failed
      status.failures = report.items.filter((i) => i.status === 'failed').map((i) => ({ source: i.source, reason: i.reason ?? 'failed' }))
      if (job.controller.signal.aborted) {
        status.state = 'cancelled'
        status.notImported = Math.max(0, status.total - status.done)
      } else status.state = 'done'
    } catch (error) {
      status.state = 'failed'
      status.current = null
      status.error = oneLine(error, 'import failed')
      job.failure = error
    }
  }

  const startUpload = (place: Place, limited = true): Job<ImportJob> => {
    if (limited) checkRoom()
    const staging = openStaging(ctx.databasePath)
    return jobs.add(
      (jobId) => newStatus(jobId, 'upload'),
      async (job) => {
        let go!: () => void
        const started = new Promise<void>((resolve) => (go = resolve))
        const upload: Receiving = { staging, sources: [], badScans: [], writes: Promise.resolve(), go, idle: null }
        receiving.set(job.status.jobId, upload)
        const signal = job.controller.signal
        signal.addEventListener('abort', go, { once: true })
        touch(job, upload)
        try {
          await started
          if (upload.idle) clearTimeout(upload.idle)
          receiving.delete(job.status.jobId)
          await upload.writes
          if (signal.aborted) {
            job.status.state = 'cancelled'
            job.status.notImported = upload.sources.length
            job.status.report = { imported: 0, unchanged: 0, failed: 0, items: [] }
            return
          }
          job.status.state = 'running'
          job.status.total = upload.sources.length
          await conclude(job, async () => {
            const images = folderImageFinder()
            const sources = upload.sources.map((s) => (s.path !== undefined ? { ...s, findImage: images(s.path) } : s))
            const report = await importFromSources(ctx.db, sources, options(job, place))
            if (upload.badScans.length === 0) return report
            return { ...report, failed: report.failed + upload.badScans.length, items: [...report.items, ...upload.badScans] }
          })
        } finally {
          receiving.delete(job.status.jobId)
          if (upload.idle) clearTimeout(upload.idle)
          staging.remove()
        }
      }
    )
  }

  const touch = (job: Job<ImportJob>, upload: Receiving): void => {
    if (upload.idle) clearTimeout(upload.idle)
    upload.idle = setTimeout(() => job.controller.abort(), IDLE_MS)
    upload.idle.unref?.()
  }

  const upload = (jobId: number): { job: Job<ImportJob>; upload: Receiving } => {
    const job = jobs.find(jobId)
    const found = receiving.get(jobId)
    if (!found || job.status.state !== 'receiving' || job.controller.signal.aborted) {
      throw new ApiError('conflict', `import job ${jobId} is ${job.status.state === 'receiving' ? 'started' : job.status.state}: it takes no more files`)
    }
    return { job, upload: found }
  }

  const receive = (job: Job<ImportJob>, target: Receiving, files: readonly Upload[]): Promise<void> => {
    // Each file is judged on its own: one too large, not base64 or refused by the window fails
    // alone, in its place. Decoded here, written by the file system's threads.
    const writes = files.map((file) => {
      const name = stagedName(file.name)
      const folder = file.folder ?? ''
      const shown = (name ?? file.name).slice(-255)
      const source = folder ? `${folder}/${shown}` : shown
      const scan = name !== null && isScanFileName(name)
      const refuse = (reason: string): void => {
        if (scan) target.badScans.push({ source, status: 'failed', reason })
        else target.sources.push({ source, fileName: shown, folderName: path.basename(folder.replace(/\\/g, '/')), size: 0, refused: reason, read: () => new Uint8Array() })
      }
      const data = file.dataBase64 ?? ''
      const size = base64Size(data)
      const why =
        file.refused ??
        (name === null
          ? `not a file name: ${JSON.stringify(file.name)}`
          : // A page over the limit fails on its size, without being decoded.
            !scan && size > MAX_PAGE_BYTES
            ? `file too large (${(size / 1024 / 1024).toFixed(1)} MB, the limit is 20 MB)`
            : isBase64(data)
              ? null
              : 'the upload is not valid base64 (the file was not sent whole)')
      if (why !== null || name === null) {
        refuse(why ?? 'not sent')
        return null
      }
      // The page's place in the order is taken now; its file is there before the import starts.
      const slot = scan ? null : target.sources.push(placeholder(source)) - 1
      return target.staging.add(name, folder, Buffer.from(data, 'base64')).then(
        (staged) => {
          job.status.received++
          if (slot === null) return
          target.sources[slot] = {
            source,
            fileName: staged.name,
            folderName: path.basename(folder.replace(/\\/g, '/')),
            path: staged.path,
            size,
            read: () => fs.readFileSync(staged.path)
          }
        },
        (error: unknown) => {
          const reason = `cannot keep the upload: ${oneLine(error, 'write failed')}`
          if (slot === null) target.badScans.push({ source, status: 'failed', reason })
          else target.sources[slot] = { ...placeholder(source), refused: reason }
        }
      )
    })
    const settled = target.writes.then(() => Promise.all(writes)).then(() => undefined)
    target.writes = settled
    return settled
  }

  const awaitReport = async (job: Job<ImportJob>): Promise<ImportReport> => {
    await job.settled
    const { state, report } = job.status
    if (state === 'done' && report) return report
    throw job.failure ?? new ApiError('conflict', `import ${state}`)
  }

  const handlers: ImportJobs['handlers'] = {
    startImport: ({ edition, publication }) => snapshot(startUpload({ edition, publication })),
    sendImportFiles: async ({ jobId, files }) => {
      const { job, upload: target } = upload(jobId)
      touch(job, target)
      await receive(job, target, files)
      return snapshot(job)
    },
    runImport: ({ jobId }) => {
      const { job, upload: target } = upload(jobId)
      job.status.state = 'running'
      target.go()
      return snapshot(job)
    },
    importStatus: ({ jobId }) => snapshot(jobs.find(jobId)),
    // Answers once the job has stopped: what it stored stays, and the answer says how much.
    cancelImport: async ({ jobId }) => snapshot(await jobs.cancel(jobId)),
    listImportJobs: () =>
      jobs
        .all()
        .map(snapshot)
        .sort((a, b) => b.jobId - a.jobId),
    // The same job in one call, awaited: scripts and the tests' set-up.
    importFiles: async ({ files, edition, publication }) => {
      const job = startUpload({ edition, publication }, false)
      const target = receiving.get(job.status.jobId)!
      await receive(job, target, files)
      target.go()
      return awaitReport(job)
    }
  }

  return {
    handlers,
    startFromPaths: (paths, place = {}) => {
      checkRoom()
      const job = jobs.add(
        (jobId) => newStatus(jobId, 'paths'),
        (j) => conclude(j, () => importFromPaths(ctx.db, paths, options(j, place)))
      )
      return snapshot(job)
    },
    stopAll: async () => {
      await Promise.all(
        jobs
          .all()
          .filter((j) => !finished(j.status))
          .map((j) => jobs.cancel(j.status.jobId))
      )
    }
  }
}

function placeholder(source: string): PageSource {
  return { source, fileName: source, folderName: '', size: 0, refused: 'the upload did not arrive', read: () => new Uint8Array() }
}

function base64Size(data: string): number {
  return Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0)
}

// Standard base64 as FileReader.readAsDataURL and Buffer write it: Buffer.from would skip any
// other character without a word and import what is left. (A loop: a regular expression over
// a 27 MB string runs out of stack.)
function isBase64(data: string): boolean {
  if (data.length % 4 !== 0) return false
  const pad = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0
  for (let i = 0; i < data.length - pad; i++) {
    const c = data.charCodeAt(i)
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47
    if (!ok) return false
  }
  return true
}
