import type { editor, IDisposable } from 'monaco-editor/esm/vs/editor/editor.api'
import { emitCursor, onReveal, setTextSource } from '../scan/cursorBus'
import type { SuggestionRecord } from '../../../shared/types'
import type { Span } from '../state/boundaries'
import type { EditorEvents, EditorPort } from '../state/editorPort'
import { ruleLabel, type Translate } from '../i18n'
import { suggestionMessage } from '../i18n/suggestions'
import { locateSuggestion as locate } from '../state/suggestionSpans'
import { roleMarkStyle, spanDecorations } from './decorations'
import { registerSuggestionActions, type SuggestionSource } from './suggestionActions'
import { monaco } from './setup'

const MODEL_CACHE = 12
const MARKER_OWNER = 'galley'
export const EDITOR_FONT = "'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', monospace"

interface PageModels {
  original: editor.ITextModel
  working: editor.ITextModel
}

interface Placed {
  record: SuggestionRecord
  decoration: string
}

/** The Monaco side of the workbench: one diff editor, models reused per page, marks and markers. */
export class WorkbenchEditor implements EditorPort, SuggestionSource {
  private readonly diff: editor.IStandaloneDiffEditor
  private readonly working: editor.ICodeEditor
  private readonly models = new Map<number, PageModels>()
  private current: PageModels | null = null
  private compareModel: editor.ITextModel | null = null
  private spanDecorations: editor.IEditorDecorationsCollection
  private spans: readonly Span[] = []
  private placed = new Map<number, Placed>()
  private silent = false
  private lastCursorLine = -1
  private markerTimer: ReturnType<typeof setTimeout> | null = null
  private roleTimer: ReturnType<typeof setTimeout> | null = null
  private readonly disposables: IDisposable[] = []
  /** Focus asked for while the editor was hidden, given once it shows. */
  private focusWhenShown = false

  constructor(
    private readonly container: HTMLElement,
    private readonly events: EditorEvents,
    private t: () => Translate
  ) {
    this.diff = monaco.editor.createDiffEditor(container, {
      automaticLayout: true,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: false,
      originalEditable: false,
      readOnly: false,
      ignoreTrimWhitespace: false,
      renderIndicators: true,
      wordWrap: 'on',
      diffWordWrap: 'on',
      minimap: { enabled: false },
      glyphMargin: true,
      // the article's bar and each line's role mark
      lineDecorationsWidth: 30,
      fontFamily: EDITOR_FONT,
      fontSize: 15,
      lineHeight: 26,
      scrollBeyondLastLine: false,
      unicodeHighlight: { ambiguousCharacters: false, nonBasicASCII: false, invisibleCharacters: true },
      // The editor's font is monospace with full-width CJK (Noto Sans Mono CJK), so line breaks
      // are counted, not measured: the DOM measurement of every line ('advanced') was a quarter
      // of the CPU of opening a page.
      wrappingStrategy: 'simple',
      renderOverviewRuler: true,
      maxComputationTime: 2000,
      hideUnchangedRegions: { enabled: false },
      // The diff gutter's revert menu reads line numbers of a diff computed on the old text and
      // throws "Illegal value for lineNumber" once the text is emptied; reverting is the history's job.
      renderGutterMenu: false,
      renderMarginRevertIcon: false,
      lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode }
    })
    this.working = this.diff.getModifiedEditor()
    // Same gutters on both sides keep both sides wrapping alike, so lines stay aligned.
    this.diff.getOriginalEditor().updateOptions({ readOnly: true, glyphMargin: true })
    this.spanDecorations = this.working.createDecorationsCollection()
    this.disposables.push(
      this.working.onDidChangeModelContent((e) => {
        if (this.silent) return
        this.events.onChange(e.changes, e.isUndoing || e.isRedoing)
        this.scheduleMarkers()
        this.scheduleRoles()
      }),
      this.working.onDidChangeCursorPosition((e) => {
        emitCursor(this.cursorOffset(), () => this.text())
        const line = e.position.lineNumber - 1
        if (line !== this.lastCursorLine) {
          this.lastCursorLine = line
          this.events.onCursorLine(line)
        }
      }),
      registerSuggestionActions(this),
      { dispose: onReveal((offset) => this.revealOffset(offset)) }
    )
    setTextSource(() => this.text())
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose()
    this.diff.dispose()
    for (const m of this.models.values()) {
      m.original.dispose()
      m.working.dispose()
    }
    this.compareModel?.dispose()
  }

  setTranslate(t: () => Translate): void {
    this.t = t
  }

  // ---- SuggestionSource (quick fixes)

  isWorkingModel(model: editor.ITextModel): boolean {
    return this.current?.working === model
  }

  suggestionsIn(startOffset: number, endOffset: number): SuggestionRecord[] {
    const out: SuggestionRecord[] = []
    for (const { record } of this.placed.values()) {
      const range = this.suggestionRange(record.id)
      if (range && range.start <= endOffset && range.end >= startOffset) out.push(record)
    }
    return out
  }

  countOfRule(rule: string): number {
    let n = 0
    for (const { record } of this.placed.values()) if (record.rule === rule) n++
    return n
  }

  translate(): Translate {
    return this.t()
  }

  actions(): Pick<EditorEvents, 'accept' | 'reject' | 'acceptRule'> {
    return this.events
  }

  // ---- EditorPort

  open(pageId: number, original: string, working: string): void {
    this.compareWith(null)
    let models = this.models.get(pageId)
    if (!models) {
      models = {
        original: monaco.editor.createModel(original, 'plaintext', monaco.Uri.parse(`galley://page/${pageId}/original`)),
        working: monaco.editor.createModel(working, 'plaintext', monaco.Uri.parse(`galley://page/${pageId}/working`))
      }
      this.models.set(pageId, models)
      this.evict()
    } else {
      // Reused: its undo stack survives unless the store moved on without us.
      this.models.delete(pageId)
      this.models.set(pageId, models)
      if (models.working.getValue() !== working) this.withSilence(() => models!.working.setValue(working))
      if (models.original.getValue() !== original) models.original.setValue(original)
    }
    if (this.current) monaco.editor.setModelMarkers(this.current.working, MARKER_OWNER, [])
    this.clearPlaced()
    this.current = models
    this.diff.setModel({ original: models.original, modified: models.working })
    this.spanDecorations.clear()
    this.spanDecorations = this.working.createDecorationsCollection()
    this.lastCursorLine = this.working.getPosition()?.lineNumber ? this.working.getPosition()!.lineNumber - 1 : 0
  }

  private evict(): void {
    while (this.models.size > MODEL_CACHE) {
      const [oldest, models] = this.models.entries().next().value as [number, PageModels]
      if (models === this.current) break
      this.models.delete(oldest)
      models.original.dispose()
      models.working.dispose()
    }
  }

  private withSilence(run: () => void): void {
    this.silent = true
    try {
      run()
    } finally {
      this.silent = false
    }
  }

  private model(): editor.ITextModel | null {
    return this.current?.working ?? null
  }

  text(): string {
    return this.model()?.getValue() ?? ''
  }

  // ---- TextHistory: the model's own undo stack, for the one history of text and structure (undoHistory.ts)

  textVersion(): number {
    return this.model()?.getAlternativeVersionId() ?? -1
  }

  closeTextStep(): void {
    this.model()?.pushStackElement()
  }

  canUndoText(): boolean {
    return this.model()?.canUndo() ?? false
  }

  canRedoText(): boolean {
    return this.model()?.canRedo() ?? false
  }

  undoText(): void {
    void this.model()?.undo()
    this.working.revealPosition(this.working.getPosition() ?? { lineNumber: 1, column: 1 })
  }

  redoText(): void {
    void this.model()?.redo()
    this.working.revealPosition(this.working.getPosition() ?? { lineNumber: 1, column: 1 })
  }

  lineCount(): number {
    return this.model()?.getLineCount() ?? 0
  }

  cursorLine(): number {
    return (this.working.getPosition()?.lineNumber ?? 1) - 1
  }

  selectedLines(): { from: number; to: number } {
    const selection = this.working.getSelection()
    if (!selection) return { from: this.cursorLine(), to: this.cursorLine() }
    // A selection ending at the start of a line does not take that line.
    const end = selection.endLineNumber > selection.startLineNumber && selection.endColumn === 1 ? selection.endLineNumber - 1 : selection.endLineNumber
    return { from: selection.startLineNumber - 1, to: end - 1 }
  }

  cursorOffset(): number {
    const model = this.model()
    const position = this.working.getPosition()
    return model && position ? model.getOffsetAt(position) : 0
  }

  setSuggestions(list: readonly SuggestionRecord[]): SuggestionRecord[] {
    const model = this.model()
    if (!model) return []
    const text = model.getValue()
    const keep = new Set(list.map((s) => s.id))
    const remove: string[] = []
    for (const [id, p] of this.placed) {
      if (!keep.has(id)) {
        remove.push(p.decoration)
        this.placed.delete(id)
      }
    }
    const fresh: SuggestionRecord[] = []
    const adds: editor.IModelDeltaDecoration[] = []
    for (const s of list) {
      const known = this.placed.get(s.id)
      if (known) {
        known.record = s
        continue
      }
      const at = locate(text, s)
      if (!at) continue
      fresh.push(s)
      adds.push({
        range: rangeOf(model, at.start, at.end),
        options: { stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges, className: 'gb-sugg' }
      })
    }
    const ids = model.deltaDecorations(remove, adds)
    fresh.forEach((s, i) => this.placed.set(s.id, { record: s, decoration: ids[i]! }))
    this.refreshMarkers()
    return list.filter((s) => this.placed.has(s.id))
  }

  private clearPlaced(): void {
    const model = this.model()
    if (model) model.deltaDecorations([...this.placed.values()].map((p) => p.decoration), [])
    this.placed.clear()
  }

  suggestionRange(id: number): { start: number; end: number } | null {
    const model = this.model()
    const placed = this.placed.get(id)
    if (!model || !placed) return null
    const range = model.getDecorationRange(placed.decoration)
    if (!range) return null
    // Text the editor changed by hand is no longer what the suggestion was about (read from the
    // range alone: the markers ask this of every suggestion after each burst of typing).
    if (model.getValueInRange(range) !== placed.record.original) return null
    return { start: model.getOffsetAt(range.getStartPosition()), end: model.getOffsetAt(range.getEndPosition()) }
  }

  selectedText(): string {
    const model = this.model()
    const selection = this.working.getSelection()
    return model && selection ? model.getValueInRange(selection) : ''
  }

  suggestionAt(offset: number): number | null {
    return this.suggestionsIn(offset, offset)[0]?.id ?? null
  }

  applyEdits(edits: ReadonlyArray<{ start: number; end: number; text: string }>): void {
    const model = this.model()
    if (!model) return
    this.working.pushUndoStop()
    this.working.executeEdits(
      'galley-suggestion',
      edits.map((e) => ({ range: rangeOf(model, e.start, e.end), text: e.text, forceMoveMarkers: true }))
    )
    this.working.pushUndoStop()
  }

  setSpans(spans: readonly Span[]): void {
    this.spans = spans
    this.renderSpans()
  }

  private renderSpans(): void {
    const model = this.model()
    if (!model) return
    roleMarkStyle(this.container, this.t())
    this.spanDecorations.set(spanDecorations(this.spans, model.getLinesContent(), this.t()))
  }

  setInline(inline: boolean): void {
    this.diff.updateOptions({ renderSideBySide: !inline })
  }

  compareWith(text: string | null): void {
    if (!this.current) return
    if (text === null) {
      if (!this.compareModel) return
      this.diff.setModel({ original: this.current.original, modified: this.current.working })
      this.compareModel.dispose()
      this.compareModel = null
      return
    }
    const next = monaco.editor.createModel(text, 'plaintext')
    this.diff.setModel({ original: next, modified: this.current.working })
    this.compareModel?.dispose()
    this.compareModel = next
  }

  revealLine(line: number): void {
    const lineNumber = line + 1
    this.working.setPosition({ lineNumber, column: 1 })
    this.working.revealLineInCenter(lineNumber)
    this.focus()
  }

  revealOffset(offset: number, length = 0): void {
    const model = this.model()
    if (!model) return
    const range = rangeOf(model, offset, offset + length)
    this.working.setSelection(range)
    this.working.revealRangeInCenter(range)
    this.focus()
  }

  focus(): void {
    // The editor is hidden until the first page opens, and focus given to a hidden element is
    // lost: the click that opened the page would keep it in the sidebar.
    if (this.container.offsetParent === null) this.focusWhenShown = true
    else this.working.focus()
  }

  /** The editor's host is shown (the first page is open). */
  shown(): void {
    if (!this.focusWhenShown) return
    this.focusWhenShown = false
    this.working.focus()
  }

  gotoSuggestion(direction: 1 | -1): void {
    this.working.focus()
    this.working.trigger('galley', direction === 1 ? 'editor.action.marker.next' : 'editor.action.marker.prev', null)
  }

  // ---- markers

  private scheduleMarkers(): void {
    if (this.markerTimer) clearTimeout(this.markerTimer)
    this.markerTimer = setTimeout(() => this.refreshMarkers(), 120)
  }

  private scheduleRoles(): void {
    if (this.roleTimer) clearTimeout(this.roleTimer)
    this.roleTimer = setTimeout(() => this.renderSpans(), 250)
  }

  private refreshMarkers(): void {
    const model = this.model()
    if (!model) return
    const t = this.t()
    const markers: editor.IMarkerData[] = []
    for (const { record } of this.placed.values()) {
      const range = this.suggestionRange(record.id)
      if (!range) continue
      const start = model.getPositionAt(range.start)
      const end = model.getPositionAt(Math.max(range.end, range.start + 1))
      markers.push({
        severity: record.confidence >= 0.8 ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
        // The change on the first line, why on the second, in the UI's language.
        message: `${t('suggestions.marker', { message: ruleLabel(t, record.rule), original: record.original, replacement: record.replacement })}\n${suggestionMessage(t, record)}`,
        source: 'Galley',
        code: record.rule,
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: end.lineNumber,
        endColumn: end.column
      })
    }
    monaco.editor.setModelMarkers(model, MARKER_OWNER, markers)
  }
}

function rangeOf(model: editor.ITextModel, start: number, end: number): InstanceType<typeof monaco.Range> {
  const a = model.getPositionAt(start)
  const b = model.getPositionAt(end)
  return new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column)
}
