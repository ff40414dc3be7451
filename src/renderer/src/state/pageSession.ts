import type { RevisionCommitted } from '../../../shared/api'
import type { ArticleRecord, PageDetail } from '../../../shared/types'
import { api, GalleyError } from '../api/client'
import { Autosaver } from './autosave'
import { sameBoundaries, spansFromRecords, toPayload, type Span } from './boundaries'
import type { WorkbenchHost } from './host'

// Keystroke to saved revision must stay under half a second: a save takes a few milliseconds at
// 10,000 pages, so a pause of 150 ms saves, and continuous typing is flushed after 300 ms.
const DEBOUNCE_MS = 150
const MAX_WAIT_MS = 300

interface Session {
  pageId: number
  revisionId: number
  savedText: string
  /** The boundaries the store holds for revisionId. */
  syncedSpans: Span[]
  structureDirty: boolean
  autosaver: Autosaver
}

export interface SessionEvents {
  /** A page was opened (its text is in the editor). */
  opened(detail: PageDetail): void
  /** A save was stored; `sent` are the boundaries it carried. */
  saved(result: RevisionCommitted, sent: readonly Span[]): void
  /** The boundaries alone were stored (a structure edit without a text change). */
  structured(records: readonly ArticleRecord[], sent: readonly Span[]): void
}

const isConflict = (error: unknown): boolean => error instanceof GalleyError && error.code === 'conflict'

/**
 * The open page: opening it, saving what the editor does to it (text and boundaries in one
 * request), and conflicts with changes made elsewhere. The controllers listen to it.
 */
export class PageSession {
  private session: Session | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private opening = 0
  private readonly listeners: Partial<SessionEvents>[] = []

  constructor(private readonly host: WorkbenchHost) {}

  listen(events: Partial<SessionEvents>): void {
    this.listeners.push(events)
  }

  private emit<E extends keyof SessionEvents>(event: E, ...args: Parameters<SessionEvents[E]>): void {
    for (const l of this.listeners) (l[event] as ((...a: Parameters<SessionEvents[E]>) => void) | undefined)?.(...args)
  }

  get pageId(): number | null {
    return this.session?.pageId ?? null
  }

  get revisionId(): number | null {
    return this.session?.revisionId ?? null
  }

  /** The store holds the boundaries shown, and no structure edit waits to be saved. */
  structureSynced(spans: readonly Span[]): boolean {
    return !!this.session && !this.session.structureDirty && sameBoundaries(spans, this.session.syncedSpans)
  }

  /** After a status change the store made itself: what it holds now. */
  updateSynced(update: (spans: Span[]) => Span[]): void {
    if (this.session) this.session.syncedSpans = update(this.session.syncedSpans)
  }

  async open(pageId: number, reveal?: { offset: number; length?: number }): Promise<void> {
    const { store } = this.host
    const ticket = ++this.opening
    if (this.session) {
      await this.session.autosaver.flush()
      if (this.session.autosaver.isHalted) {
        this.host.notify('save.conflict')
        return
      }
    }
    store.set({ loading: true })
    try {
      const detail = await api.getPage({ pageId })
      if (ticket !== this.opening) return
      this.session?.autosaver.dispose()
      const autosaver: Autosaver = new Autosaver({
        debounceMs: DEBOUNCE_MS,
        maxWaitMs: MAX_WAIT_MS,
        save: () => this.enqueue(() => this.sync(session)),
        isConflict,
        onStatus: (save, error) => {
          if (this.session === session) store.set({ save, saveError: error?.message ?? null })
        }
      })
      const session: Session = {
        pageId,
        revisionId: detail.revision.id,
        savedText: detail.revision.text,
        syncedSpans: spansFromRecords(detail.articles),
        structureDirty: false,
        autosaver
      }
      this.session = session
      const port = this.host.port()
      port?.open(pageId, detail.originalText, detail.revision.text)
      store.set({ pageId, page: detail.page, revisionId: detail.revision.id, save: 'saved', saveError: null, loading: false })
      this.emit('opened', detail)
      this.host.updatePageSummary(detail.page)
      if (reveal) port?.revealOffset(reveal.offset, reveal.length)
      port?.focus()
    } catch (error) {
      store.set({ loading: false })
      this.host.fail(error)
    }
  }

  /** The text or the boundaries changed: save soon. */
  changed(): void {
    this.session?.autosaver.changed()
  }

  /** The boundaries were edited: save them now (after any pending text). */
  async structureChanged(): Promise<void> {
    const session = this.session
    if (!session) return
    session.structureDirty = true
    session.autosaver.changed()
    await session.autosaver.flush()
  }

  /** Saves pending text with the boundaries, or the boundaries alone if only they moved; runs inside the queue. */
  private async sync(session: Session): Promise<void> {
    const port = this.host.port()
    if (session !== this.session || !port) return
    const text = port.text()
    const spans = this.host.store.get().spans
    if (text !== session.savedText) {
      const result = await api.saveRevision({ pageId: session.pageId, baseRevisionId: session.revisionId, text, articles: toPayload(spans) })
      session.revisionId = result.revisionId
      session.savedText = text
      session.structureDirty = false
      session.syncedSpans = spansFromRecords(result.articles)
      if (session === this.session) {
        this.host.store.set({ revisionId: result.revisionId })
        this.host.updatePageSummary(result.page)
        this.emit('saved', result, spans)
      }
      return
    }
    if (session.structureDirty || !sameBoundaries(spans, session.syncedSpans)) {
      session.structureDirty = false
      const records = await api.updateArticles({ pageId: session.pageId, revisionId: session.revisionId, articles: toPayload(spans) })
      session.syncedSpans = spansFromRecords(records)
      if (session === this.session) {
        this.host.updatePageSummary({ id: session.pageId, articleCount: records.filter((r) => r.kind !== 'furniture').length })
        this.emit('structured', records, spans)
      }
    }
  }

  /** Runs after everything queued before it (saves, decisions): one request at a time. */
  enqueue<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run)
    this.queue = next.catch(() => undefined)
    return next
  }

  /** Saves everything now; the caller waits for the store to have it. */
  async flush(): Promise<boolean> {
    const session = this.session
    if (!session) return true
    session.autosaver.changed()
    await session.autosaver.flush()
    return !session.autosaver.isHalted && !session.autosaver.isDirty
  }

  /** Leaving the page (tab hidden, closed, reloaded): start the save at once. */
  flushForUnload(): void {
    const session = this.session
    if (session && (session.autosaver.isDirty || session.structureDirty)) void session.autosaver.flush()
  }

  /**
   * Whether another window saved the page since we last did (checked when this one comes back
   * to the front): with nothing unsaved here the newer text is shown; with unsaved work the
   * conflict is shown, never "saved" over text that is not the store's.
   */
  async checkFresh(): Promise<void> {
    const session = this.session
    if (!session || session.autosaver.isHalted) return
    try {
      const newest = await this.enqueue(async () => (await api.listRevisions({ pageId: session.pageId }))[0])
      if (session !== this.session || !newest || newest.id === session.revisionId) return
      if (session.autosaver.isDirty) {
        session.autosaver.stale(new Error(`page ${session.pageId} was saved elsewhere (revision ${newest.id})`))
        return
      }
      await this.reopen()
      this.host.notify('save.changedElsewhere')
    } catch (error) {
      this.host.fail(error)
    }
  }

  /** Opens the page again from the store, dropping what this session held (after a restore or a conflict). */
  async reopen(): Promise<void> {
    const session = this.session
    if (!session) return
    session.autosaver.dispose()
    this.session = null
    await this.open(session.pageId)
  }

  /** After a conflict: take the store's version and drop ours. */
  async reloadPage(): Promise<void> {
    this.session?.autosaver.reset()
    await this.reopen()
  }

  /** After a conflict: our text becomes a new revision on top of theirs (theirs stays in history). */
  async keepMine(): Promise<void> {
    const session = this.session
    if (!session) return
    try {
      const latest = await api.getPage({ pageId: session.pageId })
      session.revisionId = latest.revision.id
      session.savedText = latest.revision.text
      session.structureDirty = true
      session.autosaver.resume()
      session.autosaver.changed()
      await session.autosaver.flush()
    } catch (error) {
      this.host.fail(error)
    }
  }
}
