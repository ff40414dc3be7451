import type { ArticleInput } from '../../src/core/store/queries/articles'

/** One line of a page as an article of its own: many articles from little text, for exports that take a while. */
export function lineArticle(line: string, at: number): ArticleInput {
  const title = line.slice(0, 10)
  return {
    kind: 'article',
    startLine: at,
    endLine: at + 1,
    kicker: null,
    title,
    subtitle: null,
    headings: [title],
    byline: null,
    paragraphs: [{ role: 'body', text: line }],
    captions: [],
    flags: [],
    confidence: 1
  }
}
