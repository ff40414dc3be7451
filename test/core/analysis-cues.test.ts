import { describe, expect, it } from 'vitest'
import { ROLE, ROLE_WORD, trailingCredit } from '../../src/core/analysis/cues'
import { straddlingBigrams } from '../../src/core/analysis/joins'
import type { Unit } from '../../src/core/analysis/units'

describe('cheap tests in front of costly patterns', () => {
  it('finds a role word in every byline role, so the byline pattern is never skipped for one', () => {
    const roles = ROLE.replace(/^\(\?:|\)$/g, '').split('|')
    expect(roles.length).toBeGreaterThan(10)
    for (const role of roles) expect(ROLE_WORD.test(role), role).toBe(true)
    expect(trailingCredit('会上宣读了表彰决定。 本报见习记者 王小明')).toBe('本报见习记者 王小明')
    expect(trailingCredit('会上宣读了表彰决定。')).toBeNull()
  })

  it('counts straddling bigrams the same on every call (its scratch table is left clean)', () => {
    const unit = (text: string, src: number): Unit => ({ src, text, gap: 0, kind: 'body' })
    const units = ['居民们纷纷表示要', '求加快进度，要求', '求是的态度。'].map(unit)
    const first = straddlingBigrams(units)
    expect(first).toEqual(new Map([['要求', 1], ['求求', 0]]))
    expect(straddlingBigrams([unit('完全没有', 0), unit('要点', 1)])).toEqual(new Map([['有要', 0]]))
    expect(straddlingBigrams(units)).toEqual(first)
  })
})
