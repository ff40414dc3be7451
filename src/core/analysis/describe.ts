// Re-deriving one article's fields from its lines, e.g. after the editor moved a boundary.
import { buildArticle, type ArticleFields, type RoledLine } from './article'
import { isFurnitureLine } from './cues'
import { interpretStack } from './headings'
import type { ArticleKind, LineRole } from './types'
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
