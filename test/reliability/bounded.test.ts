import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { locateAllInOriginal, locateInOriginal } from '../../src/core/pipeline/offsets'
import { generateArchive } from '../../bench/synthetic'
import { assertBuilt, collect, galley } from '../support/galleyProcess'
import { removeDir, suiteDir } from '../support/tmp'

// Analysis time is bounded by the size of the page: pathological pages (one paragraph printed
// thousands of times, a page of many megabytes) finish like any other, in linear work.

const PARA = '城南街道启动老旧小区改造， 三个社区试点加装电梯，居民可在社区服务中心报名参加。'

/** The search as it was: fold both sides, last occurrence in the whole original. */
function reference(original: string, snippet: string): { start: number; end: number } | null {
  const FOLD: Record<string, string> = { ',': '，', '(': '（', ')': '）', ':': '：', ';': '；', '?': '？', '!': '！' }
  const fold = (t: string) => {
    let chars = ''
    const at: number[] = []
    for (let i = 0; i < t.length; i++) {
      if (/[\s\u00a0\u3000]/.test(t[i]!)) continue
      chars += FOLD[t[i]!] ?? t[i]!
      at.push(i)
    }
    return { chars, at }
  }
  const o = fold(original)
  const s = fold(snippet)
  if (s.chars.length === 0) return null
  const found = o.chars.lastIndexOf(s.chars)
  return found < 0 ? null : { start: o.at[found]!, end: o.at[found + s.chars.length - 1]! + 1 }
}

describe('analysis time is bounded', () => {
  let dir: string
  beforeAll(() => {
    dir = suiteDir('galley-bounded-')
  })
  afterAll(() => removeDir(dir))

  it('places each copy of a paragraph printed 2,000 times at its own copy, folding the same way as before', () => {
    const original = ('标题\n\n' + `${PARA}\n\n`.repeat(2000)).replace(/，/g, (m, i: number) => (i % 3 === 0 ? ',' : m))
    const snippets = Array.from({ length: 1999 }, () => PARA.replace(/ /g, ''))
    const places = locateAllInOriginal(original, snippets)
    const starts = new Set(places.map((p) => p?.start))
    // Before, every copy was placed at the last one: 1,999 suggestions on one paragraph.
    expect(starts.size).toBe(1999)
    expect(places.every((p) => p !== null)).toBe(true)
    expect(places.at(-1)).toEqual(reference(original, snippets.at(-1)!))
    for (const p of places) expect(original.slice(p!.start, p!.end).replace(/\s/g, '').replace(/,/g, '，')).toBe(PARA.replace(/ /g, ''))
  })

  it('finds a single snippet where the old search found it, on any text', () => {
    const alphabet = fc.constantFrom('社', '区', '，', ',', ' ', '\n', '(', '（', '\u3000', '。', 'a')
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), fc.array(alphabet, { maxLength: 6 }), (o, s) => {
        const original = o.join('')
        const snippet = s.join('')
        expect(locateInOriginal(original, snippet)).toEqual(reference(original, snippet))
      }),
      { numRuns: 3000 }
    )
  })

  it('galley analyze finishes an 8 MB page of many real-looking pages and a page of 2,000 repeated paragraphs', async () => {
    assertBuilt()
    const big = path.join(dir, 'big.txt')
    const parts: string[] = []
    let size = 0
    for (const page of generateArchive({ seed: 11, pages: 2000 })) {
      parts.push(page.text)
      size += Buffer.byteLength(page.text)
      if (size > 8e6) break
    }
    fs.writeFileSync(big, parts.join('\n\n'))
    const repeated = path.join(dir, 'repeated.txt')
    fs.writeFileSync(repeated, '标题\n\n' + `${PARA}\n\n`.repeat(2000))
    for (const file of [big, repeated]) {
      const child = galley(['analyze', '--json', file])
      // Killed well before vitest's timeout, so a hang is a failure with a message, not a stuck run.
      const timer = setTimeout(() => child.kill('SIGKILL'), 150_000)
      const run = await collect(child)
      clearTimeout(timer)
      expect(run.signal, `galley analyze ${path.basename(file)} was killed after 150 s`).toBeNull()
      expect(run.code).toBe(0)
      const result = JSON.parse(run.stdout) as { suggestions: { rule: string; start: number }[] }
      const dups = result.suggestions.filter((s) => s.rule === 'duplicate')
      expect(new Set(dups.map((d) => d.start)).size).toBe(dups.length)
      if (file === repeated) expect(dups.length).toBe(1999)
    }
  }, 320_000)
})
