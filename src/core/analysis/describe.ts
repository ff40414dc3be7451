// Re-deriving one article's fields from its lines, e.g. after the editor moved a boundary.
import { buildArticle, type ArticleFields, type RoledLine } from './article'
import { isFurnitureLine } from './cues'
import { interpretStack } from './headings'
import type { ArticleKind, LineRole } from './types'
import type { LineRole as EditorRole } from '../../shared/lineRoles'
import { classify, creditOf, isHeadingShaped, type UnitKind } from './units'
import { log } from '../log'

export function describeArticle(lines: string[], kind?: ArticleKind): ArticleFields {
  try {
    return describe(lines, kind)
  } catch (error) {
    log.error('describing an article failed; it is kept without fields', error)
    return buildArticle(kind ?? 'fragment', [], null, 0)
  }
}

function describe(input: readonly string[], given: ArticleKind | undefined): ArticleFields {
  const texts = input
    .flatMap((l) => String(l).split(/\r\n?|\n/))
    .map((l) => l.trim())
    .filter((l) => l !== '' && !isFurnitureLine(l))
  const kinds: UnitKind[] = texts.map(classify)
  // the heading stack: heading-shaped lines before the first paragraph (a comma-bearing one
  // counts when a lead or byline follows it)
  let top = 0
  while (
    top < texts.length &&
    (kinds[top] === 'heading' ||
      kinds[top] === 'subtitle' ||
      (kinds[top] === 'body' && isHeadingShaped(texts[top]!, true) && (kinds[top + 1] === 'lead' || kinds[top + 1] === 'byline')))
  )
    top++
  const hasBody = kinds.some((k, i) => i >= top && (k === 'body' || k === 'lead'))
  const kind: ArticleKind =
    given ?? (top > 0 ? 'article' : !hasBody || (kinds.filter((k) => k === 'body' || k === 'caption').length === 1 && texts.some((t) => creditOf(t))) ? 'caption' : 'fragment')
  const roles: LineRole[] = []
  if (kind === 'caption') {
    texts.forEach((_, i) => roles.push(kinds[i] === 'byline' ? 'byline' : 'caption'))
  } else {
    const stack = interpretStack(texts.slice(0, top))
    for (let i = 0; i < texts.length; i++) {
      if (i < top) {
        roles.push(stack.roles[i]!)
        continue
      }
      const k = kinds[i]!
      roles.push(k === 'byline' ? 'byline' : k === 'caption' ? 'caption' : k === 'heading' || k === 'subtitle' ? (i === texts.length - 1 ? 'caption' : 'subhead') : 'body')
    }
  }
  const roled: RoledLine[] = texts.map((text, i) => ({ text, role: roles[i]! }))
  return buildArticle(kind, roled, null, kind === 'article' ? 0.8 : 0.6)
}

/**
 * An article's fields read from the roles the editor gave its lines (the gutter's roles): each
 * line goes where its role says, so what the editor sees is what every export writes. A dateline
 * is printed with the text and stays a paragraph; a credit is the byline when there is none, else
 * a caption line of its own, never both; furniture lines are left out.
 */
export function describeRoledLines(input: readonly string[], roles: ReadonlyArray<EditorRole | null>, kind: ArticleKind): ArticleFields {
  const roled: RoledLine[] = []
  const credits: string[] = []
  let prevRole: EditorRole | null = null
  input.forEach((raw, i) => {
    const text = String(raw).trim()
    const role = roles[i] ?? 'body'
    if (text === '' || role === 'furniture') return
    const prev = roled.at(-1)
    if (role === 'credit') credits.push(text)
    // a title printed over two lines is one title
    else if (role === 'title' && prev?.role === 'title' && prevRole === 'title') prev.text = `${prev.text} ${text}`
    else roled.push({ text, role: role === 'dateline' ? 'body' : role })
    prevRole = role
  })
  const fields = buildArticle(kind, roled, null, 1)
  // the kicker is the editor's kicker lines (each printed once), never a section banner guessed for it
  fields.kicker = roled.filter((l) => l.role === 'kicker').map((l) => l.text).join(' ') || null
  const credit = credits.join(' ') || null
  if (credit && !fields.byline) fields.byline = credit
  else if (credit) fields.captions = [...fields.captions, credit]
  return fields
}
