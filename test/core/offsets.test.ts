import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { locateAllInOriginal } from '../../src/core/pipeline/offsets'

// The placement as first written (one offset kept per character): the reference.
const FOLD: Record<string, string> = { ',': '，', '(': '（', ')': '）', ':': '：', ';': '；', '?': '？', '!': '！' }
const SPACE = /[\s\u00a0\u3000]/
function fold(text: string): { chars: string; at: number[] } {
  let chars = ''
  const at: number[] = []
  for (let i = 0; i < text.length; i++) {
    if (SPACE.test(text[i]!)) continue
    chars += FOLD[text[i]!] ?? text[i]
    at.push(i)
  }
  return { chars, at }
}
function reference(original: string, snippets: readonly string[]): ({ start: number; end: number } | null)[] {
  const found: ({ start: number; end: number } | null)[] = snippets.map(() => null)
  const o = fold(original)
  let before = o.chars.length
  for (let k = snippets.length - 1; k >= 0; k--) {
    const s = fold(snippets[k]!).chars
    if (s.length === 0) continue
    let at = before - s.length >= 0 ? o.chars.lastIndexOf(s, before - s.length) : -1
    if (at < 0) at = o.chars.lastIndexOf(s)
    else before = at
    if (at < 0) continue
    found[k] = { start: o.at[at]!, end: o.at[at + s.length - 1]! + 1 }
  }
  return found
}

describe('placing cleaned stretches in the original', () => {
  it('places every snippet where the first implementation did, on any text', () => {
    const alphabet = fc.constantFrom('社', '区', ',', '，', '(', '（', ' ', '\u3000', '\u00a0', '\n', '\ufeff', '\u2028', 'a', '!', '！', '\t')
    const text = fc.array(alphabet, { maxLength: 60 }).map((a) => a.join(''))
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 6 }), (original, extra) => {
        // snippets taken from the original (folded differently) and some that are not in it
        const snippets = [...extra, original.slice(3, 12).replace(/，/g, ','), original.slice(10, 30).replace(/ /g, '')]
        const expected = reference(original, snippets)
        expect(locateAllInOriginal(original, snippets)).toEqual(expected)
        // small windows and marks: searches that cross windows, snippets longer than a window
        expect(locateAllInOriginal(original, snippets, 5, 3)).toEqual(expected)
        expect(locateAllInOriginal(original, snippets, 1, 1)).toEqual(expected)
      }),
      { numRuns: 3000 }
    )
  })

  it('takes as white space exactly what the regular expression does, for every UTF-16 code', () => {
    const differ: string[] = []
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c)
      const original = '社' + ch + '区'
      if (JSON.stringify(locateAllInOriginal(original, ['社区'])) !== JSON.stringify(reference(original, ['社区']))) differ.push(c.toString(16))
    }
    expect(differ).toEqual([])
  })

  it('finds each copy of a paragraph printed many times, not the last copy many times', () => {
    const p = '城南街道启动老旧小区改造, 三个社区试点加装电梯。\n\n'
    const original = p.repeat(5)
    const places = locateAllInOriginal(original, Array(5).fill('城南街道启动老旧小区改造，三个社区试点加装电梯。'))
    expect(places.map((x) => x!.start)).toEqual([0, 1, 2, 3, 4].map((k) => k * p.length))
  })
})
