import type { ArticleKind, Paragraph } from '../../shared/types'
import type { ArticleInput } from '../store/queries/articles'

/**
 * Reads one article's fields from its lines of the working text, for boundaries the editor set.
 * Plain reading until the analysis module supplies a better one.
 */
export function describeLines(lines: string[], kind: ArticleKind, startLine: number, endLine: number): ArticleInput {
  const content = lines.map((l) => l.trim()).filter((l) => l !== '')
  const isArticle = kind === 'article'
  const title = isArticle ? (content[0] ?? '') : ''
  const body = isArticle ? content.slice(1) : content
  const paragraphs: Paragraph[] = kind === 'caption' ? [] : body.map((text) => ({ role: 'body', text }))
  return {
    kind,
    startLine,
    endLine,
    kicker: null,
    title,
    subtitle: null,
    headings: title ? [title] : [],
    byline: null,
    paragraphs,
    captions: kind === 'caption' ? body : [],
    flags: [],
    confidence: 1
  }
}
