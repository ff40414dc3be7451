// A job on the server (an export, an import) is followed by asking for its status every so
// often until it is no longer running. One poller a runner: following another job stops the first.

export class JobPoller<J extends { jobId: number }> {
  private timer: ReturnType<typeof setTimeout> | null = null
  private following: number | null = null

  constructor(
    private readonly read: (jobId: number) => Promise<J>,
    private readonly running: (job: J) => boolean,
    private readonly pollMs: number
  ) {}

  /** Calls `seen` with each status read until the job stops running; `lost` when it cannot be read. */
  follow(jobId: number, seen: (job: J) => void, lost: (error: unknown) => void): void {
    this.stop()
    this.following = jobId
    const tick = (): void => {
      this.timer = setTimeout(() => {
        this.timer = null
        void this.read(jobId).then(
          (job) => {
            // Stopped meanwhile (a cancel answered, another job followed): that answer stands.
            if (this.following !== jobId) return
            seen(job)
            if (this.running(job)) tick()
            else this.following = null
          },
          (error: unknown) => {
            if (this.following !== jobId) return
            this.following = null
            lost(error)
          }
        )
      }, this.pollMs)
    }
    tick()
  }

  /**
   * Cancels the job through `cancel` (answered once the job has stopped): the polling stops and
   * the stopped job stands, or why it could not be cancelled, in one line.
   */
  async cancel(cancel: () => Promise<J>): Promise<{ job: J } | { error: string }> {
    try {
      const job = await cancel()
      this.stop()
      return { job }
    } catch (error) {
      return { error: oneLine(error) }
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.following = null
  }
}

export const oneLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!
