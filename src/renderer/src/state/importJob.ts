import { MAX_PAGE_BYTES } from '../../../shared/limits'
import type { ApiArgs } from '../../../shared/api'
import type { ImportJob } from '../../../shared/types'
import { api } from '../api/client'
import { folderOf } from '../importing/batches'
import { relativePathOf } from '../importing/dropped'
import { planGroupedBatches } from '../importing/scanGroups'
import { JobPoller, oneLine } from './jobPoller'
import { Store } from './store'

// The import dialog's job (core/services/importJobs.ts): the window starts it, sends the files
// in large batches, runs it and follows it to the end; or follows one the desktop menu started
// with paths. It lives beside the workbench, so that the dialog can be reopened on it.

type Upload = ApiArgs<'sendImportFiles'>['files'][number]

export interface ImportState {
  job: ImportJob | null
  /** Files of the selection sent so far, of `toSend`; the rest of a cancelled upload were never sent. */
  sent: number
  toSend: number
  sending: boolean
  cancelling: boolean
  /** Why the import could not start or go on: one line. */
  error: string | null
}

/** A request of at most this many files and bytes (the server takes 30 MB a request). */
const BATCH_FILES = 200
const BATCH_BYTES = 8 * 1024 * 1024

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`))
    reader.readAsDataURL(file)
  })
}

/** A file as the request carries it: its contents, or why they cannot come. */
async function toUpload(file: File): Promise<Upload> {
  const folder = folderOf(relativePathOf(file))
  const named = { name: file.name.slice(-255), ...(folder ? { folder } : {}) }
  // A file over the limit is refused here, by name, without sending it.
  if (file.size > MAX_PAGE_BYTES) return { ...named, refused: `file too large (${(file.size / 1024 / 1024).toFixed(1)} MB, the limit is 20 MB)` }
  try {
    return { ...named, dataBase64: await readBase64(file) }
  } catch (error) {
    return { ...named, refused: `cannot read the file: ${oneLine(error)}` }
  }
}

const unfinished = (job: ImportJob): boolean => job.state === 'receiving' || job.state === 'running' || job.state === 'checking'

export class ImportRunner {
  readonly store = new Store<ImportState>({ job: null, sent: 0, toSend: 0, sending: false, cancelling: false, error: null })
  private readonly poller: JobPoller<ImportJob>
  private stopSending = false

  constructor(pollMs = 200) {
    this.poller = new JobPoller((jobId) => api.importStatus({ jobId }), unfinished, pollMs)
  }

  get busy(): boolean {
    const { job, sending } = this.store.get()
    return sending || (job !== null && unfinished(job))
  }

  /** Sends the files (pages with their scans, a group to a request) and runs the import. */
  async start(files: readonly File[], edition: string | undefined, publication?: string): Promise<void> {
    if (this.busy) return
    this.stopSending = false
    this.store.set({ job: null, sent: 0, toSend: files.length, sending: true, cancelling: false, error: null })
    let job: ImportJob
    try {
      job = await api.startImport({ ...(edition ? { edition } : {}), ...(publication ? { publication } : {}) })
      // Cancelled before the server answered: this job is dropped at once.
      if (this.stopSending) {
        this.store.set({ job: await api.cancelImport({ jobId: job.jobId }), sending: false, cancelling: false })
        return
      }
      this.store.set({ job })
      for (const batch of planGroupedBatches(files.map((f) => ({ path: relativePathOf(f), size: f.size })), BATCH_FILES, BATCH_BYTES)) {
        if (this.stopSending) break
        job = await this.send(job.jobId, await Promise.all(batch.map((i) => toUpload(files[i]!))))
        this.store.set({ job, sent: this.store.get().sent + batch.length })
      }
      if (this.stopSending) return
      job = await api.runImport({ jobId: job.jobId })
      this.store.set({ job, sending: false })
      this.follow(job.jobId)
    } catch (error) {
      // A cancel answered meanwhile: its own answer stands.
      if (!this.stopSending) this.store.set({ sending: false, error: oneLine(error) })
    }
  }

  /**
   * A request the connection drops is sent again a file at a time, so that one file the
   * transport refuses (too large for a request, say) fails alone, with its reason.
   */
  private async send(jobId: number, files: Upload[]): Promise<ImportJob> {
    try {
      return await api.sendImportFiles({ jobId, files })
    } catch (error) {
      // The job itself refuses (cancelled meanwhile, gone): nothing more to send.
      if (this.stopSending || (error as { code?: string }).code === 'conflict' || (error as { code?: string }).code === 'not-found') throw error
      if (files.length === 1) return api.sendImportFiles({ jobId, files: [{ name: files[0]!.name, ...(files[0]!.folder ? { folder: files[0]!.folder } : {}), refused: oneLine(error) }] })
    }
    let job: ImportJob | null = null
    for (const file of files) job = await this.send(jobId, [file])
    return job!
  }

  /** Follows a job started elsewhere (the desktop menu's import by path): the newest one under way. */
  async followLatest(): Promise<void> {
    try {
      const job = (await api.listImportJobs({})).find(unfinished)
      if (!job || this.busy) return
      this.store.set({ job, sent: 0, toSend: 0, sending: false, cancelling: false, error: null })
      this.follow(job.jobId)
    } catch (error) {
      this.store.set({ error: oneLine(error) })
    }
  }

  /** Stops the upload or the import: pages stored before stay, the rest are not imported. */
  async cancel(): Promise<void> {
    const { job } = this.store.get()
    if (!this.busy) return
    this.stopSending = true
    this.store.set({ cancelling: true })
    if (!job) return
    // Answers once the job has stopped, with what it stored.
    const outcome = await this.poller.cancel(() => api.cancelImport({ jobId: job.jobId }))
    this.store.set({ sending: false, cancelling: false, ...outcome })
  }

  dispose(): void {
    this.poller.stop()
  }

  private follow(jobId: number): void {
    this.poller.follow(
      jobId,
      (job) => this.store.set({ job }),
      (error) => this.store.set({ error: oneLine(error) })
    )
  }
}
