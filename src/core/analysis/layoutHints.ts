// What an OCR engine's layout tells the analysis, when the page came with one (ALTO, hOCR,
// PAGE): the text's line numbers where a new column starts (a break the engine saw, not one to
// be guessed from the words), and the lines of blocks outside the text area (running heads,
// footers, page numbers), which are page furniture. Optional: text pages have no layout.

export interface LayoutHints {
  /** Lines (0-based, in the analysed text) that open a block at the top of a new column. */
  columnBreaks?: ReadonlySet<number>
  /** Lines of blocks the layout puts outside the running text. */
  furnitureLines?: ReadonlySet<number>
  /**
   * Lines that open a block which goes on with the paragraph of the block above: set right
   * beneath it in the same column, its first line not indented, the line above it running to the
   * column's edge (an engine that cuts a paragraph into blocks, as Tesseract does in narrow columns).
   */
  continuations?: ReadonlySet<number>
}

/** Least confidence a join across a known column break gets when the words allow one at all. */
export const COLUMN_BREAK_JOIN = 0.8
/** Least confidence a join into a block the layout shows going on with the paragraph above gets when the words allow one at all. */
export const CONTINUATION_JOIN = 0.85
