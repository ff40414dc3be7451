import type { GeometryBox, PageGeometry } from '../../shared/geometry'

// Where an exported block of text (a title, a paragraph, a caption) was on the scan: its text is
// the editor's cleaned text, the boxes belong to the original the OCR file gave. The block is
// found in the original with white space and punctuation width folded away, by anchors at its
// start and end (so corrected characters inside it do not lose it); its characters are then
// spread over the printed lines of that stretch in proportion (exact when corrections replaced
// characters one for one, the usual case for OCR look-alikes).

const FOLD: Record<string, string> = { ',': '，', '(': '（', ')': '）', ':': '：', ';': '；', '?': '？', '!': '！' }
const SPACE = /[\s\u00a0\u3000]/
const ANCHOR = 4

interface Folded {
  chars: string
  /** Offset in the unfolded text of each folded character. */
  at: number[]
}

export function fold(text: string): Folded {
  let chars = ''
  const at: number[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (SPACE.test(c)) continue
    chars += FOLD[c] ?? c
    at.push(i)
  }
  return { chars, at }
}

export interface PlacedLine {
  text: string
  box: GeometryBox
}

export interface PlacedBlock {
  text: string
  /** The printed lines the block covers, with its text spread over them; empty when not found. */
  lines: PlacedLine[]
  box: GeometryBox | null
}

/** Places the page's exported blocks, in order, on the geometry of its original text. */
export class ScanPlacer {
  private readonly original: Folded
  private cursor = 0

  constructor(
    originalText: string,
    private readonly geometry: PageGeometry
  ) {
    this.original = fold(originalText)
  }

  place(text: string): PlacedBlock {
    const block = fold(text)
    const range = this.find(block.chars)
    if (!range) return { text, lines: [], box: null }
    const [from, to] = range
    this.cursor = to
    const start = this.original.at[from]!
    const end = this.original.at[to - 1]! + 1
    const lines = this.geometry.lines.filter((l) => l.box && l.end > start && l.start < end)
    if (lines.length === 0) return { text, lines: [], box: null }
    // folded characters of the original each line holds, within the stretch
    const counts = lines.map((l) => this.original.at.filter((o) => o >= Math.max(l.start, start) && o < Math.min(l.end, end)).length)
    const total = counts.reduce((a, b) => a + b, 0) || 1
    const placed: PlacedLine[] = []
    let taken = 0
    let seen = 0
    lines.forEach((line, k) => {
      seen += counts[k]!
      const upto = k === lines.length - 1 ? block.chars.length : Math.round((seen / total) * block.chars.length)
      // back to the unfolded text: from the folded character `taken` to `upto`
      const a = taken === 0 ? 0 : block.at[taken]!
      const b = upto >= block.chars.length ? text.length : block.at[upto]!
      const piece = text.slice(a, b).trim()
      if (piece) placed.push({ text: piece, box: line.box! })
      taken = upto
    })
    return { text, lines: placed, box: union(placed.map((p) => p.box)) }
  }

  /** [from, to) in the folded original: exact when possible, else by start and end anchors. */
  private find(chars: string): [number, number] | null {
    if (chars.length === 0) return null
    const o = this.original.chars
    const exact = o.indexOf(chars, this.cursor)
    if (exact !== -1) return [exact, exact + chars.length]
    const again = o.indexOf(chars)
    if (again !== -1) return [again, again + chars.length]
    if (chars.length < 2 * ANCHOR) return null
    for (let shift = 0; shift + ANCHOR <= Math.min(chars.length, 12); shift += 2) {
      const head = o.indexOf(chars.slice(shift, shift + ANCHOR), this.cursor)
      if (head === -1) continue
      const from = Math.max(0, head - shift)
      const tail = chars.slice(chars.length - ANCHOR)
      const expectEnd = from + chars.length
      const near = o.indexOf(tail, Math.max(from, expectEnd - ANCHOR - Math.ceil(chars.length * 0.2)))
      if (near !== -1 && near - expectEnd < chars.length * 0.2 + ANCHOR) return [from, near + ANCHOR]
      return [from, Math.min(o.length, expectEnd)]
    }
    return null
  }
}

function union(boxes: readonly GeometryBox[]): GeometryBox | null {
  if (boxes.length === 0) return null
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const b of boxes) {
    x0 = Math.min(x0, b[0])
    y0 = Math.min(y0, b[1])
    x1 = Math.max(x1, b[0] + b[2])
    y1 = Math.max(y1, b[1] + b[3])
  }
  return [x0, y0, x1 - x0, y1 - y0]
}
