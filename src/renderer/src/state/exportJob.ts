import type { ApiArgs } from '../../../shared/api'
import type { ExportJob } from '../../../shared/types'
import { api } from '../api/client'
import { Store } from './store'
import { JobPoller, oneLine } from './jobPoller'

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

export class ExportRunner {
  readonly store = new Store<ExportState>({ job: null, error: null, starting: false, cancelling: false })
  private readonly poller: JobPoller<ExportJob>

  constructor(pollMs = 150) {
    this.poller = new JobPoller((jobId) => api.exportStatus({ jobId }), (job) => job.state === 'running', pollMs)
  }

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
      this.poller.follow(
        job.jobId,
        (seen) => this.store.set({ job: seen }),
        // The job is out of sight (the server restarted?): say so, and let the editor start again.
        (error) => this.store.set({ job: null, error: oneLine(error) })
      )
    } catch (error) {
      this.store.set({ starting: false, error: oneLine(error) })
    }
  }

  async cancel(): Promise<void> {
    const job = this.store.get().job
    if (!job || job.state !== 'running') return
    this.store.set({ cancelling: true })
    // Answers once the job has stopped and its half-written folder is gone.
    const outcome = await this.poller.cancel(() => api.cancelExport({ jobId: job.jobId }))
    this.store.set({ cancelling: false, ...outcome })
  }

  dispose(): void {
    this.poller.stop()
  }
}
