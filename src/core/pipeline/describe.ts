import type { ArticleKind } from '../../shared/types'
import { describeArticle, describeRoledLines } from '../analysis'
import type { ArticleRoles } from '../../shared/lineRoles'
import type { ArticleInput } from '../model/article'

/**
 * Reads one article's fields from its lines of the working text, for boundaries the editor set
 * and for articles whose text the editor changed: the page analysis' own reading of an
 * article, with the kind the editor chose. Furniture is kept as plain lines.
 */
export function describeLines(lines: string[], kind: ArticleKind, startLine: number, endLine: number, roles?: ArticleRoles | null): ArticleInput {
  if (roles && roles.length === lines.length && kind !== 'furniture') {
    const fields = describeRoledLines(lines, roles, kind)
    const { section: _section, ...rest } = fields
    return { ...rest, kind, startLine, endLine, roles: [...roles] }
  }
  if (kind === 'furniture') {
    const content = lines.map((l) => l.trim()).filter((l) => l !== '')
    return { kind, startLine, endLine, kicker: null, title: '', subtitle: null, headings: [], byline: null, paragraphs: content.map((text) => ({ role: 'body', text })), captions: [], flags: [], confidence: 1 }
  }
  const fields = describeArticle(lines, kind)
  return {
    kind,
    startLine,
    endLine,
    kicker: fields.kicker,
    title: fields.title,
    subtitle: fields.subtitle,
    headings: fields.headings,
    byline: fields.byline,
    paragraphs: fields.paragraphs,
    captions: fields.captions,
    flags: fields.flags,
    confidence: fields.confidence
  }
}
