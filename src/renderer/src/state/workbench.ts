import type { ArticleKind, ArticleStatus, PageSummary, SearchHit, SuggestionRecord } from '../../../shared/types'
import { api, GalleyError } from '../api/client'
import { saveLocale, translator, type Locale, type MessageKey, type Translate } from '../i18n'
import { initialState, type AppState, type Panel } from './appState'
import type { Settings } from '../../../shared/settings'
import { Autosaver } from './autosave'
import { ExportRunner } from './exportJob'
import { applyChange, mergeWithPrevious, nextKind, sameBoundaries, spanAt, spansFromRecords, splitAt, toPayload, type Span, type TextChange } from './boundaries'
import type { EditorEvents, EditorPort } from './editorPort'
import { Store } from './store'
import { orderPages } from './sidebarRows'

const DEBOUNCE_MS = 300
// Keystroke to saved revision must stay under a second: the save itself takes 20-60 ms at
// 10,000 pages, more on a busy machine, so continuous typing is flushed after 700 ms.
const MAX_WAIT_MS = 700

interface Session {
  pageId: number
  revisionId: number
  savedText: string
  /** The boundaries the store holds for revisionId. */
  syncedSpans: Span[]
  structureDirty: boolean
  autosaver: Autosaver
}

const isConflict = (error: unknown): boolean => error instanceof GalleyError && error.code === 'conflict'

/** The editor's workflow: pages, autosave, structure, suggestions, history. Components only call it. */
export class Workbench implements EditorEvents {
  readonly store: Store<AppState>
  /** The export dialog's job, kept here so that it outlives the dialog. */
  readonly exports = new ExportRunner()
  t: Translate
  private port: EditorPort | null = null
  private session: Session | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private opening = 0

  constructor(locale: Locale) {
    this.store = new Store(initialState(locale))
    this.t = translator(locale)
  }

  attach(port: EditorPort | null): void {
    this.port = port
  }

  // ---- app and lists

  async init(): Promise<void> {
    try {
      const info = await api.appInfo({})
      this.store.set({ mode: info.mode, database: info.database, recovery: info.recovery })
      // In recovery every other call is refused: the recovery screen is all there is.
      if (info.recovery) return
    } catch (error) {
      this.fail(error)
    }
    await Promise.all([this.refreshLists(), this.loadSettings()])
  }

  private async loadSettings(): Promise<void> {
    try {
      const settings = await api.getSettings({})
      this.store.set({ settings })
      // The store's choice wins over this browser's cached one (browser mode changes origin with its port).
      if (settings.locale && settings.locale !== this.store.get().locale) this.showLocale(settings.locale)
    } catch (error) {
      this.fail(error)
    }
  }

  /** Resolves to false when the store refused (the error is shown). */
  async updateSettings(patch: Partial<Settings>): Promise<boolean> {
    try {
      this.store.set({ settings: await api.updateSettings(patch) })
      return true
    } catch (error) {
      this.fail(error)
      return false
    }
  }

  /** Puts the backup the recovery screen names in place of the damaged database, then loads the workbench. */
  async restoreNewestBackup(): Promise<void> {
    const backup = this.store.get().recovery?.backup
    if (!backup) return
    try {
      const result = await api.restoreNewestBackup({ backup: backup.file })
      this.store.set({ recovery: null, restored: result.restored ? result : null, error: null })
    } catch (error) {
      this.fail(error)
    }
    // Either way, what appInfo says now decides the screen (a newer backup may have to be shown first).
    await this.init()
  }

  setLocale(locale: Locale): void {
    this.showLocale(locale)
    void this.updateSettings({ locale })
  }

  private showLocale(locale: Locale): void {
    saveLocale(locale)
    this.t = translator(locale)
    this.store.set({ locale })
    document.documentElement.lang = locale
    const session = this.session
    if (session && this.port) this.store.set({ suggestions: this.port.setSuggestions(this.store.get().suggestions) })
  }

  async refreshLists(): Promise<void> {
    try {
      const [editions, pages] = await Promise.all([api.listEditions({}), api.listPages({})])
      this.store.set({ editions, pages })
    } catch (error) {
      this.fail(error)
    }
  }

  notify(key: MessageKey, params?: Record<string, string | number>): void {
    this.store.set({ notice: this.t(key, params) })
  }

  fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error)
    this.store.set({ error: this.t('error.generic', { message }) })
  }

  setPanel(panel: Panel): void {
    this.store.set({ panel })
    if (panel === 'history') void this.loadRevisions()
  }

  // ---- opening pages

  async openPage(pageId: number, reveal?: { offset: number; length?: number }): Promise<void> {
    const ticket = ++this.opening
    if (this.session) {
      await this.session.autosaver.flush()
      if (this.session.autosaver.isHalted) {
        this.store.set({ notice: this.t('save.conflict') })
        return
      }
    }
    this.store.set({ loading: true })
    try {
      const detail = await api.getPage({ pageId })
      if (ticket !== this.opening) return
      this.session?.autosaver.dispose()
      const spans = spansFromRecords(detail.articles)
      const autosaver: Autosaver = new Autosaver({
        debounceMs: DEBOUNCE_MS,
        maxWaitMs: MAX_WAIT_MS,
        save: () => this.enqueue(() => this.sync(session)),
        isConflict,
        onStatus: (save, error) => {
          if (this.session === session) this.store.set({ save, saveError: error?.message ?? null })
        }
      })
      const session: Session = {
        pageId,
        revisionId: detail.revision.id,
        savedText: detail.revision.text,
        syncedSpans: spans,
        structureDirty: false,
        autosaver
      }
      this.session = session
      this.port?.open(pageId, detail.originalText, detail.revision.text)
      const placed = this.port ? this.port.setSuggestions(detail.suggestions) : detail.suggestions
      this.port?.setSpans(spans)
      this.store.set({
        pageId,
        page: detail.page,
        revisionId: detail.revision.id,
        spans,
        activeSpan: spanAt(spans, this.port?.cursorLine() ?? 0),
        suggestions: placed,
        save: 'saved',
        saveError: null,
        comparing: null,
        revisions: [],
        editingTitle: null,
        loading: false
      })
      this.updatePageSummary(detail.page)
      if (this.store.get().panel === 'history') void this.loadRevisions()
      if (reveal) this.port?.revealOffset(reveal.offset, reveal.length)
      this.port?.focus()
    } catch (error) {
      this.store.set({ loading: false })
      this.fail(error)
    }
  }

  async stepPage(direction: 1 | -1): Promise<void> {
    const { pages, pageId } = this.store.get()
    const ordered = this.orderedPages(pages)
    const at = ordered.findIndex((p) => p.id === pageId)
    const next = ordered[at === -1 ? 0 : at + direction]
    if (!next) {
      this.notify(direction === 1 ? 'notice.lastPage' : 'notice.firstPage')
      return
    }
    await this.openPage(next.id)
  }

  private orderedPages(pages: readonly PageSummary[]): PageSummary[] {
    return orderPages(this.store.get().editions, pages)
  }

  private updatePageSummary(summary: Partial<PageSummary> & { id: number }): void {
    this.store.set((s) => ({
      pages: s.pages.map((p) => (p.id === summary.id ? { ...p, ...summary } : p)),
      page: s.page && s.page.id === summary.id ? { ...s.page, ...summary } : s.page
    }))
  }

  // ---- text changes and saving

  onChange(changes: readonly TextChange[]): void {
    const session = this.session
    if (!session || !this.port) return
    let spans = this.store.get().spans
    const lineCount = this.port.lineCount()
    for (const change of changes) spans = applyChange(spans, change, lineCount)
    if (spans !== this.store.get().spans) {
      this.store.set({ spans, activeSpan: spanAt(spans, this.port.cursorLine()) })
      this.port.setSpans(spans)
    }
    session.autosaver.changed()
  }

  onCursorLine(line: number): void {
    const activeSpan = spanAt(this.store.get().spans, line)
    this.store.set({ activeSpan })
  }

  /** Saves pending text, then the boundaries if they moved; runs inside the queue. */
  private async sync(session: Session): Promise<void> {
    if (session !== this.session || !this.port) return
    const text = this.port.text()
    const spans = this.store.get().spans
    if (text !== session.savedText) {
      const result = await api.saveRevision({ pageId: session.pageId, baseRevisionId: session.revisionId, text })
      session.revisionId = result.revisionId
      session.savedText = text
      if (session === this.session) {
        this.store.set({ revisionId: result.revisionId })
        this.receiveSuggestions(result.suggestions)
        if (this.store.get().page?.status === 'new') this.updatePageSummary({ id: session.pageId, status: 'in-progress' })
        if (this.store.get().panel === 'history') void this.loadRevisions()
      }
    }
    if (session.structureDirty || !sameBoundaries(spans, session.syncedSpans)) {
      session.structureDirty = false
      const records = await api.updateArticles({ pageId: session.pageId, revisionId: session.revisionId, articles: toPayload(spans) })
      const fresh = spansFromRecords(records)
      session.syncedSpans = fresh
      if (session === this.session && this.store.get().spans === spans) {
        this.store.set({ spans: fresh })
        this.port.setSpans(fresh)
      }
      this.updatePageSummary({ id: session.pageId, articleCount: records.length })
    }
  }

  private enqueue<T>(run: () => Promise<T>): Promise<T> {
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

  hasUnsavedWork(): boolean {
    return !!this.session && this.session.autosaver.isDirty
  }

  /** After a conflict: take the store's version and drop ours. */
  async reloadPage(): Promise<void> {
    const session = this.session
    if (!session) return
    session.autosaver.reset()
    this.session = null
    await this.openPage(session.pageId)
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
      this.fail(error)
    }
  }

  // ---- suggestions

  private receiveSuggestions(list: readonly SuggestionRecord[]): void {
    const current = this.store.get().suggestions
    const same = list.length === current.length && list.every((s, i) => s.id === current[i]!.id)
    if (same || !this.port) return
    this.store.set({ suggestions: this.port.setSuggestions(list) })
    this.updatePageSummary({ id: this.session!.pageId, openSuggestions: list.length })
  }

  private dropSuggestions(ids: readonly number[]): void {
    const gone = new Set(ids)
    const left = this.store.get().suggestions.filter((s) => !gone.has(s.id))
    this.store.set({ suggestions: this.port ? this.port.setSuggestions(left) : left })
    if (this.session) this.updatePageSummary({ id: this.session.pageId, openSuggestions: left.length })
  }

  accept(id: number): void {
    this.acceptMany([id])
  }

  acceptRule(rule: string): void {
    this.acceptMany(this.store.get().suggestions.filter((s) => s.rule === rule).map((s) => s.id))
  }

  acceptAtCursor(): void {
    const id = this.port?.suggestionAt(this.port.cursorOffset()) ?? null
    if (id === null) this.notify('notice.noSuggestionHere')
    else this.accept(id)
  }

  /** Applies the edits in the editor (one undo step), then records the decisions. */
  acceptMany(ids: readonly number[]): void {
    const port = this.port
    if (!port || ids.length === 0) return
    const byId = new Map(this.store.get().suggestions.map((s) => [s.id, s]))
    const edits: Array<{ id: number; start: number; end: number; text: string }> = []
    let floor = -1
    const placed = ids
      .map((id) => ({ id, range: port.suggestionRange(id) }))
      .filter((x): x is { id: number; range: { start: number; end: number } } => x.range !== null)
      .sort((a, b) => a.range.start - b.range.start)
    for (const { id, range } of placed) {
      if (range.start < floor) continue
      edits.push({ id, start: range.start, end: range.end, text: byId.get(id)?.replacement ?? '' })
      floor = range.end
    }
    if (edits.length === 0) return
    port.applyEdits(edits)
    const decided = edits.map((e) => e.id)
    this.dropSuggestions(decided)
    void this.decide(decided, 'accepted')
  }

  reject(id: number): void {
    this.rejectMany([id])
  }

  rejectRule(rule: string): void {
    this.rejectMany(this.store.get().suggestions.filter((s) => s.rule === rule).map((s) => s.id))
  }

  rejectMany(ids: readonly number[]): void {
    if (ids.length === 0) return
    this.dropSuggestions(ids)
    void this.decide(ids, 'rejected')
  }

  private decide(ids: readonly number[], decision: 'accepted' | 'rejected'): Promise<void> {
    return this.enqueue(async () => {
      if (ids.length === 1) await api.decideSuggestion({ suggestionId: ids[0]!, decision })
      else await api.decideSuggestions({ suggestionIds: [...ids], decision })
    }).catch((error: unknown) => this.fail(error))
  }

  gotoSuggestion(direction: 1 | -1): void {
    this.port?.gotoSuggestion(direction)
  }

  // ---- structure

  private currentIndex(): number {
    return spanAt(this.store.get().spans, this.port?.cursorLine() ?? -1)
  }

  /** Changes the local boundaries and stores them (after any pending text). */
  private async restructure(spans: Span[], active: number): Promise<void> {
    const session = this.session
    if (!session) return
    session.structureDirty = true
    this.store.set({ spans, activeSpan: active })
    this.port?.setSpans(spans)
    session.autosaver.changed()
    await session.autosaver.flush()
  }

  async split(): Promise<void> {
    if (!this.port) return
    const result = splitAt(this.store.get().spans, this.port.cursorLine(), this.port.lineCount(), this.port.text().split('\n'))
    if (!result) {
      this.notify('notice.nothingToSplit')
      return
    }
    await this.restructure(result.spans, result.index)
  }

  async merge(index = this.currentIndex()): Promise<void> {
    const result = mergeWithPrevious(this.store.get().spans, index)
    if (!result) {
      this.notify('notice.noArticle')
      return
    }
    await this.restructure(result.spans, result.index)
  }

  async setKind(index: number, kind: ArticleKind): Promise<void> {
    const spans = [...this.store.get().spans]
    const span = spans[index]
    if (!span || span.kind === kind) return
    spans[index] = { ...span, kind }
    await this.restructure(spans, index)
  }

  async cycleKind(index = this.currentIndex()): Promise<void> {
    const span = this.store.get().spans[index]
    if (!span) this.notify('notice.noArticle')
    else await this.setKind(index, nextKind(span.kind))
  }

  async setTitle(index: number, title: string): Promise<void> {
    const spans = [...this.store.get().spans]
    const span = spans[index]
    this.store.set({ editingTitle: null })
    const typed = title.trim()
    // Unchanged: no override is made of the title read from the text. Emptied: the text's title comes back.
    if (!span || typed === (span.title ?? span.record?.title ?? '')) {
      this.port?.focus()
      return
    }
    spans[index] = { ...span, title: typed || null }
    this.port?.focus()
    await this.restructure(spans, index)
  }

  editTitle(index = this.currentIndex()): void {
    if (index < 0) {
      this.notify('notice.noArticle')
      return
    }
    this.store.set({ panel: 'articles', editingTitle: index })
  }

  async setStatus(index = this.currentIndex(), status: ArticleStatus): Promise<void> {
    const session = this.session
    const span = this.store.get().spans[index]
    if (!session || !span) {
      this.notify('notice.noArticle')
      return
    }
    const spans = [...this.store.get().spans]
    spans[index] = { ...span, status }
    const synced = !session.structureDirty && sameBoundaries(this.store.get().spans, session.syncedSpans) && span.record
    if (!synced) {
      await this.restructure(spans, index)
      return
    }
    this.store.set({ spans })
    this.port?.setSpans(spans)
    try {
      const record = await this.enqueue(() => api.setArticleStatus({ articleId: span.record!.id, status }))
      const now = this.store.get().spans
      const i = now.findIndex((s) => s.record?.id === record.id)
      if (i !== -1) {
        const next = [...now]
        next[i] = { ...next[i]!, status: record.status, record }
        session.syncedSpans = session.syncedSpans.map((s) => (s.record?.id === record.id ? next[i]! : s))
        this.store.set({ spans: next })
      }
      await this.refreshPage()
    } catch (error) {
      this.fail(error)
    }
  }

  async approvePage(): Promise<void> {
    const session = this.session
    if (!session) return
    if (!(await this.flush())) return
    try {
      const summary = await this.enqueue(() => api.approvePage({ pageId: session.pageId }))
      this.updatePageSummary(summary)
      const detail = await api.getPage({ pageId: session.pageId })
      if (this.session !== session) return
      const spans = spansFromRecords(detail.articles)
      session.syncedSpans = spans
      this.store.set({ spans, page: detail.page })
      this.port?.setSpans(spans)
      this.notify('notice.pageApproved')
      void this.refreshLists()
    } catch (error) {
      this.fail(error)
    }
  }

  private async refreshPage(): Promise<void> {
    const pageId = this.session?.pageId
    if (!pageId) return
    const pages = await api.listPages({})
    const page = pages.find((p) => p.id === pageId)
    this.store.set((s) => ({ pages, page: s.page && page ? { ...s.page, ...page } : s.page }))
  }

  revealSpan(index: number): void {
    const span = this.store.get().spans[index]
    if (span) this.port?.revealLine(span.startLine)
  }

  // ---- history

  async loadRevisions(): Promise<void> {
    const pageId = this.session?.pageId
    if (!pageId) return
    try {
      const revisions = await api.listRevisions({ pageId })
      if (this.session?.pageId === pageId) this.store.set({ revisions })
    } catch (error) {
      this.fail(error)
    }
  }

  async compare(revisionId: number | null): Promise<void> {
    if (revisionId === null) {
      this.port?.compareWith(null)
      this.store.set({ comparing: null })
      return
    }
    try {
      const revision = await api.getRevision({ revisionId })
      this.port?.compareWith(revision.text)
      this.store.set({ comparing: { id: revision.id, createdAt: revision.createdAt } })
    } catch (error) {
      this.fail(error)
    }
  }

  async restore(revisionId: number): Promise<void> {
    const session = this.session
    if (!session) return
    if (!(await this.flush())) return
    try {
      const restored = await this.enqueue(() => api.restoreRevision({ pageId: session.pageId, revisionId, baseRevisionId: session.revisionId }))
      this.session = null
      session.autosaver.dispose()
      await this.openPage(session.pageId)
      if (restored.articlesReset > 0) this.notify('history.restoredReset', { id: revisionId, count: restored.articlesReset })
      else this.notify('history.restored', { id: revisionId })
      void this.refreshLists()
    } catch (error) {
      this.fail(error)
    }
  }

  // ---- search

  private searchTicket = 0

  async search(query: string): Promise<void> {
    const ticket = ++this.searchTicket
    this.store.set({ searchQuery: query })
    const q = query.trim()
    if (!q) {
      this.store.set({ searchHits: null })
      return
    }
    try {
      // The store indexes saved text: what was just typed must be in it.
      await this.flush()
      const hits = await api.search({ query: q, limit: 200 })
      if (ticket === this.searchTicket) this.store.set({ searchHits: hits })
    } catch (error) {
      this.fail(error)
    }
  }

  openHit(hit: SearchHit): void {
    void this.openPage(hit.pageId, { offset: hit.offset, length: hit.matchLength })
  }
}
