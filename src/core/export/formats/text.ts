import { chineseDate, pageHeading, UNAPPROVED_NOTE } from '../labels'
import type { ExportArticle, ExportEdition, ExportPage } from '../types'

// Plain UTF-8 text for the corpus: the headings, the byline, then one paragraph a block.
// Blank lines separate blocks, so a reader can split on them without knowing the format. The
// first block, in 【】 like the unapproved note, says where the article was printed.

export function renderArticleText(article: ExportArticle, page: ExportPage, edition: ExportEdition): string {
  const blocks: string[] = []
  blocks.push(`【${[edition.title, chineseDate(edition.issueDate), pageHeading(page.label)].filter((p) => !!p).join(' · ')}】`)
  if (!article.approved) blocks.push(`【${UNAPPROVED_NOTE}】`)
  const heads = [article.kicker, article.title, article.subtitle].filter((h): h is string => !!h)
  if (heads.length) blocks.push(heads.join('\n'))
  if (article.byline) blocks.push(article.byline)
  for (const p of article.paragraphs) blocks.push(p.text)
  for (const caption of article.captions) blocks.push(caption)
  return blocks.join('\n\n') + '\n'
}
