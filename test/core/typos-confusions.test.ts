import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildConfusionModel, FLOOR_LOG_PROB, loadConfusions, parseConfusions } from '../../src/core/typos/confusions'
import { parseLookalikes } from '../../src/core/typos/lookalikes'
import { findResourcesDir, LOOKALIKES_FILE } from '../../src/core/typos/model'

const lookalikes = parseLookalikes(readFileSync(join(findResourcesDir(), LOOKALIKES_FILE), 'utf8'))

describe('confusion model: glyph-similarity fallback', () => {
  const glyph = buildConfusionModel(new Map(), lookalikes)

  it('is a probability: correct reads dominate, look-alikes share a small mass, strangers get the floor', () => {
    expect(glyph.learnt).toBe(false)
    expect(glyph.logProb('未', '未')).toBeGreaterThan(Math.log(0.9))
    const toLookalike = glyph.logProb('末', '未')
    expect(toLookalike).toBeLessThan(Math.log(0.05))
    expect(toLookalike).toBeGreaterThan(FLOOR_LOG_PROB)
    expect(glyph.logProb('鼠', '未')).toBe(FLOOR_LOG_PROB)
    let mass = 0
    for (const c of lookalikes.of('未')) mass += Math.exp(glyph.logProb(c.char, '未'))
    mass += Math.exp(glyph.logProb('未', '未'))
    expect(mass).toBeGreaterThan(0.97)
    expect(mass).toBeLessThan(1.001)
  })

  it('lists the printed characters behind a read one, most likely first', () => {
    const c = glyph.candidates('末')
    expect(c.length).toBeGreaterThan(0)
    expect(c[0]!.printed).toBe('未')
    expect(c.map((x) => x.printed)).not.toContain('末')
    for (let k = 1; k < c.length; k++) expect(c[k]!.logProb).toBeLessThanOrEqual(c[k - 1]!.logProb)
  })
})

describe('confusion model: learnt counts', () => {
  const rows = parseConfusions(
    ['# test', '未\t200\t300\t末 30\t朱 2', '明\t100\t900\t日月 10', '口口\t20\t0\t回 4', '人\t500\t5000', '末\t80\t100', '耒\t10\t0.2\t末 8'].join('\n')
  )
  // Counts taken at face value (no scaling to cleaner scans), a prior worth 30 observations.
  const m = buildConfusionModel(rows, lookalikes, { priorWeight: 30, priorError: 0.02, simPower: 12, errorScale: 1, unrelated: 0.001 })

  it('follows the counts where there are many and keeps the prior beside them', () => {
    expect(m.learnt).toBe(true)
    expect(Math.exp(m.logProb('末', '未'))).toBeGreaterThan(0.12)
    expect(Math.exp(m.logProb('末', '未'))).toBeLessThan(0.15)
    expect(Math.exp(m.logProb('未', '未'))).toBeGreaterThan(0.8)
    // A look-alike the data never showed stays possible.
    const unseen = lookalikes.of('未').find((x) => x.char !== '末' && x.char !== '朱')!
    expect(m.logProb(unseen.char, '未')).toBeGreaterThan(FLOOR_LOG_PROB)
    expect(m.logProb(unseen.char, '未')).toBeLessThan(m.logProb('朱', '未'))
  })

  it('knows one character read as two and two read as one', () => {
    expect(Math.exp(m.logProb('日月', '明'))).toBeCloseTo(10 / 130, 2)
    expect(m.candidates('日月').map((x) => x.printed)).toEqual(['明'])
    expect(m.candidates('回').map((x) => x.printed)).toContain('口口')
    expect(m.logProb('日月', '朋')).toBeLessThan(m.logProb('日月', '明'))
    expect(m.candidates('末')[0]!.printed).toBe('未')
    expect(m.observed('末', '未')).toBe(30)
    // 耒 is read as 末 more often than 未 is, but it is seldom what was printed.
    expect(m.logProb('末', '耒')).toBeGreaterThan(m.logProb('末', '未'))
    expect(m.candidates('末').map((x) => x.printed).slice(0, 2)).toEqual(['未', '耒'])
    expect(m.observed('未', '末')).toBe(0)
  })

  it('refuses a malformed table with a line naming it', () => {
    expect(() => parseConfusions('未\tx\t1\t末 3')).toThrow(/bad line/)
    expect(() => parseConfusions('未\t10\t1\t末')).toThrow(/bad entry/)
  })
})

describe('confusion model: shipped resource', () => {
  const m = loadConfusions()

  it('loads once and holds what the engines did to nearly every GB 2312 hanzi', () => {
    expect(loadConfusions()).toBe(m)
    expect(m.learnt).toBe(true)
    expect(m.stats.printed).toBeGreaterThan(6500)
    expect(m.stats.pairs).toBeGreaterThan(10_000)
    console.log(`confusions: ${JSON.stringify(m.stats)}`)
  })

  it('has learnt the classic misreadings from the engines, not only from shapes', () => {
    for (const [read, printed] of [['人', '入'], ['已', '己'], ['己', '已'], ['未', '末'], ['士', '土']] as const) {
      expect(m.observed(read, printed), `${printed}→${read}`).toBeGreaterThan(1)
      expect(m.candidates(read, 3).map((c) => c.printed), read).toContain(printed)
    }
    // 老认 for 老人: a radical added, a pair the engines never showed. The learnt channel's list for
    // 认 is full of what they did show; the glyph channel the detector asks beside it (detect.ts)
    // proposes it from shape, and the learnt one still gives it more than the floor.
    expect(m.observed('认', '人')).toBe(0)
    expect(buildConfusionModel(new Map(), lookalikes).candidates('认').map((c) => c.printed)).toContain('人')
    expect(m.logProb('认', '人')).toBeGreaterThan(FLOOR_LOG_PROB)
    expect(m.logProb('入', '入')).toBeGreaterThan(Math.log(0.9))
  })
})
