// A page as a list of units (its non-empty lines) with the features the later stages use.
import { endsContinuing, endsSentence, hanCount, visibleLength } from './chars'
import type { LineRole } from './types'
import { hasPhotoCredit, isAuthorNote, isBylineLine, isEditorSignoff, isSourceNote, parseLead, startsWithDash, trailingCredit } from './cues'

/**
 * What a line looks like on its own: a lead paragraph (本报讯…), a byline line, a captioned
 * paragraph, a dash subtitle, a heading-shaped line (title, kicker, subhead or bare caption),
 * body text, or furniture (decided with page context in furniture.ts).
 */
export type UnitKind = 'furniture' | 'lead' | 'byline' | 'caption' | 'subtitle' | 'heading' | 'body'

export interface Unit {
  /** Line number in the normalised input. */
  src: number
  text: string
  /** Blank lines between this unit and the previous one (large for the first). */
  gap: number
  kind: UnitKind
  /** The printed line opened with an indent (two or more spaces, an ideographic space). */
  indent?: boolean
  /** A line of verse (verse.ts): text, never joined to the next line. */
  verse?: boolean
  /** The role model's guess (roles.ts), once it has run: later stages weigh it against the line's form. */
  guess?: { role: LineRole; confidence: number }
}

/** Longest line that can still be a title or subhead (visible characters). */
export const HEADING_MAX = 32

/**
 * Shaped like a title: short, no sentence punctuation inside, not ending like a clause.
 * `loose` also admits one comma or colon (`一面锦旗，一份情`), for lines right above a lead.
 */
export function isHeadingShaped(s: string, loose = false): boolean {
  if (s.length > HEADING_MAX * 3) return false
  // a long name in title marks counts as a short one: `《…关于促进…的声明》发布` is a title
  const len = visibleLength(s.includes('《') ? s.replace(LONG_BOOK_TITLE, '《书名》') : s)
  if (len > HEADING_MAX && len <= TWO_PART_MAX) return twoPartTitle(s)
  if (len < 2 || len > HEADING_MAX || hanCount(s) < 2) return false
  if (endsContinuing(s) || s.includes('。')) return false
  // a comma inside a quotation is the quotation's (`非法占用耕地“违建必罚，拒执必究”`)
  if (innerBreaks(unquoted(s), loose ? 3 : 1) > (loose ? (shortPhrases(s) ? 2 : 1) : 0)) return false
  if (endsSentence(s)) return loose && len <= 20 && !/[。]/.test(s)
  return true
}

const LONG_BOOK_TITLE = /《[^《》]{3,60}》/g

/** Longest title of two clauses side by side (`坚持… 推动…`), a national paper's main news. */
const TWO_PART_MAX = 48

/** Two (or three) unpunctuated clauses of title length separated by a space, with an optional column tag. */
function twoPartTitle(s: string): boolean {
  const core = s.trim().replace(/[（(][^（）()]{2,16}[）)]$/, '')
  if (/[，。；：！？,;:!?、]/.test(core) || endsContinuing(core)) return false
  const parts = core.split(/[\s\u3000]+/)
  return parts.length >= 2 && parts.length <= 3 && parts.every((p) => hanCount(p) >= 5 && visibleLength(p) <= 24)
}

const INNER_BREAKS = new Set([...'，；：,;:'].map((c) => c.charCodeAt(0)))

/** `s` without its quotations (“…”, 「…」, 《…》), kept short: only titles are read this way. */
function unquoted(s: string): string {
  return s.includes('“') || s.includes('「') || s.includes('《') ? s.replace(/“[^“”]{0,30}”|「[^「」]{0,30}」|《[^《》]{0,30}》/g, '“”') : s
}

/** Phrases of at most five characters between commas: `茶水，酒水，河水`. */
function shortPhrases(s: string): boolean {
  return s.split(/[，；：,;:]/).every((p) => visibleLength(p) <= 5)
}

/** Commas, semicolons and colons in `s`, counted up to `enough`. */
function innerBreaks(s: string, enough: number): number {
  let n = 0
  for (let i = 0; i < s.length && n < enough; i++) if (INNER_BREAKS.has(s.charCodeAt(i))) n++
  return n
}

export function classify(text: string): UnitKind {
  if (parseLead(text)) return 'lead'
  if (isBylineLine(text) || isEditorSignoff(text) || isAuthorNote(text)) return 'byline'
  if (hasPhotoCredit(text) || isSourceNote(text)) return 'caption'
  if (startsWithDash(text) && visibleLength(text) <= 40 && !endsSentence(text)) return 'subtitle'
  if (isHeadingShaped(text)) return 'heading'
  return 'body'
}

/** A paragraph that ends with a reporter's or photographer's name after its last sentence. */
export function creditOf(text: string): string | null {
  return trailingCredit(text)
}
