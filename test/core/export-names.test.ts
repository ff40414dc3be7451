import { describe, expect, it } from 'vitest'
import { MAX_NAME_BYTES, NameRegistry, safeName, truncateUtf8 } from '../../src/core/export/names'

describe('export file names', () => {
  it('keeps Chinese titles and replaces what Windows, macOS or Linux refuse', () => {
    expect(safeName('城南街道启动老旧小区改造', 'x')).toBe('城南街道启动老旧小区改造')
    expect(safeName('春季运动会：跑出"加速度"/新纪录?', 'x')).toBe('春季运动会：跑出_加速度_新纪录')
    expect(safeName('a<b>c:d|e*f\\g', 'x')).toBe('a_b_c_d_e_f_g')
    expect(safeName('绿色出行\u3000 从我做起', 'x')).toBe('绿色出行_从我做起')
    expect(safeName('tab\there\u0007bell', 'x')).toBe('tab_here_bell')
    expect(safeName('zero\u200bwidth\u202eright', 'x')).toBe('zerowidthright')
  })

  it('avoids hidden, option-like, trailing-dot and device names', () => {
    expect(safeName('.hidden', 'x')).toBe('hidden')
    expect(safeName('-rf', 'x')).toBe('rf')
    expect(safeName('结尾的点...', 'x')).toBe('结尾的点')
    expect(safeName('CON', 'x')).toBe('_CON')
    expect(safeName('lpt1.txt', 'x')).toBe('_lpt1.txt')
    expect(safeName('console', 'x')).toBe('console')
    expect(safeName('???', 'fallback')).toBe('fallback')
    expect(safeName('', 'fallback')).toBe('fallback')
  })

  it('bounds the length in UTF-8 bytes without cutting a character', () => {
    const long = '很长的标题'.repeat(40) + '𠀀'.repeat(10)
    const name = safeName(long, 'x')
    expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(MAX_NAME_BYTES)
    expect(long.startsWith(name)).toBe(true)
    expect(truncateUtf8('a𠀀b', 4)).toBe('a')
    expect(truncateUtf8('a𠀀b', 5)).toBe('a𠀀')
    expect(safeName('x'.repeat(300), 'f', 50)).toHaveLength(50)
  })

  it('normalises to NFC so that the same title is the same name', () => {
    expect(safeName('Cafe\u0301', 'x')).toBe('Caf\u00e9')
  })

  it('never hands out the same name twice in a folder, whatever the case', () => {
    const names = new NameRegistry()
    expect(names.claim('01-01-标题', '.md')).toBe('01-01-标题.md')
    expect(names.claim('01-01-标题', '.md')).toBe('01-01-标题~2.md')
    expect(names.claim('01-01-标题', '.md')).toBe('01-01-标题~3.md')
    expect(names.claim('Title', '.md')).toBe('Title.md')
    expect(names.claim('TITLE', '.md')).toBe('TITLE~2.md')
    expect(names.claim('Title', '.txt')).toBe('Title.txt')
  })
})
