// A poem's lines: many short lines in a row, none ending a sentence inside, some shaped like
// headings. Read one by one they look like a stack of titles and subheads and split the poem
// into articles; together they are the poem's text, one paragraph a line.
import { startsWithPunct, visibleLength } from './chars'
import { wordAcross } from './junctionWords'
import type { Unit } from './units'

/** Fewest lines in a row that make verse. */
const VERSE_LINES = 5
/** Longest verse line (visible characters). */
const VERSE_MAX = 16

function verseLike(u: Unit): boolean {
  if (u.kind !== 'heading' && u.kind !== 'body') return false
  const len = visibleLength(u.text)
  return len >= 2 && len <= VERSE_MAX && !/[。！？!?]./.test(u.text)
}

/** Share of line ends that cut a word, above which short lines are prose cut into lines. */
const CUT_SHARE = 0.25

/** Prose printed in narrow lines: its line ends cut words, or lines open on punctuation. */
function cutProse(lines: readonly Unit[]): boolean {
  let cuts = 0
  for (let k = 1; k < lines.length; k++) {
    const a = lines[k - 1]!.text
    const b = lines[k]!.text
    if (startsWithPunct(b) || wordAcross(a, b) !== null) cuts++
  }
  return cuts > (lines.length - 1) * CUT_SHARE
}

/** Marks runs of verse lines: body text that is never joined across its line ends. */
export function markVerse(units: Unit[]): void {
  let i = 0
  while (i < units.length) {
    if (!verseLike(units[i]!)) {
      i++
      continue
    }
    let j = i
    while (j < units.length && verseLike(units[j]!) && (j === i || units[j]!.gap < 2)) j++
    // a stack of headings is at most a few lines, and holds no comma; verse has some of each
    const lines = units.slice(i, j)
    if (lines.length >= VERSE_LINES && lines.some((u) => u.kind === 'body') && lines.some((u) => u.kind === 'heading') && !cutProse(lines)) {
      for (const u of lines) {
        u.kind = 'body'
        u.verse = true
      }
    }
    i = Math.max(j, i + 1)
  }
}
