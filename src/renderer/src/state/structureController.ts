import type { ArticleKind, ArticleRecord, ArticleStatus } from '../../../shared/types'
import { api } from '../api/client'
import { applyChange, undecideTouched, mergeWithPrevious, nextKind, shownRoles, spanAt, spansFromRecords, splitAt, type Span, type TextChange } from './boundaries'
import { isBlankLine, stepRole, type LineRole } from '../../../shared/lineRoles'
import type { WorkbenchHost } from './host'
import type { PageSession } from './pageSession'
import { UndoHistory } from './undoHistory'

/**
 * The open page's articles as the editor sees them: boundaries that move with every edit, and
 * the editor's structure edits (split, merge, kind, title, decisions). The session stores them.
 */
export class StructureController {
  /** Split, merge, kind and title steps, in one history with the text's (Ctrl+Z, Ctrl+Shift+Z). */
  readonly history = new UndoHistory()

  constructor(
    private readonly host: WorkbenchHost,
    private readonly session: PageSession
  ) {
    session.listen({
      opened: (detail) => {
        this.history.reset()
        this.show(spansFromRecords(detail.articles), { editingTitle: null })
      },
      saved: (result, sent) => {
        this.stored(result.articles, sent)
        if (result.articlesReset > 0) this.host.notify('notice.approvalWithdrawn', { count: result.articlesReset })
      },
      structured: (records, sent) => this.stored(records, sent)
    })
  }

  private get spans(): Span[] {
    return this.host.store.get().spans
  }

  private show(spans: Span[], extra: { editingTitle?: null } = {}): void {
    const port = this.host.port()
    port?.setSpans(spans)
    this.host.store.set({ spans, activeSpan: spanAt(spans, port?.cursorLine() ?? 0), ...extra })
  }

  /** What the store made of the boundaries sent, unless the editor has moved them since. */
  private stored(records: readonly ArticleRecord[], sent: readonly Span[]): void {
    if (this.spans !== sent) return
    const fresh = spansFromRecords(records)
    this.host.store.set({ spans: fresh })
    this.host.port()?.setSpans(fresh)
  }

  /** The text changed: the boundaries follow the edit, and the session saves both. */
  onChange(changes: readonly TextChange[], byHistory = false): void {
    const port = this.host.port()
    if (this.session.pageId === null || !port) return
    if (!byHistory) this.history.typed()
    let spans = this.spans
    const lineCount = port.lineCount()
    for (const change of changes) spans = applyChange(undecideTouched(spans, change), change, lineCount)
    if (spans !== this.spans) {
      this.host.store.set({ spans, activeSpan: spanAt(spans, port.cursorLine()) })
      port.setSpans(spans)
    }
    this.session.changed()
  }

  onCursorLine(line: number): void {
    this.host.store.set({ activeSpan: spanAt(this.spans, line) })
  }

  private currentIndex(): number {
    return spanAt(this.spans, this.host.port()?.cursorLine() ?? -1)
  }

  /** Changes the local boundaries and stores them (after any pending text); an undoable step unless it is an undo or a redo. */
  private async restructure(spans: Span[], active: number, fromHistory = false): Promise<void> {
    if (this.session.pageId === null) return
    const port = this.host.port()
    if (!fromHistory && port) this.history.record(port, { before: this.spans, after: spans, activeBefore: this.currentIndex(), activeAfter: active })
    this.host.store.set({ spans, activeSpan: active })
    this.host.port()?.setSpans(spans)
    await this.session.structureChanged()
  }

  /** Ctrl+Z: the latest step, of the text or of the structure. */
  async undo(): Promise<void> {
    await this.step(-1)
  }

  /** Ctrl+Shift+Z, Ctrl+Y. */
  async redo(): Promise<void> {
    await this.step(1)
  }

  private async step(direction: -1 | 1): Promise<void> {
    const port = this.host.port()
    if (this.session.pageId === null || !port) return
    const move = direction === -1 ? this.history.undo(port) : this.history.redo(port)
    if (move.kind === 'structure') {
      await this.restructure(move.spans, move.active, true)
      const span = move.spans[move.active]
      if (span) port.revealLine(span.startLine)
    }
    port.focus()
  }

  async split(): Promise<void> {
    const port = this.host.port()
    if (!port) return
    const result = splitAt(this.spans, port.cursorLine(), port.lineCount(), port.text().split('\n'))
    if (!result) {
      this.host.notify('notice.nothingToSplit')
      return
    }
    await this.restructure(result.spans, result.index)
  }

  async merge(index = this.currentIndex()): Promise<void> {
    const result = mergeWithPrevious(this.spans, index, this.host.port()?.text().split('\n'))
    if (!result) {
      this.host.notify('notice.noArticle')
      return
    }
    await this.restructure(result.spans, result.index)
  }

  /**
   * Gives the lines of the selection (or the cursor's line) a role: one structure step, undone
   * by Ctrl+Z like a split. A line outside every article opens one there. The article's fields
   * are read from its roles from then on; a decided article waits for approval again.
   */
  async setRole(role: LineRole): Promise<void> {
    const port = this.host.port()
    if (this.session.pageId === null || !port) return
    const { from, to } = port.selectedLines()
    const lines = port.text().split('\n')
    let spans = [...this.spans]
    let active = -1
    let changed = false
    for (let line = from; line <= to; line++) {
      if (isBlankLine(lines[line])) continue
      let i = spanAt(spans, line)
      if (i === -1) {
        if (role === 'furniture') continue
        const opened = splitAt(spans, line, lines.length, lines)
        if (!opened) continue
        spans = opened.spans
        i = opened.index
      }
      const span = spans[i]!
      const roles = [...shownRoles(span, lines)]
      if (roles[line - span.startLine] === role && span.roles) continue
      roles[line - span.startLine] = role
      // a line of page furniture given an article's role makes the block an article
      const kind = span.kind === 'furniture' && role !== 'furniture' ? 'article' : span.kind
      spans[i] = { ...span, kind, roles, status: 'proposed' }
      active = i
      changed = true
    }
    if (!changed) {
      if (spanAt(spans, from) === -1) this.host.notify('notice.noArticle')
      return
    }
    await this.restructure(spans, active)
  }

  /** The key that walks through the roles: the cursor line's next (or previous) role, for the selection. */
  async cycleRole(direction: 1 | -1): Promise<void> {
    const port = this.host.port()
    if (!port) return
    const line = port.selectedLines().from
    const lines = port.text().split('\n')
    const span = this.spans[spanAt(this.spans, line)]
    const current = span ? (shownRoles(span, lines)[line - span.startLine] ?? null) : null
    await this.setRole(stepRole(current, direction))
  }

  async setKind(index: number, kind: ArticleKind): Promise<void> {
    const spans = [...this.spans]
    const span = spans[index]
    if (!span || span.kind === kind) return
    spans[index] = { ...span, kind }
    await this.restructure(spans, index)
  }

  async cycleKind(index = this.currentIndex()): Promise<void> {
    const span = this.spans[index]
    if (!span) this.host.notify('notice.noArticle')
    else await this.setKind(index, nextKind(span.kind))
  }

  async setTitle(index: number, title: string): Promise<void> {
    const spans = [...this.spans]
    const span = spans[index]
    this.host.store.set({ editingTitle: null })
    const typed = title.trim()
    // Unchanged: no override is made of the title read from the text. Emptied: the text's title comes back.
    if (!span || typed === (span.title ?? span.record?.title ?? '')) {
      this.host.port()?.focus()
      return
    }
    spans[index] = { ...span, title: typed || null }
    this.host.port()?.focus()
    await this.restructure(spans, index)
  }

  editTitle(index = this.currentIndex()): void {
    if (index < 0) {
      this.host.notify('notice.noArticle')
      return
    }
    this.host.store.set({ panel: 'articles', editingTitle: index })
  }

  async setStatus(index = this.currentIndex(), status: ArticleStatus): Promise<void> {
    if (this.session.pageId === null || !this.spans[index]) {
      this.host.notify('notice.noArticle')
      return
    }
    // A decision is about the words as they are stored: pending text goes first (the store
    // takes the decision back from an article whose words it changes).
    await this.session.flush()
    const span = this.spans[index]
    if (!span) return
    const spans = [...this.spans]
    spans[index] = { ...span, status }
    // Boundaries the store does not hold yet go with the decision in one structure save.
    if (!this.session.structureSynced(this.spans) || !span.record) {
      await this.restructure(spans, index)
      return
    }
    this.host.store.set({ spans })
    this.host.port()?.setSpans(spans)
    try {
      const record = await this.session.enqueue(() => api.setArticleStatus({ articleId: span.record!.id, status }))
      const now = this.spans
      const i = now.findIndex((s) => s.record?.id === record.id)
      if (i !== -1) {
        const next = [...now]
        next[i] = { ...next[i]!, status: record.status, record }
        this.session.updateSynced((synced) => synced.map((s) => (s.record?.id === record.id ? next[i]! : s)))
        this.host.store.set({ spans: next })
      }
      await this.refreshPage()
    } catch (error) {
      this.host.fail(error)
    }
  }

  /** Without `flagged`, a page with flagged proposed articles asks first which to approve. */
  async approvePage(flagged?: boolean): Promise<void> {
    const pageId = this.session.pageId
    if (pageId === null) return
    if (!(await this.session.flush())) return
    const doubted = this.spans.some((s) => s.kind !== 'furniture' && s.status === 'proposed' && (s.record?.flags.length ?? 0) > 0)
    if (flagged === undefined && doubted) {
      this.host.store.set({ dialog: 'approveFlagged' })
      return
    }
    try {
      const summary = await this.session.enqueue(() => api.approvePage({ pageId, flagged: flagged ?? false }))
      this.host.updatePageSummary(summary)
      const detail = await api.getPage({ pageId })
      if (this.session.pageId !== pageId) return
      const spans = spansFromRecords(detail.articles)
      this.session.updateSynced(() => spans)
      this.host.store.set({ spans, page: detail.page })
      this.host.port()?.setSpans(spans)
      this.host.notify(summary.status === 'approved' ? 'notice.pageApproved' : 'notice.flaggedLeft')
      void this.host.refreshLists()
    } catch (error) {
      this.host.fail(error)
    }
  }

  private async refreshPage(): Promise<void> {
    const pageId = this.session.pageId
    if (pageId === null) return
    const pages = await api.listPages({})
    const page = pages.find((p) => p.id === pageId)
    this.host.store.set((s) => ({ pages, page: s.page && page ? { ...s.page, ...page } : s.page }))
  }

  revealSpan(index: number): void {
    const span = this.spans[index]
    if (span) this.host.port()?.revealLine(span.startLine)
  }
}
