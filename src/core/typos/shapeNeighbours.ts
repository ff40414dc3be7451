import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib'
import type { Shapes } from './shapes'
import { sharedInt32, sharedUint16 } from './sharedArrays'

/**
 * For each hanzi of the glyph table, the others that print at least FLOOR alike: the only ones
 * the context's candidates can take (contextCandidates.ts keeps a partner of a neighbour only
 * above the shape knee, 0.77). Comparing the read character with each of the neighbour's
 * hundreds of word partners cost a fifth of the detection time of a long page; with this list
 * only the few that pass are compared. Made once from glyphs.bin.br by
 * scripts/lookalikes/build-shape-neighbours.mjs (all 23 million pairs, about 12 s); tied to the
 * glyph file by its checksum, and ignored (every partner compared, as before) when it does not
 * match.
 */
export const SHAPE_NEIGHBOURS_FILE = 'shapeNeighbours.bin.br'
/** A little below the knee: the list may hold more than the knee lets through, never fewer. */
export const FLOOR = 0.769
const MAGIC = 'SNB1'
const HEAD = 20

export interface ShapeNeighbours {
  /** Neighbours of row r of the glyph table: rows[start[r]] … rows[start[r + 1] − 1], as codes. */
  start: Int32Array
  codes: Uint16Array
}

/** Every pair at least `floor` alike (fround, as contextCandidates compares), both ways. */
export function findShapeNeighbours(shapes: Shapes, floor = FLOOR): ShapeNeighbours {
  const count = shapes.codes.length
  const lists: number[][] = Array.from({ length: count }, () => [])
  for (let a = 0; a < count; a++)
    for (let b = a + 1; b < count; b++) {
      const s = shapes.similarityAbove(shapes.codes[a]!, shapes.codes[b]!, floor)
      if (s < 0 || Math.fround(s) < floor) continue
      lists[a]!.push(shapes.codes[b]!)
      lists[b]!.push(shapes.codes[a]!)
    }
  const start = new Int32Array(count + 1)
  for (let r = 0; r < count; r++) start[r + 1] = start[r]! + lists[r]!.length
  const codes = new Uint16Array(start[count]!)
  for (let r = 0; r < count; r++) codes.set(lists[r]!.sort((x, y) => x - y), start[r]!)
  return { start, codes }
}

/** The file: magic, glyph checksum, floor, row count, pair count, then per row its length and ascending codes as varint gaps; Brotli. */
export function encodeShapeNeighbours(shapes: Shapes, found: ShapeNeighbours, floor = FLOOR): Buffer {
  const count = found.start.length - 1
  const bytes: number[] = []
  const head = Buffer.alloc(HEAD)
  head.write(MAGIC, 0, 'latin1')
  head.writeUInt32LE(shapes.checksum, 4)
  head.writeFloatLE(floor, 8)
  head.writeUInt32LE(count, 12)
  head.writeUInt32LE(found.codes.length, 16)
  const varint = (v: number): void => {
    while (v >= 0x80) {
      bytes.push((v & 0x7f) | 0x80)
      v >>>= 7
    }
    bytes.push(v)
  }
  for (let r = 0; r < count; r++) {
    varint(found.start[r + 1]! - found.start[r]!)
    let prev = -1
    for (let k = found.start[r]!; k < found.start[r + 1]!; k++) {
      varint(found.codes[k]! - prev - 1)
      prev = found.codes[k]!
    }
  }
  return brotliCompressSync(Buffer.concat([head, Buffer.from(bytes)]), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 }
  })
}

/** The list of the folder's file, or null when it is missing, damaged, or made from other glyphs or for a higher floor than `knee`. */
export function readShapeNeighbours(dir: string, shapes: Shapes, knee: number): ShapeNeighbours | null {
  const file = join(dir, SHAPE_NEIGHBOURS_FILE)
  if (!existsSync(file)) return null
  try {
    const raw = brotliDecompressSync(readFileSync(file))
    if (raw.toString('latin1', 0, 4) !== MAGIC || raw.readUInt32LE(4) !== shapes.checksum || raw.readFloatLE(8) > knee) return null
    const count = raw.readUInt32LE(12)
    if (count !== shapes.codes.length) return null
    const start = sharedInt32(count + 1)
    const codes = sharedUint16(raw.readUInt32LE(16))
    let at = HEAD
    let m = 0
    const varint = (): number => {
      let v = 0
      let shift = 0
      for (;;) {
        if (at >= raw.length) throw new Error('cut short')
        const b = raw[at++]!
        v += (b & 0x7f) * 2 ** shift
        if (b < 0x80) return v
        shift += 7
      }
    }
    for (let r = 0; r < count; r++) {
      const n = varint()
      let prev = -1
      if (m + n > codes.length) return null
      for (let k = 0; k < n; k++) codes[m++] = prev = prev + 1 + varint()
      start[r + 1] = m
    }
    return at === raw.length && m === codes.length ? { start, codes } : null
  } catch {
    return null
  }
}
