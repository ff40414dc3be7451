// What each line of an article is, as the editor sees it in the gutter and sets it by key. An
// article's fields (kicker, title, subtitle, byline, subheads, captions, credit) are read from
// these roles when the editor gave them (core/pipeline/describe.ts), so the gutter shows what
// every export writes. Without the editor's roles they are read back from the stored fields here.

export const LINE_ROLES = ['kicker', 'title', 'subtitle', 'byline', 'dateline', 'subhead', 'body', 'caption', 'credit', 'furniture'] as const

export type LineRole = (typeof LINE_ROLES)[number]

/** A role a line of the article's range; null for a blank line. */
export type ArticleRoles = Array<LineRole | null>

/** The fields of an article the roles are read back from (an ArticleRecord is one). */
export interface RoleFields {
  kind: string
  kicker: string | null
  title: string
  subtitle: string | null
  headings: readonly string[]
  byline: string | null
  paragraphs: ReadonlyArray<{ role: 'body' | 'subhead'; text: string }>
  captions: readonly string[]
  roles?: ArticleRoles | null
}

const SPACE = /[\s\u00a0\u3000]/
const SPACES = /[\s\u00a0\u3000]+/g
const squash = (s: string): string => (SPACE.test(s) ? s.replace(SPACES, '') : s)
const CREDIT = /(摄影?|供图|制图|绘)\s*[）)]?$/
const DATELINE = /(电|讯)\s*[）)]?$/

export function isBlankLine(line: string | undefined): boolean {
  return (line ?? '').trim() === ''
}

/**
 * The role of each line of [startLine, endLine): the editor's when the article carries them,
 * else the field each line went into. A line that went into no field is not exported: it shows
 * as furniture unless its form says credit or dateline.
 */
export function rolesOf(fields: RoleFields | null, lines: readonly string[], startLine: number, endLine: number): ArticleRoles {
  const n = Math.max(0, endLine - startLine)
  const given = fields?.kind === 'furniture' ? null : fields?.roles
  if (given && given.length === n) return given.map((r, i) => (isBlankLine(lines[startLine + i]) ? null : (r ?? 'body')))
  const out: ArticleRoles = new Array<LineRole | null>(n).fill(null)
  if (!fields) {
    for (let i = 0; i < n; i++) if (!isBlankLine(lines[startLine + i])) out[i] = 'body'
    return out
  }
  if (fields.kind === 'furniture') {
    for (let i = 0; i < n; i++) if (!isBlankLine(lines[startLine + i])) out[i] = 'furniture'
    return out
  }
  const kicker = fields.kicker ? squash(fields.kicker) : ''
  const title = squash(fields.title)
  const subtitle = fields.subtitle ? squash(fields.subtitle) : ''
  /** Heading lines that are none of the three fields (a section banner), by where they stand. */
  const guessed: number[] = []
  // The fields' texts not yet found on a line, by text (in the order headings, paragraphs,
  // captions), so that a page of many thousand lines is read in one pass; a caption may also be
  // the start of its line.
  type Pending = { role: LineRole | 'heading'; text: string; used: boolean }
  const byText = new Map<string, Pending[]>()
  const captions: Pending[] = []
  const add = (role: Pending['role'], raw: string): void => {
    const item = { role, text: squash(raw), used: false }
    if (!item.text) return
    const queue = byText.get(item.text)
    if (queue) queue.push(item)
    else byText.set(item.text, [item])
    if (role === 'caption') captions.push(item)
  }
  for (const h of fields.headings) add('heading', h)
  for (const p of fields.paragraphs) add(p.role, p.text)
  for (const c of fields.captions) add('caption', c)
  const take = (text: string): Pending | null => {
    const exact = byText.get(text)?.find((p) => !p.used) ?? captions.find((p) => !p.used && text.startsWith(p.text))
    if (!exact) return null
    exact.used = true
    return exact
  }
  const byline = fields.byline ? squash(fields.byline) : ''
  let titled = false
  let bylined = false
  for (let i = 0; i < n; i++) {
    const text = squash(lines[startLine + i] ?? '')
    if (!text) continue
    const p = take(text)
    if (p) {
      if (p.role !== 'heading') out[i] = p.role
      else if (!titled && title && text === title) out[i] = 'title'
      else if (kicker && text === kicker) out[i] = 'kicker'
      else if (subtitle && subtitle.includes(text)) out[i] = 'subtitle'
      else {
        out[i] = titled ? 'subtitle' : 'kicker'
        guessed.push(i)
      }
      if (out[i] === 'title') titled = true
      continue
    }
    if (byline && !bylined && text.includes(byline)) {
      out[i] = 'byline'
      bylined = true
    } else if (CREDIT.test(text) && text.length <= 30) out[i] = 'credit'
    else if (DATELINE.test(text) && text.length <= 30) out[i] = 'dateline'
    else out[i] = 'furniture'
  }
  // A title the editor typed matches no line: the heading line it stands for is the last one guessed above it.
  const stand = guessed.filter((i) => out[i] === 'kicker').at(-1)
  if (!titled && stand !== undefined) out[stand] = 'title'
  return out
}

/** The next role in LINE_ROLES' order (or the one before), for the key that walks through them. */
export function stepRole(role: LineRole | null, direction: 1 | -1): LineRole {
  const i = role === null ? (direction === 1 ? -1 : 0) : LINE_ROLES.indexOf(role)
  return LINE_ROLES[(i + direction + LINE_ROLES.length) % LINE_ROLES.length]!
}
