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

// A column tag after a title: `何以乘“风”起（评论员观察）`. Not a byline's role (`王明（本报记者）`) or a credit.
const TAG = /[（(]([^（）()]{2,16})[）)]$/
const NOT_A_TAG = /记者|通讯员|作者|摄|供图|资料|图片|特约|评论员$/

/** A heading line that ends with a column tag. */
export function endsWithTag(s: string): boolean {
  const m = TAG.exec(s.length > 60 ? s.slice(-20) : s)
  return m !== null && !NOT_A_TAG.test(m[1]!) && hanCount(s.slice(0, s.length - m[0].length)) >= 4
}

/**
 * How a paper stacks two heading lines, from the pairs where one line carries a column tag (the
 * tag goes with the title): > 0 when the tagged line is the lower one (a kicker over the title),
 * < 0 when it is the upper one (a title over its subtitle), 0 when nothing shows.
 */
export function stackVotes(lines: readonly string[], isHeading: (i: number) => boolean): number {
  let votes = 0
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!isHeading(i) || !isHeading(i + 1)) continue
    const a = endsWithTag(lines[i]!)
    const b = endsWithTag(lines[i + 1]!)
    if (a !== b && !startsWithDash(lines[i + 1]!)) votes += b ? 1 : -1
  }
  return votes
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
export function interpretStack(lines: readonly string[], kickerAbove = false, storyAbove = true): Stack {
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
  // the column tag goes with the title; without one, a paper that prints kickers over its titles
  // (seen from its tagged stacks) is read that way
  const tagA = endsWithTag(a)
  const tagB = endsWithTag(b)
  const titleAbove = tagA !== tagB ? tagA : kickerAbove ? false : firstDash < 0 && la > lb && !kickerOverTitle
  if (titleAbove) {
    // a bare caption over a very short title: a long descriptive line, never one carrying a
    // column tag (the tag goes with a title) and never one a title could be (a title over its
    // short subtitle is the common stack: `X举行` over `Y出席并致辞`); at the top of a page, with
    // no story above, a descriptive line over a short one is still read as a photo's caption
    if (isCaptionish(a) && lb <= 8 && !tagA && (la > 18 || la >= lb * 2.5 || !storyAbove)) {
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
