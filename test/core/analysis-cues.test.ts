import { describe, expect, it } from 'vitest'
import { parseLead, ROLE, ROLE_WORD, trailingCredit } from '../../src/core/analysis/cues'
import { analyzePage } from '../../src/core/analysis'
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

describe('a dateline in square brackets', () => {
  it('opens a lead, in either script, and no line above it is joined onto it', () => {
    expect(parseLead('【本报讯】停办两年的夜市昨晚重新开幕。')).not.toBeNull()
    expect(parseLead('【本報訊】（記者 陳家明）停辦兩年的夜市昨晚重新開幕。')).toEqual({ byline: '記者 陳家明' })
    expect(parseLead('【记者手记】夜市里的烟火气')).toBeNull()
    // A two-line head whose second line (a source and its words) ends without punctuation: before
    // the bracketed dateline was read as a lead, that line was joined onto the lead paragraph.
    const page = ['旧城区周末夜市重开', '商户：希望带动社区经济', '', '【本报讯】停办两年的旧城区周末夜市昨晚重新开幕，吸引大批居民和旅客前往。主办单位表示，今年共有八十个摊位参与。', '', '不少商户表示，夜市重开后人流明显增加，希望能带动附近店铺的生意。', '', '（记者 何嘉欣）'].join('\n')
    const analysis = analyzePage(page)
    expect(analysis.joins.filter((j) => j.applied)).toEqual([])
    const [article] = analysis.articles
    expect(article!.headings).toEqual(['旧城区周末夜市重开', '商户：希望带动社区经济'])
    expect(article!.paragraphs[0]!.text.startsWith('【本报讯】停办两年')).toBe(true)
  })
})
