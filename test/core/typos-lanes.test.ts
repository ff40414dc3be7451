import os from 'node:os'
import { describe, expect, it } from 'vitest'
import { generateArchive } from '../../bench/synthetic'
import { detectSuspicious, loadTypoModel, MIN_EVIDENCE_LEARNT } from '../../src/core/typos'
import { chunkBounds, startRunsInLanes } from '../../src/core/typos/lanes'
import { scoreRuns, type PositionFinding } from '../../src/core/typos/detect'
import { adoptModel, shareModel } from '../../src/core/typos/sharedModel'
import { isHan } from '../../src/core/typos/han'

/** Pages of the benchmark's generator, end to end, up to `chars` characters. */
function longText(chars: number): string {
  const parts: string[] = []
  let n = 0
  for (const { text } of generateArchive({ seed: 20241205, pages: 2000 })) {
    parts.push(text)
    n += text.length + 2
    if (n >= chars) break
  }
  return parts.join('\n\n')
}

describe('a long page scored on two threads', () => {
  it('cuts chunks only between runs of hanzi', () => {
    const text = longText(400_000)
    const bounds = chunkBounds(text, 10_000)
    expect(bounds[0]).toBe(0)
    expect(bounds[bounds.length - 1]).toBe(text.length)
    for (let k = 1; k < bounds.length - 1; k++) {
      expect(bounds[k]! - bounds[k - 1]!).toBeGreaterThanOrEqual(10_000)
      expect(isHan(text.charCodeAt(bounds[k]! - 1)) && isHan(text.charCodeAt(bounds[k]!))).toBe(false)
    }
  })

  it.skipIf(os.availableParallelism() < 2)('finds what one thread finds, the other thread scoring part of it', () => {
    const model = loadTypoModel()
    const text = longText(1_100_000)
    const skip = new Uint8Array(text.length)
    // A threshold far below the calibrated one: the candidates never shown are compared too.
    // With the judge's second pass near the findings, further below (judgePool).
    const minEvidence = MIN_EVIDENCE_LEARNT - 6
    const pool = minEvidence - 2
    const alone = scoreRuns(text, skip, model, minEvidence, 0, text.length, new Map(), pool)
    expect(alone.some((f) => f.pooled)).toBe(true)
    const lanes = startRunsInLanes(text, skip, model, minEvidence, pool)
    expect(lanes).not.toBeNull()
    const seen = new Map<string, PositionFinding[]>()
    const shared = lanes!.finish((from, to) => scoreRuns(text, skip, model, minEvidence, from, to, seen, pool))
    expect(lanes!.delivered).toBeGreaterThan(0)
    expect(shared.length).toBe(alone.length)
    expect(shared).toEqual(alone)
  }, 180_000)
})

describe('the typo model handed to another thread', () => {
  it('detects the same after a structured clone, its tables in shared memory', () => {
    const model = loadTypoModel()
    const texts = ['社区为独居老认送去了年夜饭', '本报讯 记者从市政府获悉，今年全市新建社区服务中心十二个，末来三年还将新建二十个。', longText(20_000)]
    const before = texts.map((t) => detectSuspicious(t, {}, model))
    const copy = adoptModel(structuredClone(shareModel(model)))
    expect(copy === model).toBe(false)
    // The big tables are the same memory, not copies (booleans: a failing match would print megabytes).
    const table = (m: typeof model): Int32Array => (m.lm as unknown as { table: Int32Array }).table
    expect(table(copy).buffer instanceof SharedArrayBuffer).toBe(true)
    const old = table(model)[0]!
    table(copy)[0] = old ^ 1
    const seenThere = table(model)[0] === (old ^ 1)
    table(copy)[0] = old
    expect(seenThere).toBe(true)
    expect(texts.map((t) => detectSuspicious(t, {}, copy))).toEqual(before)
    expect(before[0]!.map((s) => s.original + s.replacement)).toContain('认人')
  })

  it('refuses what it cannot carry', () => {
    const model = loadTypoModel()
    class Unknown {
      x = 1
    }
    expect(() => shareModel({ ...model, extra: new Unknown() } as never)).toThrow(/cannot share a Unknown/)
  })
})
