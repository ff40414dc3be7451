// Where the role model overrides the shape of a line that the later stages (joins, articles)
// read. Only confident guesses change anything, and only in the ways listed here.
import type { LineRoleGuess } from './roles'
import type { LineRole } from './types'
import type { Unit, UnitKind } from './units'

/** Below this the line keeps the kind its own form gives it. */
export const ROLE_CONFIDENCE = 0.75

const KIND_OF: Record<LineRole, UnitKind | null> = {
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

export function applyRoles(units: Unit[], guesses: readonly LineRoleGuess[]): void {
  units.forEach((u, i) => {
    const g = guesses[i]
    if (!g || g.confidence < ROLE_CONFIDENCE) return
    const kind = KIND_OF[g.role]
    // a lead paragraph and a dash subtitle are read from their own form; so is body text that
    // the model would make a heading (long lines never are)
    if (kind === null || u.kind === 'lead' || kind === u.kind) return
    if (u.kind === 'subtitle' && kind === 'heading') return
    u.kind = kind
  })
}
