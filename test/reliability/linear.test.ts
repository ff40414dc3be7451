import { describe, expect, it } from 'vitest'
import { generateArchive } from '../../bench/synthetic'
import { analyzeText } from '../../src/core/services/analyzeFiles'
import { loadTypoModel } from '../../src/core/typos'

// Analysis (structure, typo detection, duplicates) does linear work in the size of the page:
// four times the text costs about four times the CPU, never sixteen. The figure checked is a
// ratio of two CPU times of this process, not a time: the machine's speed and load cancel out
// (how fast it is is measured in `npm run bench`).

/** Synthetic pages end to end, about `bytes` of UTF-8 (the bench's large page, smaller). */
function page(bytes: number, seed: number): string {
  const parts: string[] = []
  let size = 0
  for (const p of generateArchive({ seed, pages: 5000 })) {
    if (size + Buffer.byteLength(p.text) > bytes) break
    parts.push(p.text)
    size += Buffer.byteLength(p.text) + 2
  }
  return parts.join('\n\n')
}

/** CPU milliseconds of one analysis. */
function cpuOf(text: string): number {
  const before = process.cpuUsage()
  analyzeText('page', 'utf-8', text)
  const used = process.cpuUsage(before)
  return (used.user + used.system) / 1000
}

describe('analysis work is linear in the page', () => {
  it('analyses a page four times as long in less than 7 times the CPU', () => {
    loadTypoModel()
    const small = page(400_000, 31)
    const large = page(1_600_000, 31)
    expect(large.length / small.length).toBeGreaterThan(3.8)
    cpuOf(small.slice(0, 50_000)) // warm-up: lazy tables, the JIT
    // Taken in turns, the best of each: a busy machine inflates CPU time too (caches shared
    // with other processes), and it comes and goes.
    let smallMs = cpuOf(small)
    let largeMs = Infinity
    for (let r = 0; r < 2; r++) {
      largeMs = Math.min(largeMs, cpuOf(large))
      smallMs = Math.min(smallMs, cpuOf(small))
    }
    const ratio = largeMs / smallMs
    // Linear work gives about 4 here (3.9–4.3 measured, less where the larger page repeats
    // more); quadratic work 16. 7 leaves room for a loaded machine; an added quadratic step
    // fails it once it is about as costly as the rest at 1.6 MB (a 20 MB page would then take
    // more than ten times as long).
    expect(ratio, `CPU ratio ${ratio.toFixed(2)} for ${(large.length / small.length).toFixed(2)}× the text`).toBeLessThan(7)
  }, 180_000)
})
