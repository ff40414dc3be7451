// Where the role model overrides the shape of a line that the later stages (joins, articles)
// read. Only confident guesses change anything, and only in the ways listed here.
import { endsWithTag } from './headings'
import type { LineRoleGuess } from './roles'
import type { LineRole } from './types'
import type { Unit, UnitKind } from './units'

/** Below this the line keeps the kind its own form gives it. */
export const ROLE_CONFIDENCE = 0.75
/** A heading-shaped line becomes body text only above this. */
export const TEXT_CONFIDENCE = 0.95
/** A body-shaped line becomes a caption only above this. */
export const CAPTION_CONFIDENCE = 0.85

export const KIND_OF: Record<LineRole, UnitKind | null> = {
  kicker: 'heading',
  title: 'heading',
  subtitle: 'heading',
  banner: 'heading',
  subhead: 'heading',
  byline: 'byline',
  dateline: 'byline',
  credit: 'caption',
  caption: 'caption',
  furniture: 'furniture',
  body: 'body'
}

/**
 * Kinds read from a line's own unmistakable form: a lead (本报讯…), a byline line, a photo credit,
 * furniture by its cue words. The model adds what the form misses; it does not argue with these.
 */
const KEPT = new Set<UnitKind>(['lead', 'byline', 'caption', 'furniture'])

export function applyRoles(units: Unit[], guesses: readonly LineRoleGuess[]): void {
  units.forEach((u, i) => {
    const g = guesses[i]
    if (g) u.guess = { role: g.role, confidence: g.confidence }
    if (!g || g.confidence < ROLE_CONFIDENCE) return
    const kind = KIND_OF[g.role]
    if (kind === null || kind === u.kind || KEPT.has(u.kind)) return
    if (u.kind === 'subtitle' && kind === 'heading') return
    // a line ending in a column tag (`…（回音）`) is a title's: bylines carry no tag
    if (kind === 'byline' && u.kind === 'heading' && endsWithTag(u.text)) return
    // a paragraph taken out of the text flow costs most when wrong: it needs a surer guess
    if (u.kind === 'body' && kind === 'caption' && g.confidence < CAPTION_CONFIDENCE) return
    // a title read as text is a lost article; short text lines (poems, cut words) make the model
    // see body in lines a title-shaped line may well be
    if (u.kind === 'heading' && kind === 'body' && g.confidence < TEXT_CONFIDENCE) return
    u.kind = kind
  })
}

