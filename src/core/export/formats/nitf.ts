import { displayTitle } from '../labels'
import type { ExportArticle, ExportEdition, ExportPage } from '../types'
import { element, escapeText } from './xml'

// NITF 3.6, one document an article, for news archives and syndication. The title goes to
// hl1, the kicker and the subtitle to hl2 (NITF has one main headline and subordinate ones,
// told apart by class); subheads are hl2 inside body.content; captions are media captions.
// An unapproved article is marked in docdata: management-status "withheld" and an ed-msg.
// The captions' photos are not in the store: their media-reference names no source.

export const NITF_VERSION = '-//IPTC//DTD NITF 3.6//EN'

/** `2024-05-01` → `20240501`, NITF's ISO 8601 basic form. */
function normDate(iso: string | null): string | null {
  return iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.replace(/-/g, '') : null
}

export function nitfDocId(edition: ExportEdition, article: ExportArticle): string {
  return `galley:${edition.name}:${article.id}`
}

export function renderArticleNitf(article: ExportArticle, page: ExportPage, edition: ExportEdition): string {
  const date = normDate(edition.issueDate)
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<nitf version="${NITF_VERSION}" baselang="zh-CN">`, '  <head>']
  out.push(`    ${element('title', {}, article.title || displayTitle(article))}`)
  out.push(`    <docdata management-status="${article.approved ? 'usable' : 'withheld'}">`)
  out.push(`      ${element('doc-id', { 'id-string': nitfDocId(edition, article), regsrc: 'Galley' })}`)
  // The page and the revision of its working text the article was read from.
  out.push(`      ${element('du-key', { key: `galley:page:${page.id}`, version: page.revisionId })}`)
  if (date) out.push(`      ${element('date.issue', { norm: date })}`)
  if (!article.approved) out.push(`      ${element('ed-msg', { 'msg-type': 'approval', info: 'unapproved: not yet approved by an editor' })}`)
  out.push('      <identified-content>')
  out.push(`        ${element('classifier', { type: 'galley:kind', value: article.kind })}`)
  for (const flag of article.flags) out.push(`        ${element('classifier', { type: 'galley:flag', value: flag })}`)
  out.push('      </identified-content>')
  out.push('    </docdata>')
  out.push(
    `    ${element('pubdata', {
      type: 'print',
      'date.publication': date,
      name: edition.title,
      'edition.name': edition.name,
      'position.section': page.label,
      'position.sequence': article.position + 1
    })}`
  )
  out.push('  </head>', '  <body>', '    <body.head>')
  if (article.title) {
    out.push('      <hedline>', `        ${element('hl1', {}, article.title)}`)
    if (article.kicker) out.push(`        ${element('hl2', { class: 'kicker' }, article.kicker)}`)
    if (article.subtitle) out.push(`        ${element('hl2', { class: 'subtitle' }, article.subtitle)}`)
    out.push('      </hedline>')
  }
  if (article.byline) out.push(`      ${element('byline', {}, article.byline)}`)
  out.push('    </body.head>', '    <body.content>')
  for (const p of article.paragraphs) {
    out.push(`      ${p.role === 'subhead' ? element('hl2', { class: 'subhead' }, p.text) : element('p', {}, p.text)}`)
  }
  for (const caption of article.captions) {
    out.push(
      '      <media media-type="image">',
      '        <media-reference mime-type="image/*"/>',
      `        <media-caption>${escapeText(caption)}</media-caption>`,
      '      </media>'
    )
  }
  out.push('    </body.content>', '  </body>', '</nitf>', '')
  return out.join('\n')
}
