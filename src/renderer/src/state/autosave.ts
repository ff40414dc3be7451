// Autosave as plain logic: every change is saved shortly after the last keystroke and never
// later than maxWait after the first unsaved one; one save runs at a time; a conflict stops
// saving until the editor decides what to do.

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'conflict' | 'error'

export interface Timers {
  set: (run: () => void, ms: number) => unknown
  clear: (handle: unknown) => void
  now: () => number
}

export interface AutosaveOptions {
  debounceMs: number
  maxWaitMs: number
  retryMs?: number
  /** Saves whatever is unsaved; resolves when stored. */
  save: () => Promise<void>
  onStatus: (status: SaveStatus, error?: Error) => void
  isConflict: (error: unknown) => boolean
  timers?: Timers
}

const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now()
}

export class Autosaver {
  private dirty = false
  private firstDirtyAt = 0
  private timer: unknown = null
  private running: Promise<void> | null = null
  private halted = false
  private readonly timers: Timers

  constructor(private readonly options: AutosaveOptions) {
    this.timers = options.timers ?? realTimers
  }

  get isDirty(): boolean {
    return this.dirty
  }

  get isHalted(): boolean {
    return this.halted
  }

  /** Something changed: save soon. */
  changed(): void {
    const now = this.timers.now()
    if (!this.dirty) {
      this.dirty = true
      this.firstDirtyAt = now
      if (!this.halted && !this.running) this.options.onStatus('pending')
    }
    if (this.halted) return
    const wait = Math.max(0, Math.min(this.options.debounceMs, this.firstDirtyAt + this.options.maxWaitMs - now))
    this.arm(wait)
  }

  /** Saves now and resolves once nothing unsaved is left (or saving is halted). */
  async flush(): Promise<void> {
    this.disarm()
    while (!this.halted) {
      if (this.running) {
        await this.running.catch(() => undefined)
        continue
      }
      if (!this.dirty) return
      await this.runSave().catch(() => undefined)
      if (this.dirty && !this.halted && this.running === null && this.lastFailed) return
    }
  }

  /** After a conflict is resolved: saving may go on. */
  resume(): void {
    this.halted = false
    if (this.dirty) this.arm(0)
    else this.options.onStatus('saved')
  }

  /** The store moved on without us (another window saved): stop, as after a refused save. */
  stale(error: Error): void {
    this.disarm()
    this.halted = true
    this.options.onStatus('conflict', error)
  }

  /** Forget unsaved changes (the page was reloaded from the store). */
  reset(): void {
    this.disarm()
    this.dirty = false
    this.halted = false
    this.options.onStatus('saved')
  }

  dispose(): void {
    this.disarm()
    this.halted = true
  }

  private lastFailed = false

  private arm(ms: number): void {
    this.disarm()
    this.timer = this.timers.set(() => {
      this.timer = null
      void this.runSave().catch(() => undefined)
    }, ms)
  }

  private disarm(): void {
    if (this.timer !== null) this.timers.clear(this.timer)
    this.timer = null
  }

  private runSave(): Promise<void> {
    if (this.running) return this.running
    if (!this.dirty || this.halted) return Promise.resolve()
    // Changes made while this save runs mark the saver dirty again.
    this.dirty = false
    this.options.onStatus('saving')
    const run = this.options.save().then(
      () => {
        this.running = null
        this.lastFailed = false
        if (this.dirty) {
          this.options.onStatus('pending')
          if (this.timer === null && !this.halted) this.arm(0)
        } else this.options.onStatus('saved')
      },
      (error: unknown) => {
        this.running = null
        this.lastFailed = true
        this.dirty = true
        if (this.options.isConflict(error)) {
          this.halted = true
          this.disarm()
          this.options.onStatus('conflict', error as Error)
        } else {
          this.options.onStatus('error', error as Error)
          this.arm(this.options.retryMs ?? 2000)
        }
        throw error
      }
    )
    this.running = run
    return run
  }
}
