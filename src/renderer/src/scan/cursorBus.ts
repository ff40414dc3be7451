// Between the working-text editor and the scan pane: where the cursor is (the pane outlines that
// line on the scan) and where the editor should go (a click on a line of the scan). A module of
// its own so that neither needs the other.

type CursorListener = (offset: number, text: () => string) => void
type RevealListener = (offset: number) => void

const cursorListeners = new Set<CursorListener>()
const revealListeners = new Set<RevealListener>()

let last: { offset: number; text: () => string } | null = null
let source: () => string = () => ''

/** The editor names where its working text is read, once, when it starts. */
export function setTextSource(read: () => string): void {
  source = read
}

/** The working text now ('' before the editor started). */
export function workingTextNow(): string {
  return source()
}

export function emitCursor(offset: number, text: () => string): void {
  last = { offset, text }
  for (const listener of cursorListeners) listener(offset, text)
}

/** Listens to the cursor, starting with where it is now (a pane opened after the editor). */
export function onCursor(listener: CursorListener): () => void {
  cursorListeners.add(listener)
  if (last) listener(last.offset, last.text)
  return () => cursorListeners.delete(listener)
}

export function requestReveal(offset: number): void {
  for (const listener of revealListeners) listener(offset)
}

export function onReveal(listener: RevealListener): () => void {
  revealListeners.add(listener)
  return () => revealListeners.delete(listener)
}
