import { sharedBytes } from './sharedArrays'

/**
 * How alike two hanzi print, for any pair: coarse ink maps of every GB 2312 hanzi
 * (resources/typos/glyphs.bin.br, scripts/lookalikes/build-glyphs.mjs) compared cell by cell.
 *
 * The look-alike table keeps each character's ten closest shapes; an OCR engine reading a poor
 * scan misreads far beyond them (治→沿, 晶→量), and what its context proposes must be weighed
 * by shape too. On the OCR dev set the printed character behind a misreading is among the 10
 * shapes closest to the one read of the characters its neighbours make a word with, in 42% of
 * the cases.
 */
export const GLYPHS_FILE = 'glyphs.bin.br'

export class Shapes {
  /** Row of each UTF-16 code in the ink table, -1 when not covered. */
  private readonly row = new Int16Array(0x10000).fill(-1)
  /** Ink per cell (0–255), one row of `width` bytes per character: read in place, no copy. */
  private readonly ink: Uint8Array
  private readonly mass: Int32Array
  private readonly width: number
  /** FNV-1a of the glyph file: what a table derived from it (shapeNeighbours.ts) was made from. */
  readonly checksum: number
  /** The characters covered, by row. */
  readonly codes: Uint16Array

  constructor(raw: Uint8Array) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
    if (String.fromCharCode(raw[0]!, raw[1]!, raw[2]!, raw[3]!) !== 'GGL1') throw new Error('glyphs: not a GGL1 file')
    const count = view.getUint16(4, true)
    const side = raw[6]!
    const fonts = raw[7]!
    this.width = side * side * fonts
    const inkAt = 8 + 2 * count
    if (raw.length !== inkAt + count * this.width) throw new Error(`glyphs: ${raw.length} bytes, expected ${inkAt + count * this.width}`)
    this.ink = sharedBytes(raw.subarray(inkAt))
    this.mass = new Int32Array(count)
    this.codes = new Uint16Array(count)
    for (let i = 0; i < count; i++) {
      this.codes[i] = view.getUint16(8 + 2 * i, true)
      this.row[this.codes[i]!] = i
      let m = 0
      for (let k = i * this.width; k < (i + 1) * this.width; k++) m += this.ink[k]!
      this.mass[i] = m
    }
    let h = 0x811c9dc5
    for (let k = 0; k < raw.length; k++) h = Math.imul(h ^ raw[k]!, 0x01000193)
    this.checksum = h >>> 0
  }

  /** Row of a character in the table, -1 when not covered. */
  rowOf(code: number): number {
    return this.row[code]!
  }

  /** Whether the table has the character's shape. */
  has(code: number): boolean {
    return this.row[code]! >= 0
  }

  /**
   * Similarity of two printed shapes: 1 − L1(a, b) / (ink(a) + ink(b)) over the coarse maps
   * of both fonts; 0 when either character is not covered. Unrelated characters score about
   * 0.7, the shapes OCR confuses most 0.85 and more.
   */
  similarity(a: number, b: number): number {
    const i = this.row[a]!
    const j = this.row[b]!
    if (i < 0 || j < 0) return 0
    const w = this.width
    const ink = this.ink
    let d = 0
    for (let k = 0, p = i * w, q = j * w; k < w; k++, p++, q++) {
      const x = ink[p]! - ink[q]!
      d += x < 0 ? -x : x
    }
    return 1 - d / (this.mass[i]! + this.mass[j]!)
  }

  /**
   * similarity(a, b), or -1 once it is sure to fall below `floor`: the distance only grows
   * cell by cell, so the comparison stops when it passes the most that floor allows (unrelated
   * characters, most of a context candidate's pool, pass it about three quarters of the way).
   * The margin keeps rounding from ever dropping a pair at the floor.
   */
  similarityAbove(a: number, b: number, floor: number): number {
    const i = this.row[a]!
    const j = this.row[b]!
    if (i < 0 || j < 0) return floor > 0 ? -1 : 0
    const w = this.width
    const ink = this.ink
    const mass = this.mass[i]! + this.mass[j]!
    const most = (1 - floor + 1e-6) * mass
    let d = 0
    let p = i * w
    let q = j * w
    const end = p + w
    while (p < end) {
      const stop = Math.min(end, p + 16)
      for (; p < stop; p++, q++) {
        const x = ink[p]! - ink[q]!
        d += x < 0 ? -x : x
      }
      if (d > most) return -1
    }
    return 1 - d / mass
  }
}
