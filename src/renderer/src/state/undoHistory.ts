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
    const step = this.done.at(-1)
    // A text step Monaco no longer holds (the page was reloaded under it) cannot stand in the way.
    if (step && (step.textVersion === text.textVersion() || !text.canUndoText())) {
      this.done.pop()
      this.undone.push(step)
      return { kind: 'structure', spans: step.before, active: step.activeBefore }
    }
    if (!text.canUndoText()) return { kind: 'none' }
    text.undoText()
    return { kind: 'text' }
  }

  redo(text: TextHistory): HistoryMove {
    const step = this.undone.at(-1)
    if (step && (step.textVersion === text.textVersion() || !text.canRedoText())) {
      this.undone.pop()
      this.done.push(step)
      return { kind: 'structure', spans: step.after, active: step.activeAfter }
    }
    if (!text.canRedoText()) return { kind: 'none' }
    text.redoText()
    return { kind: 'text' }
  }
}
