// Turning a bounded article (its lines with roles) into the fields of a ProposedArticle.
import { endsSentence, startsWithPunct } from './chars'
import { parseLead, trailingCredit } from './cues'
import type { ArticleKind, LineRole, ProposedArticle } from './types'

export interface RoledLine {
  text: string
  role: LineRole
  /** A later copy of text printed earlier on the page. */
  dup?: boolean
}

export type ArticleFields = Omit<ProposedArticle, 'startLine' | 'endLine'>

/** A body that opens on punctuation or on a one-character clause starts in the middle of a sentence. */
export function startsMidSentence(s: string): boolean {
  if (startsWithPunct(s)) return true
  if (/^[们呢吗吧]/.test(s)) return true
  return /^[^，、；：。！？“”（）\s]{1}[，、；]/.test(s)
}

export function buildArticle(kind: ArticleKind, lines: readonly RoledLine[], section: string | null, confidence: number): ArticleFields {
  const headings: string[] = []
  let kicker: string | null = null
  let title = ''
  const subtitles: string[] = []
  let lineByline: string | null = null
  let leadByline: string | null = null
  let creditByline: string | null = null
  const paragraphs: ArticleFields['paragraphs'] = []
  const captions: string[] = []
  let dup = false
  let lastBody: RoledLine | null = null
  let firstBody: RoledLine | null = null
  for (const l of lines) {
    if (l.dup) dup = true
    switch (l.role) {
      case 'banner':
        headings.push(l.text)
        section ??= l.text
        break
      case 'kicker':
        headings.push(l.text)
        kicker ??= l.text
        break
      case 'title':
        headings.push(l.text)
        if (!title) title = l.text
        break
      case 'subtitle':
        headings.push(l.text)
        subtitles.push(l.text)
        break
      case 'byline':
        // the first byline in page order: a line above the body beats the lead's, the lead's beats a line below
        if (paragraphs.length === 0 || !leadByline) lineByline ??= l.text
        break
      case 'subhead':
        paragraphs.push({ role: 'subhead', text: l.text })
        break
      case 'caption':
        captions.push(l.text)
        creditByline ??= kind === 'caption' ? trailingCredit(l.text) : null
        break
      case 'body': {
        if (paragraphs.length === 0 && !leadByline) leadByline = parseLead(l.text)?.byline ?? null
        paragraphs.push({ role: 'body', text: l.text })
        firstBody ??= l
        if (!l.dup) lastBody = l
        creditByline ??= null
        break
      }
      case 'furniture':
        break
    }
  }
  if (lastBody && !lineByline && !leadByline) creditByline ??= trailingCredit(lastBody.text)
  const flags: string[] = []
  if (kind !== 'caption') {
    if (lastBody ? !endsSentence(lastBody.text) && trailingCredit(lastBody.text) === null : title !== '') flags.push('continues-elsewhere')
    if (kind === 'fragment' || (firstBody && !parseLead(firstBody.text) && startsMidSentence(firstBody.text))) flags.push('starts-elsewhere')
  }
  if (dup) flags.push('duplicate-text')
  return {
    kind,
    kicker: kicker ?? section,
    section,
    title,
    subtitle: subtitles.length ? subtitles.join(' ') : null,
    headings,
    byline: lineByline ?? leadByline ?? creditByline,
    paragraphs,
    captions,
    flags,
    confidence: Math.round(confidence * 100) / 100
  }
}
