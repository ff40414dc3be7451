import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { brotliDecompressSync } from 'node:zlib'
import { contextCandidates, loadTypoModel, readShapeNeighbours, SHAPE_NEIGHBOURS_FILE, Shapes } from '../../src/core/typos'
import { FLOOR } from '../../src/core/typos/shapeNeighbours'

const model = loadTypoModel()
const shapes = model.shapes!
const dir = model.resourcesDir!
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-shape-neighbours-'))
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }))

describe('the shape neighbours shipped beside the glyphs', () => {
  const list = readShapeNeighbours(dir, shapes, 0.77)

  it('are read, and made from the glyph file shipped', () => {
    expect(list).not.toBeNull()
    expect(list!.start.length).toBe(shapes.codes.length + 1)
  })

  it('hold exactly the characters at least FLOOR alike, for a sample of characters', () => {
    // Every 97th character of the table against all others (about 70 × 6,763 comparisons).
    for (let r = 0; r < shapes.codes.length; r += 97) {
      const code = shapes.codes[r]!
      const expected: number[] = []
      for (const other of shapes.codes) if (other !== code && Math.fround(shapes.similarity(code, other)) >= FLOOR) expected.push(other)
      expect([...list!.codes.subarray(list!.start[r]!, list!.start[r + 1]!)]).toEqual(expected.sort((a, b) => a - b))
    }
  })

  it('give the context the same candidates as comparing every partner', () => {
    // Without a resources folder the model has no list: every partner is compared, as before.
    const bare = { ...model, resourcesDir: undefined }
    const text = '社区为独居老认送去了年夜饭，末来三年还将新建二十个服务中心，居民可在社区报名参加。'
    for (let p = 1; p + 1 < text.length; p++) {
      const [l, c, r] = [text.charCodeAt(p - 1), text.charCodeAt(p), text.charCodeAt(p + 1)]
      expect(contextCandidates(model, c, l, r, null)).toEqual(contextCandidates(bare, c, l, r, null))
    }
  })

  it('are not used when damaged, cut short or made from other glyphs', () => {
    const raw = fs.readFileSync(path.join(dir, SHAPE_NEIGHBOURS_FILE))
    const write = (name: string, bytes: Uint8Array): string => {
      const d = path.join(scratch, name)
      fs.mkdirSync(d, { recursive: true })
      fs.writeFileSync(path.join(d, SHAPE_NEIGHBOURS_FILE), bytes)
      return d
    }
    expect(readShapeNeighbours(write('cut', raw.subarray(0, raw.length >> 1)), shapes, 0.77)).toBeNull()
    expect(readShapeNeighbours(write('garbage', Buffer.from('not a table')), shapes, 0.77)).toBeNull()
    expect(readShapeNeighbours(path.join(scratch, 'missing'), shapes, 0.77)).toBeNull()
    const glyphs = Buffer.from(brotliDecompressSync(fs.readFileSync(path.join(dir, 'glyphs.bin.br'))))
    glyphs[glyphs.length - 1]! ^= 1
    expect(readShapeNeighbours(dir, new Shapes(glyphs), 0.77)).toBeNull()
    // A knee below the floor it was made for: the list would miss candidates.
    expect(readShapeNeighbours(dir, shapes, FLOOR - 0.01)).toBeNull()
  })
})
