import { chineseDate, displayTitle, pageHeading, UNAPPROVED_NOTE } from '../labels'
import type { ExportArticle, ExportEdition, ExportPage, WriteContext } from '../types'

// Markdown for the text corpus and the website: YAML front matter, then the article.

/** A YAML double-quoted scalar; JSON's escaping is valid YAML, line separators aside. */
function yamlString(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\L').replace(/\u2029/g, '\\P').replace(/\u0085/g, '\\N')
}

function yamlValue(value: string | number | boolean | null | readonly string[]): string {
  if (value === null) return 'null'
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (typeof value === 'string') return yamlString(value)
  return value.length ? `[${value.map(yamlString).join(', ')}]` : '[]'
}

function frontMatter(fields: [string, string | number | boolean | null | readonly string[]][]): string {
  return ['---', ...fields.map(([k, v]) => `${k}: ${yamlValue(v)}`), '---', ''].join('\n')
}

/** Text as literal Markdown: punctuation that could start markup is escaped. */
export function escapeMarkdown(text: string): string {
  let out = text.replace(/[\\`*_{}[\]<>#|~!&]/g, '\\$&')
  // What only counts at the start of a line: a list, a quote, a numbered item, a rule, a heading.
  out = out.replace(/^([-+=>])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2')
  return out
}

// The heading comes first so that everything of an article sits under it (readers and
// converters split a document at headings); the kicker follows it in italics.
function articleBody(article: ExportArticle, headingLevel: number): string[] {
  const h = '#'.repeat(headingLevel)
  const lines: string[] = []
  if (article.title) lines.push(`${h} ${escapeMarkdown(article.title)}`, '')
  else if (headingLevel > 1) lines.push(`${h} ${escapeMarkdown(untitledHeading(article))}`, '')
  if (!article.approved) lines.push(`> **${escapeMarkdown(UNAPPROVED_NOTE)}**`, '')
  if (article.kicker) lines.push(`*${escapeMarkdown(article.kicker)}*`, '')
  if (article.subtitle) lines.push(`**${escapeMarkdown(article.subtitle)}**`, '')
  if (article.byline) lines.push(escapeMarkdown(article.byline), '')
  for (const p of article.paragraphs) {
    if (p.role === 'subhead') lines.push(`${h}# ${escapeMarkdown(p.text)}`, '')
    else lines.push(escapeMarkdown(p.text), '')
  }
  for (const caption of article.captions) lines.push(`> ${escapeMarkdown(caption)}`, '')
  return lines
}

/** A heading for an item without a title, in a file of many: what it is, not its first words. */
function untitledHeading(article: ExportArticle): string {
  if (article.kind === 'caption') return '图片说明'
  return article.flags.includes('starts-elsewhere') ? '（续）' : '（无题）'
}

export function renderArticleMarkdown(article: ExportArticle, page: ExportPage, edition: ExportEdition): string {
  const head = frontMatter([
    ['title', article.title || displayTitle(article)],
    ['kicker', article.kicker],
    ['subtitle', article.subtitle],
    ['byline', article.byline],
    ['edition', edition.name],
    ['edition_title', edition.title],
    ['date', edition.issueDate],
    ['page', page.label],
    ['kind', article.kind],
    ['approved', article.approved],
    ['flags', article.flags],
    ['id', article.id],
    ['revision', page.revisionId]
  ])
  return head + '\n' + articleBody(article, 1).join('\n')
}

/** The whole edition in one file: pages as second-level headings, articles below them. */
export function renderEditionMarkdown(edition: ExportEdition, ctx: WriteContext): string {
  const head = frontMatter([
    ['title', edition.title],
    ['edition', edition.name],
    ['date', edition.issueDate],
    ['pages', edition.pages.length],
    ['articles', edition.pages.reduce((n, p) => n + p.articles.length, 0)],
    ['includes_unapproved', ctx.includeUnapproved]
  ])
  const lines = [`# ${escapeMarkdown(edition.title)}`, '']
  const date = chineseDate(edition.issueDate)
  if (date) lines.push(escapeMarkdown(date), '')
  for (const page of edition.pages) {
    lines.push(`## ${escapeMarkdown(pageHeading(page.label))}`, '')
    for (const article of page.articles) lines.push(...articleBody(article, 3))
  }
  return head + '\n' + lines.join('\n')
}
