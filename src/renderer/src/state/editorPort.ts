import type { SuggestionRecord } from '../../../shared/types'
import type { Span, TextChange } from './boundaries'
import type { TextHistory } from './undoHistory'

/** What the workbench needs from the text editor; the Monaco binding implements it. */
export interface EditorPort extends TextHistory {
  /** Shows a page; the working model is reused (with its undo stack) when it still holds `working`. */
  open(pageId: number, original: string, working: string): void
  text(): string
  lineCount(): number
  cursorLine(): number
  /** The lines the selection covers (0-based, inclusive); the cursor's line when nothing is selected. */
  selectedLines(): { from: number; to: number }
  cursorOffset(): number
  /** Places suggestions in the working text; returns those that could be placed. */
  setSuggestions(list: readonly SuggestionRecord[]): SuggestionRecord[]
  /** Where a placed suggestion is now, or null if its text was edited away. */
  suggestionRange(id: number): { start: number; end: number } | null
  suggestionAt(offset: number): number | null
  /** The text selected in the working text ('' when none). */
  selectedText(): string
  /** Applies edits as one undoable step. */
  applyEdits(edits: ReadonlyArray<{ start: number; end: number; text: string }>): void
  setSpans(spans: readonly Span[]): void
  /** Shows another text on the left (a revision), or the original again with null. */
  compareWith(text: string | null): void
  /** Inline: one pane, the changes marked in the working text; else side by side. */
  setInline(inline: boolean): void
  revealLine(line: number): void
  revealOffset(offset: number, length?: number): void
  focus(): void
  gotoSuggestion(direction: 1 | -1): void
}

export interface EditorEvents {
  /** `byHistory`: the change is an undo or a redo of the text. */
  onChange(changes: readonly TextChange[], byHistory: boolean): void
  onCursorLine(line: number): void
  accept(id: number): void
  reject(id: number): void
  acceptRule(rule: string): void
}
