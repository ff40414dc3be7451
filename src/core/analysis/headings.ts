// Reading a stack of heading lines (the lines above an article's first paragraph).
import { hanCount } from './chars'
import { startsWithDash } from './cues'

export type StackRole = 'caption' | 'banner' | 'kicker' | 'title' | 'subtitle'

export interface Stack {
  roles: StackRole[]
  /** How sure the reading is: low when two lines of similar length could swap roles. */
  confidence: number
}

/** A bare photo caption: a descriptive line, longer than a kicker and without a title's space. */
export function isCaptionish(s: string): boolean {
  return hanCount(s) >= 11 && !/\s/.test(s) && !/[“”《》]/.test(s)
}

/** How much longer than the line under it a couplet may be and still read as its kicker. */
const COUPLET_SLACK = 3

/** Two phrases of (nearly) the same length side by side: `凝心聚力 砥砺前行`. */
export function isCouplet(s: string): boolean {
  const halves = s.trim().split(/[\s\u00a0\u3000]+/)
  if (halves.length !== 2) return false
  const x = hanCount(halves[0]!)
  const y = hanCount(halves[1]!)
  return x >= 2 && y >= 2 && x <= 8 && y <= 8 && Math.abs(x - y) <= 1 && x + y === hanCount(s)
}

/**
 * Roles for a run of heading lines. Dash lines are subtitles. Of the last two other lines the
 * longer is the title: a shorter line above it is a kicker (引题), a shorter line below it a
 * subtitle. A long descriptive line above a very short title is a bare caption. Lines above a
 * kicker+title pair are a section banner (or a caption when they read like one).
 */
export function interpretStack(lines: readonly string[]): Stack {
  const n = lines.length
  const roles: StackRole[] = new Array<StackRole>(n).fill('kicker')
  let confidence = 0.9
  let firstDash = lines.findIndex((l) => startsWithDash(l))
  if (firstDash === 0 && n > 1) firstDash = -1 // a run cannot open with its subtitle; read the dash line as a title
  const core = firstDash > 0 ? firstDash : n
  for (let i = core; i < n; i++) roles[i] = 'subtitle'
  if (core === 0) return { roles, confidence: 0.5 }
  if (core === 1) {
    roles[0] = 'title'
    return { roles, confidence }
  }
  const a = lines[core - 2]!
  const b = lines[core - 1]!
  const la = hanCount(a)
  const lb = hanCount(b)
  let rest = core - 2
  // a pair of parallel phrases is the usual form of a kicker; a subtitle under a title explains
  // it at length, so a couplet over a line a little shorter is a kicker over its title
  const kickerOverTitle = firstDash < 0 && la > lb && la - lb <= COUPLET_SLACK && isCouplet(a) && !isCouplet(b)
  if (firstDash < 0 && la > lb && !kickerOverTitle) {
    if (isCaptionish(a) && lb <= 8) {
      roles[core - 2] = 'caption'
      roles[core - 1] = 'title'
    } else {
      roles[core - 2] = 'title'
      roles[core - 1] = 'subtitle'
    }
    if (la - lb <= 2) confidence = 0.65
  } else {
    roles[core - 2] = 'kicker'
    roles[core - 1] = 'title'
    if (kickerOverTitle) confidence = 0.65
    else if (Math.abs(la - lb) <= 1 && firstDash < 0) confidence = 0.7
  }
  let haveKicker = roles[core - 2] === 'kicker'
  for (; rest > 0; rest--) {
    const line = lines[rest - 1]!
    if (isCaptionish(line) && hanCount(line) > 12) roles[rest - 1] = 'caption'
    else if (!haveKicker && roles[core - 2] !== 'caption') {
      roles[rest - 1] = 'kicker'
      haveKicker = true
    } else roles[rest - 1] = 'banner'
  }
  if (core > 3) confidence = Math.min(confidence, 0.6)
  return { roles, confidence }
}
