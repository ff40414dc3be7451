import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attested } from '../../src/core/typos/detect'
import { detectSuspicious, loadTypoModel } from '../../src/core/typos'
import { repeatedSpans } from '../../src/core/typos/repeats'

describe('repeated spans in one pass', () => {
  it('answers as attested() span by span, on any text', () => {
    // A small alphabet so that words recur, overlap (哈哈哈) and collide.
    const alphabet = fc.constantFrom('社', '区', '哈', '，', 'a', '\n')
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }), fc.array(fc.tuple(fc.nat(80), fc.integer({ min: 0, max: 9 })), { maxLength: 12 }), (chars, picks) => {
        const text = chars.join('')
        const spans = picks.map(([from, len]) => ({ from: Math.min(from, text.length), to: Math.min(from + len, text.length) }))
        const expected = spans.map((s) => s.to - s.from >= 2 && attested(text, text.slice(s.from, s.to), s.from))
        expect(repeatedSpans(text, spans)).toEqual(expected)
      }),
      { numRuns: 3000 }
    )
  })
})

describe('a run of hanzi that recurs is scored once', () => {
  it('finds in each copy of a sentence what it finds in the sentence alone, at its own place', () => {
    const model = loadTypoModel()
    const sentence = '社区为独居老认送去了年夜饭'
    const alone = detectSuspicious(sentence, {}, model).filter((s) => s.rule === 'typo')
    expect(alone.map((s) => s.original + s.replacement)).toEqual(['认人'])
    // The second copy's findings come from the first's (a read word twice on a page is not
    // yet a term of the page: three times is).
    const page = `${sentence}。${sentence}。`
    const twice = detectSuspicious(page, {}, model).filter((s) => s.rule === 'typo')
    const shift = sentence.length + 1
    expect(twice).toEqual([...alone, ...alone.map((s) => ({ ...s, start: s.start + shift, end: s.end + shift }))])
  })
})
