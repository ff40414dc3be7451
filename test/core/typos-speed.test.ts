import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attested } from '../../src/core/typos/detect'
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
