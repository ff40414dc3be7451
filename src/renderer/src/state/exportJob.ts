import type { ApiArgs } from '../../../shared/api'
import type { ExportJob } from '../../../shared/types'
import { api } from '../api/client'
import { Store } from './store'

// The export dialog's job: started on the server, polled for its progress, cancellable. It
// lives beside the workbench rather than in the dialog, so that closing the dialog does not
// lose a running export and reopening it shows where it is.

export interface ExportState {
  job: ExportJob | null
  /** Why the export could not start, or its status could not be read: one line. */
  error: string | null
  /** Between the click and the server's answer. */
  starting: boolean
  cancelling: boolean
}

const oneLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!

export class ExportRunner {
  readonly store = new Store<ExportState>({ job: null, error: null, starting: false, cancelling: false })
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly pollMs = 150) {}

  get busy(): boolean {
    const { job, starting } = this.store.get()
    return starting || job?.state === 'running'
  }

  async start(request: ApiArgs<'startExport'>): Promise<void> {
    if (this.busy) return
    this.store.set({ starting: true, error: null, job: null, cancelling: false })
    try {
      const job = await api.startExport(request)
      this.store.set({ job, starting: false })
      this.poll(job.jobId)
    } catch (error) {
      this.store.set({ starting: false, error: oneLine(error) })
    }
  }

  async cancel(): Promise<void> {
    const job = this.store.get().job
    if (!job || job.state !== 'running') return
    this.store.set({ cancelling: true })
    try {
      // Answers once the job has stopped and its half-written folder is gone.
      const stopped = await api.cancelExport({ jobId: job.jobId })
      this.stopPolling()
      this.store.set({ job: stopped, cancelling: false })
    } catch (error) {
      this.store.set({ cancelling: false, error: oneLine(error) })
    }
  }

  dispose(): void {
    this.stopPolling()
  }

  private poll(jobId: number): void {
    this.stopPolling()
    this.timer = setTimeout(() => {
      this.timer = null
      void api.exportStatus({ jobId }).then(
        (job) => {
          // A cancel may have answered meanwhile: its final state stands.
          const current = this.store.get().job
          if (current?.jobId !== jobId || current.state !== 'running') return
          this.store.set({ job })
          if (job.state === 'running') this.poll(jobId)
        },
        // The job is out of sight (the server restarted?): say so, and let the editor start again.
        (error: unknown) => this.store.set({ job: null, error: oneLine(error) })
      )
    }, this.pollMs)
  }

  private stopPolling(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
