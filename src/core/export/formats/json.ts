import type { ExportArticle, ExportEdition, ExportPage, WriteContext } from '../types'

// The edition as data, for the archive and the website. Its shape is the JSON Schema in
// resources/schema/galley-edition.schema.json; change both together and bump FORMAT_VERSION.

export const FORMAT_NAME = 'galley-edition'
export const FORMAT_VERSION = 1

export interface JsonArticle {
  id: number
  kind: ExportArticle['kind']
  position: number
  approval: 'approved' | 'unapproved'
  page: string
  revisionId: number | null
  kicker: string | null
  title: string
  subtitle: string | null
  headings: string[]
  byline: string | null
  paragraphs: { role: 'body' | 'subhead'; text: string }[]
  captions: string[]
  flags: string[]
}

export interface JsonEdition {
  format: typeof FORMAT_NAME
  formatVersion: typeof FORMAT_VERSION
  edition: { name: string; title: string; issueDate: string | null }
  includesUnapproved: boolean
  pages: {
    id: number
    label: string
    order: number
    sourceName: string
    revisionId: number | null
    articles: JsonArticle[]
  }[]
}

export function toJsonArticle(article: ExportArticle, page: ExportPage): JsonArticle {
  return {
    id: article.id,
    kind: article.kind,
    position: article.position,
    approval: article.approved ? 'approved' : 'unapproved',
    page: page.label,
    revisionId: page.revisionId,
    kicker: article.kicker,
    title: article.title,
    subtitle: article.subtitle,
    headings: article.headings,
    byline: article.byline,
    paragraphs: article.paragraphs.map((p) => ({ role: p.role, text: p.text })),
    captions: article.captions,
    flags: article.flags
  }
}

export function renderEditionJson(edition: ExportEdition, ctx: WriteContext): string {
  const doc: JsonEdition = {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    edition: { name: edition.name, title: edition.title, issueDate: edition.issueDate },
    includesUnapproved: ctx.includeUnapproved,
    pages: edition.pages.map((page) => ({
      id: page.id,
      label: page.label,
      order: page.order,
      sourceName: page.sourceName,
      revisionId: page.revisionId,
      articles: page.articles.map((a) => toJsonArticle(a, page))
    }))
  }
  return JSON.stringify(doc, null, 2) + '\n'
}
