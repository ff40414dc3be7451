// Text repeated on the page: a paragraph, or its first half, printed again (usually at the end).
import { comparable, visibleLength } from './chars'
import type { Unit } from './units'

/** Shorter repeats are too likely to be honest coincidences (a slogan quoted twice). */
const MIN_LENGTH = 14
/** Length of the opening used to find earlier paragraphs that a copy may repeat. */
const KEY = 8
/** Earlier paragraphs with the same opening that are compared in full (bounds the work). */
const MAX_CANDIDATES = 16

/**
 * The units that repeat text printed earlier on the page (the later copy is the suspect). A copy
 * starts where an earlier paragraph starts and may run on across that paragraph's column break.
 */
export function findDuplicateUnits(units: readonly Unit[], keys: readonly string[] = units.map((u) => comparable(u.text))): Set<Unit> {
  const dups = new Set<Unit>()
  const starts: number[] = []
  let total = 0
  for (const k of keys) {
    starts.push(total)
    total += k.length
  }
  const whole = keys.join('')
  const byOpening = new Map<string, number[]>()
  units.forEach((u, i) => {
    const k = keys[i]!
    const prose = u.kind === 'body' || u.kind === 'lead' || u.kind === 'caption'
    if (k.length === 0) return
    const opening = k.slice(0, KEY)
    const earlier = byOpening.get(opening)
    if (earlier && prose && visibleLength(u.text) >= MIN_LENGTH && /[，。、；！？]/.test(k)) {
      for (const e of earlier.slice(-MAX_CANDIDATES)) {
        if (starts[e]! + k.length <= starts[i]! && whole.startsWith(k, starts[e]!)) {
          dups.add(u)
          break
        }
      }
    }
    if (earlier) earlier.push(i)
    else byOpening.set(opening, [i])
  })
  return dups
}
