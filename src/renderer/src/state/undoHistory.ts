import type { Span } from './boundaries'

// One undo history for the text and the structure. Monaco keeps the text's steps (typing, pasted
// text, accepted suggestions) in its model; the structure's steps (split, merge, kind, title) are
// kept here, each with the model's alternative version id when it was made, which Monaco returns
// to exactly when undo or redo brings the text back to that point. So Ctrl+Z takes whichever step
// is the latest: the structure step when the text is where it stood at that step, else Monaco's
// last text step. Before a structure step Monaco's open typing group is closed, so the typing
// before a split and the typing after it are two steps with the split between them.

export interface StructureStep {
  before: Span[]
  after: Span[]
  activeBefore: number
  activeAfter: number
  /** The text's alternative version id when the step was made. */
  textVersion: number
}

/** The text side: the working model as the history needs it (EditorPort implements it). */
export interface TextHistory {
  textVersion(): number
  closeTextStep(): void
  canUndoText(): boolean
  canRedoText(): boolean
  undoText(): void
  redoText(): void
}

export type HistoryMove = { kind: 'structure'; spans: Span[]; active: number } | { kind: 'text' } | { kind: 'none' }

export class UndoHistory {
  private done: StructureStep[] = []
  private undone: StructureStep[] = []

  /** A structure step was made: it is the latest step, and nothing is left to redo. */
  record(text: TextHistory, step: Omit<StructureStep, 'textVersion'>): void {
    text.closeTextStep()
    this.done.push({ ...step, textVersion: text.textVersion() })
    this.undone = []
    if (this.done.length > 500) this.done.shift()
  }

  /** The editor typed (not an undo or a redo): Monaco forgets its redo steps, and so does this. */
  typed(): void {
    this.undone = []
  }

  reset(): void {
    this.done = []
    this.undone = []
  }

  undo(text: TextHistory): HistoryMove {
    return this.move(this.done, this.undone, text.canUndoText(), () => text.undoText(), text, (step) => ({ spans: step.before, active: step.activeBefore }))
  }

  redo(text: TextHistory): HistoryMove {
    return this.move(this.undone, this.done, text.canRedoText(), () => text.redoText(), text, (step) => ({ spans: step.after, active: step.activeAfter }))
  }

  /**
   * Undo and redo alike, from one stack to the other: the latest structure step when the text
   * stands where it stood at that step, else the text's own step.
   */
  private move(
    from: StructureStep[],
    to: StructureStep[],
    textCan: boolean,
    textMove: () => void,
    text: TextHistory,
    side: (step: StructureStep) => { spans: Span[]; active: number }
  ): HistoryMove {
    const step = from.at(-1)
    // A text step Monaco no longer holds (the page was reloaded under it) cannot stand in the way.
    if (step && (step.textVersion === text.textVersion() || !textCan)) {
      from.pop()
      to.push(step)
      return { kind: 'structure', ...side(step) }
    }
    if (!textCan) return { kind: 'none' }
    textMove()
    return { kind: 'text' }
  }
}
