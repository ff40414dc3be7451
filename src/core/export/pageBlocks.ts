import type { ExportArticle } from './types'

/** What a block of an exported article is, for the page formats (ALTO, PAGE). */
export type BlockRole = 'kicker' | 'title' | 'subtitle' | 'byline' | 'paragraph' | 'subhead' | 'caption'

export interface ArticleBlock {
  role: BlockRole
  text: string
}

/** An article's blocks in reading order: headings, byline, paragraphs (subheads marked), captions. */
export function articleBlocks(article: ExportArticle): ArticleBlock[] {
  const out: ArticleBlock[] = []
  if (article.kicker) out.push({ role: 'kicker', text: article.kicker })
  if (article.title) out.push({ role: 'title', text: article.title })
  if (article.subtitle) out.push({ role: 'subtitle', text: article.subtitle })
  if (article.byline) out.push({ role: 'byline', text: article.byline })
  for (const p of article.paragraphs) out.push({ role: p.role === 'subhead' ? 'subhead' : 'paragraph', text: p.text })
  for (const c of article.captions) out.push({ role: 'caption', text: c })
  return out.filter((b) => b.text.trim() !== '')
}
