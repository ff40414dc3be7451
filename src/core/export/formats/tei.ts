import { VERSION } from '../../version'
import { displayTitle } from '../labels'
import type { ExportArticle, ExportEdition } from '../types'
import { element, escapeText } from './xml'

// TEI P5, one document an edition: the header names the paper and the issue; the body has a
// div a page (n = the page's label) and in it a div an article (type article, caption or
// fragment; subtype unapproved when it is), with its kicker, title and subtitle as heads, the
// byline, paragraphs, subheads opening sections, and captions as figures. Written to the TEI
// Lite content models (a div's heads and byline first, then at least one paragraph or section);
// test/core/export-archive.test.ts validates it against the published tei_lite.rng with xmllint.

export const TEI_NAMESPACE = 'http://www.tei-c.org/ns/1.0'

export function renderEditionTei(edition: ExportEdition): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<TEI xmlns="${TEI_NAMESPACE}" xml:lang="zh">`, '  <teiHeader>', '    <fileDesc>']
  out.push('      <titleStmt>', `        ${element('title', {}, edition.title || edition.name)}`, '      </titleStmt>')
  out.push('      <publicationStmt>', `        ${element('p', {}, `Exported by Galley ${VERSION}: the articles approved by the editors, cleaned of OCR errors.`)}`, '      </publicationStmt>')
  out.push('      <sourceDesc>', '        <bibl>', `          ${element('title', {}, edition.title || edition.name)}`)
  if (edition.issueDate && /^\d{4}-\d{2}-\d{2}$/.test(edition.issueDate)) out.push(`          ${element('date', { when: edition.issueDate }, edition.issueDate)}`)
  out.push(`          ${element('edition', {}, edition.name)}`, '        </bibl>', '      </sourceDesc>', '    </fileDesc>', '  </teiHeader>', '  <text>', '    <body>')
  const pages = edition.pages.filter((p) => p.articles.length > 0)
  if (pages.length === 0) out.push('      <p/>')
  for (const page of pages) {
    out.push(`      ${open('div', { type: 'page', n: page.label, 'xml:id': `page${page.id}` })}`)
    for (const article of page.articles) out.push(...renderArticle(article).map((l) => `        ${l}`))
    out.push('      </div>')
  }
  out.push('    </body>', '  </text>', '</TEI>', '')
  return out.join('\n')
}

function renderArticle(article: ExportArticle): string[] {
  const out: string[] = [open('div', { type: article.kind, subtype: article.approved ? null : 'unapproved', 'xml:id': `a${article.id}` })]
  if (article.kicker) out.push(`  ${element('head', { type: 'kicker' }, article.kicker)}`)
  const title = article.title || (article.kind === 'article' ? displayTitle(article) : '')
  if (title) out.push(`  ${element('head', {}, title)}`)
  if (article.subtitle) out.push(`  ${element('head', { type: 'sub' }, article.subtitle)}`)
  if (article.byline) out.push(`  ${element('byline', {}, article.byline)}`)
  // paragraphs before the first subhead stand in the article; each subhead opens a section
  const lead: string[] = []
  const sections: string[][] = []
  for (const p of article.paragraphs) {
    if (p.role === 'subhead') sections.push([element('head', {}, p.text)])
    else (sections.length > 0 ? sections[sections.length - 1]! : lead).push(element('p', {}, p.text))
  }
  const figures = article.captions.map((c) => `<figure><head>${escapeText(c)}</head></figure>`)
  for (const section of sections) if (section.length === 1) section.push('<p/>')
  if (lead.length === 0 && sections.length === 0) {
    // a div needs a paragraph after its heads: the captions go in one, or an empty one stands
    out.push(figures.length > 0 ? `  <p>${figures.join('')}</p>` : '  <p/>')
    out.push('</div>')
    return out
  }
  out.push(...lead.map((l) => `  ${l}`))
  for (const section of sections) out.push('  <div type="section">', ...section.map((l) => `    ${l}`), '  </div>')
  out.push(...figures.map((f) => `  ${f}`))
  out.push('</div>')
  return out
}

function open(name: string, attrs: Record<string, string | number | null>): string {
  return element(name, attrs).replace(/\/>$/, '>')
}
