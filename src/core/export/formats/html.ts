import { chineseDate, displayTitle, pageHeading, UNAPPROVED_LABEL, UNAPPROVED_NOTE } from '../labels'
import type { ExportArticle, ExportEdition } from '../types'
import { EDITION_CSS } from './htmlStyle'
import { element, escapeAttribute, escapeText } from './xml'

// One self-contained, printable HTML file an edition: table of contents, then the pages and
// their articles. No scripts, no external resources — and a CSP that forbids loading any,
// so a stray reference could not reach out even if one slipped in.

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

const pageAnchor = (pageId: number): string => `page-${pageId}`
const articleAnchor = (articleId: number): string => `article-${articleId}`

function renderArticle(article: ExportArticle): string[] {
  const classes = [article.kind === 'caption' ? 'caption-item' : article.kind, article.approved ? null : 'unapproved'].filter(Boolean).join(' ')
  const out = [
    `<article id="${articleAnchor(article.id)}" class="${classes}" data-kind="${article.kind}"` +
      (article.flags.length ? ` data-flags="${escapeAttribute(article.flags.join(' '))}"` : '') +
      '>'
  ]
  if (!article.approved) out.push(element('p', { class: 'status', title: UNAPPROVED_NOTE }, UNAPPROVED_LABEL))
  const head: string[] = []
  if (article.kicker) head.push(element('p', { class: 'kicker' }, article.kicker))
  if (article.title) head.push(element('h3', { class: 'title' }, article.title))
  if (article.subtitle) head.push(element('p', { class: 'subtitle' }, article.subtitle))
  if (article.byline) head.push(element('p', { class: 'byline' }, article.byline))
  if (head.length) out.push('<header>', ...head, '</header>')
  for (const p of article.paragraphs) {
    out.push(p.role === 'subhead' ? element('h4', { class: 'subhead' }, p.text) : element('p', { class: 'body' }, p.text))
  }
  for (const caption of article.captions) out.push(`<figure><figcaption>${escapeText(caption)}</figcaption></figure>`)
  out.push('</article>')
  return out
}

function renderToc(edition: ExportEdition): string[] {
  const out = ['<nav class="toc" aria-label="目录">', '<h2>目录</h2>', '<ol>']
  for (const page of edition.pages) {
    out.push(`<li><a href="#${pageAnchor(page.id)}">${escapeText(pageHeading(page.label))}</a>`, '<ol>')
    for (const a of page.articles) {
      const mark = a.approved ? '' : `<span class="unapproved-mark">${UNAPPROVED_LABEL}</span>`
      out.push(`<li><a href="#${articleAnchor(a.id)}">${escapeText(displayTitle(a))}</a>${mark}</li>`)
    }
    out.push('</ol></li>')
  }
  out.push('</ol>', '</nav>')
  return out
}

export function renderEditionHtml(edition: ExportEdition): string {
  const date = chineseDate(edition.issueDate)
  const out = [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Galley">',
    element('title', {}, date ? `${edition.title} · ${date}` : edition.title),
    `<style>${EDITION_CSS}</style>`,
    '</head>',
    '<body>',
    '<header class="edition">',
    element('h1', {}, edition.title)
  ]
  if (date) out.push(`<p class="edition-date"><time datetime="${escapeAttribute(edition.issueDate ?? '')}">${escapeText(date)}</time></p>`)
  const hasUnapproved = edition.pages.some((p) => p.articles.some((a) => !a.approved))
  if (hasUnapproved) out.push(element('p', { class: 'notice' }, `本文件包含未审定稿件（标“${UNAPPROVED_LABEL}”者），尚未经编辑审定。`))
  out.push('</header>')
  if (edition.pages.length === 0) out.push(element('p', { class: 'notice' }, '本期没有可导出的已审定稿件。'))
  else out.push(...renderToc(edition))
  out.push('<main>')
  for (const page of edition.pages) {
    out.push(`<section class="page" id="${pageAnchor(page.id)}">`, element('h2', { class: 'page-label' }, pageHeading(page.label)))
    for (const article of page.articles) out.push(...renderArticle(article))
    out.push('</section>')
  }
  out.push('</main>', '</body>', '</html>', '')
  return out.join('\n')
}
