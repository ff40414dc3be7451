// Photo captions printed over two lines above their credit: a caption a column break cut in two
// (`…今年前6个月，我国新能源汽车产销` + `量均超700万辆。` + `王明摄`), or a photo story's text
// followed by its `图为…` line. The role model reads the line right above a credit; this pass
// reads the line above that one, when nothing but a heading, furniture or another caption comes
// before the pair (so that an article's last paragraph above its photo is never taken).
import { endsSentence, visibleLength } from './chars'
import { wordAcross } from './junctionWords'
import type { Unit } from './units'

/** A credit on a line of its own: short, no sentence in it. */
function isCreditLine(u: Unit): boolean {
  return u.kind === 'caption' && visibleLength(u.text) <= 24 && !u.text.includes('。')
}

/** Longest line read as the first half of a two-line caption. */
const FIRST_HALF_MAX = 200

export function markTwoLineCaptions(units: Unit[]): void {
  for (let i = 2; i < units.length; i++) {
    if (!isCreditLine(units[i]!)) continue
    const b = units[i - 1]!
    const a = units[i - 2]!
    const before = units[i - 3]
    if ((b.kind !== 'body' && b.kind !== 'caption') || (b.kind === 'caption' && isCreditLine(b))) continue
    // (a first half short enough to look like a title counts when a word runs on across the break)
    const cutHeading = a.kind === 'heading' && !endsSentence(a.text) && wordAcross(a.text, b.text) !== null
    if ((a.kind !== 'body' && !cutHeading) || a.text.length > FIRST_HALF_MAX) continue
    if (before && (before.kind === 'body' || before.kind === 'lead')) continue
    // the two lines are one caption: a sentence cut by a column break, or text and its `图为` line
    if (endsSentence(a.text) && !/^图为|。图为/.test(b.text)) continue
    a.kind = 'caption'
    b.kind = 'caption'
  }
}
