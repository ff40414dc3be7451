// The OCR tooling's pure parts (alignment, scoring) and the shape of the OCR dev sets that
// scripts/ocr/make-dev.mjs made with real engines (Tesseract chi_sim, PP-OCRv4).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildConfusionModel, loadConfusions } from '../../src/core/typos/confusions'
import { parseLookalikes } from '../../src/core/typos/lookalikes'
import { findResourcesDir, LOOKALIKES_FILE } from '../../src/core/typos/model'
// @ts-expect-error plain ES module without types (a build-time script)
import { align } from '../../scripts/ocr/align.mjs'
// @ts-expect-error plain ES module without types (a build-time script)
import { ocrErrors, scoreRecord } from '../../scripts/ocr/score.mjs'

interface Op { printed: string; read: string; i: number; j: number }
const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff]+$/
interface Record { id: string; engine: string; font: string; truth: string; ocr: string }

describe('alignment of printed and read text', () => {
  it('finds substitutions, one read as two and two read as one', () => {
    const ops = (align as (a: string, b: string) => Op[])('今天明天好人口口声声收入', '今天日月天女子人回声声收人')
    const diffs = ops.filter((o) => o.printed !== o.read).map((o) => `${o.printed}>${o.read}`)
    expect(diffs).toEqual(['明>日月', '好>女子', '口口>回', '入>人'])
  })

  it('treats half- and full-width punctuation as the same', () => {
    const ops = (align as (a: string, b: string) => Op[])('你好，世界。', '你好,世界.')
    expect(ops.every((o) => o.printed === o.read)).toBe(true)
  })
})

describe('scoring suggestions against the truth', () => {
  const truth = '居民人均可支配收入继续增长'
  const ocr = '居民人均可支配收人继绩增长'
  it('counts misread characters and which suggestions point at them and fix them', () => {
    const { errors } = ocrErrors(truth, ocr)
    expect(errors.map((e: { read: string; truth: string }) => `${e.read}>${e.truth}`)).toEqual(['人>入', '绩>续'])
    const s = scoreRecord(truth, ocr, [
      { start: 8, end: 9, original: '人', replacement: '入' },
      { start: 10, end: 11, original: '绩', replacement: '织' },
      { start: 0, end: 1, original: '居', replacement: '局' }
    ])
    expect(s).toMatchObject({ errors: 2, detected: 2, fixed: 1, suggestions: 3, correctSuggestions: 2 })
  })
})

describe('OCR dev sets (real engine output)', () => {
  for (const split of ['dev', 'heldout']) {
    const file = join(__dirname, '..', 'fixtures', 'ocr-dev', `${split}.jsonl`)
    it(`${split}: real OCR errors from both engines beside the truth`, () => {
      if (!existsSync(file)) throw new Error(`${file} missing: node scripts/ocr/make-dev.mjs`)
      const records = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record)
      expect(new Set(records.map((r) => r.engine))).toEqual(new Set(['tesseract', 'paddle']))
      expect(new Set(records.map((r) => r.font)).size).toBeGreaterThanOrEqual(4)
      let errors = 0
      let chars = 0
      for (const r of records) {
        errors += (ocrErrors(r.truth, r.ocr) as { errors: unknown[] }).errors.length
        chars += r.truth.length
      }
      // Scans of this quality: a few characters in a hundred misread, not none and not garbage.
      expect(errors).toBeGreaterThan(300)
      expect(errors / chars).toBeLessThan(0.2)
    })
  }

  it('the learnt channel explains the engines\' misreadings better than glyph shapes alone', () => {
    const la = parseLookalikes(readFileSync(join(findResourcesDir(), LOOKALIKES_FILE), 'utf8'))
    const learnt = loadConfusions()
    const glyph = buildConfusionModel(new Map(), la)
    for (const split of ['dev', 'heldout']) {
      const file = join(__dirname, '..', 'fixtures', 'ocr-dev', `${split}.jsonl`)
      let a = 0
      let b = 0
      let n = 0
      for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
        const r = JSON.parse(line) as Record
        for (const o of (align as (a: string, b: string) => Op[])(r.truth, r.ocr)) {
          if (!HAN.test(o.printed) || !HAN.test(o.read)) continue
          a += learnt.logProb(o.read, o.printed)
          b += glyph.logProb(o.read, o.printed)
          n++
        }
      }
      console.log(`[ocr-dev] ${split}: mean log P(read | printed) over ${n} hanzi: learnt ${(a / n).toFixed(4)}, glyph only ${(b / n).toFixed(4)}`)
      expect(a / n).toBeGreaterThan(b / n + 0.02)
    }
  })

  it('dev and held-out share no sentence', () => {
    const read = (s: string) => new Set(readFileSync(join(__dirname, '..', '..', 'scripts', 'ocr', 'text', `${s}.txt`), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')))
    const dev = read('dev')
    for (const s of read('heldout')) expect(dev.has(s), s).toBe(false)
  })
})
