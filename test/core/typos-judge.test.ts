import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findCharSwaps, loadTypoModel, MIN_EVIDENCE_LEARNT } from '../../src/core/typos'
import { FEATURES, judgeFeatures, judgeScore, NEAR_CAP, nearCounts, NEAR_FROM, NEAR_REACH } from '../../src/core/typos/judge'
import { JUDGE } from '../../src/core/typos/judgeWeights'

const model = loadTypoModel()
const root = join(__dirname, '..', '..')

describe('the judge of findings close together (judge.ts)', () => {
  it('counts the other findings within reach, its spoiled neighbours left out', () => {
    const positions = [3, 4, 9, 14, 30, 41]
    const direct = positions.map((p) => positions.filter((q) => Math.abs(q - p) >= NEAR_FROM && Math.abs(q - p) <= NEAR_REACH).length)
    expect(nearCounts(positions)).toEqual(direct)
    expect(nearCounts([])).toEqual([])
  })

  it('flags a misreading among others that its evidence alone does not, and not the same reading alone', () => {
    // A Tesseract reading of a paragraph of the OCR dev set (test/fixtures/ocr-dev/dev.jsonl,
    // dev-19): 十几种 read as 十瞩种 among a dozen other misreadings.
    const ocr = '补冬时季，湿地公园迎来了成奏的候包，蚊引了从多摄影爱好普前来招手”管理人员介绍，今年观测划的蕊类比往年多了十瞩种，基中包括几种国家下点保护的珍燃引关，会加在观总区设冲工陋次带和提泉牌，请游客保持安苑，不机投和惊扰总帮'
    const at = ocr.indexOf('瞩种')
    const found = findCharSwaps(ocr, new Uint8Array(ocr.length), model)
    const f = found.find((x) => x.pos === at)
    expect(f?.best.replacement).toBe('几')
    // Found by the second pass, below the bar, and flagged by the judge.
    expect(f!.pooled).toBe(true)
    expect(f!.best.evidence).toBeLessThan(MIN_EVIDENCE_LEARNT)
    expect(f!.best.score).toBeGreaterThanOrEqual(0)
    // The same misreading in a paragraph read right otherwise: its evidence stays below the bar,
    // and no finding close by speaks for it.
    const alone = '管理人员介绍，今年观测到的鸟类比往年多了十瞩种，其中包括几种国家重点保护的珍稀鸟类。'
    expect(findCharSwaps(alone, new Uint8Array(alone.length), model).map((x) => x.pos)).not.toContain(alone.indexOf('瞩种'))
  })

  it('leaves a finding with no other close by to its evidence, whatever the judge scores', () => {
    // From the same set (dev-18, Tesseract): 港口 read as 滥口; the judge alone would take 滥 for
    // 人 (judging lone findings too, the clean pages of ../shared/dev-pages/rmrb raised 47
    // character fixes instead of 36).
    const ocr = '船舱平均在港时间明显编姑。滥口还开通了两条新的国际航线，进一步拓展了与治海各地的贷易往来。'
    const at = ocr.indexOf('滥口')
    const low = findCharSwaps(ocr, new Uint8Array(ocr.length), model, 0)
    const f = low.find((x) => x.pos === at)!
    expect(judgeScore(judgeFeatures(model, '滥', f.best.replacement, f.best.lmGain, f.best.channel, f.damage, 0))).toBeGreaterThanOrEqual(0)
    expect(findCharSwaps(ocr, new Uint8Array(ocr.length), model).map((x) => x.pos)).not.toContain(at)
  })

  it('scores more evidence of each kind higher', () => {
    expect(JUDGE.weights).toHaveLength(FEATURES.length)
    const base = judgeFeatures(model, '建', '症', 8, -10, 6, 1)
    for (let k = 0; k < FEATURES.length; k++) {
      const more = base.slice()
      more[k]! += 1
      expect(judgeScore(more), FEATURES[k]).toBeGreaterThan(judgeScore(base))
    }
    // Close-by findings count up to a cap.
    expect(judgeFeatures(model, '建', '症', 8, -10, 6, 50)).toEqual(judgeFeatures(model, '建', '症', 8, -10, 6, NEAR_CAP))
    expect(judgeFeatures(model, '建', '症', 8, -10, 6, NEAR_CAP - 1)).not.toEqual(judgeFeatures(model, '建', '症', 8, -10, 6, NEAR_CAP))
  })

  it('keeps the plain bar: a finding its evidence flags is flagged whatever the judge says', () => {
    // From the OCR dev set (dev-12, PP-OCR): 热乎 read as 热平, clear on its evidence, though
    // the judge, with nothing close by, scores it below 0.
    const text = '以前自己做饭常常凑合，现在天天能吃上热平饭菜，心里踏实多了。'
    const f = findCharSwaps(text, new Uint8Array(text.length), model).find((x) => x.pos === text.indexOf('平'))
    expect(f?.best.replacement).toBe('乎')
    expect(f!.pooled).toBeUndefined()
    expect(f!.best.evidence).toBeGreaterThanOrEqual(MIN_EVIDENCE_LEARNT - 1)
    expect(f!.best.score).toBeLessThan(0)
    const sample = '社区为独居老认送去了年夜饭。'
    expect(findCharSwaps(sample, new Uint8Array(sample.length), model)[0]?.best.replacement).toBe('人')
  })

  it('holds the weights scripts/ocr/fit-judge.mjs fits', () => {
    // The script refits on the dev set and compares with judgeWeights.ts (exit 1 if they differ).
    expect(() => execFileSync(process.execPath, [join(root, 'scripts', 'ocr', 'fit-judge.mjs'), '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow()
  }, 120_000)
})
