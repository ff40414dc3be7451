import type { StructureRole } from '../../shared/types'
import { isBylineLine, isFurnitureLine, trailingCredit } from '../analysis/cues'

/** What an article says about its lines: the fields the store keeps for it. */
export interface ArticleShape {
  kind: 'article' | 'caption' | 'fragment' | 'furniture'
  startLine: number
  endLine: number
  kicker: string | null
  title: string
  subtitle: string | null
  headings: readonly string[]
  byline: string | null
  paragraphs: readonly { role: 'body' | 'subhead'; text: string }[]
  captions: readonly string[]
}

const squash = (s: string): string => s.replace(/[\s\u00a0\u3000]+/g, '')
const SHORT_CREDIT = /(?:摄|摄影|供图|绘)\s*(?:[（(][^（）()]{1,10}[）)])?$/

/** A line that is nothing but a credit (`新华社记者 X 摄`, `X供图`), not a caption with one at its end. */
export function isCreditLine(line: string): boolean {
  const t = line.trim()
  if (isBylineLine(t)) return true
  // a short line that only names who took or gave the picture: `X摄`, `X供图（影像中国）`
  if (squash(t).length <= 24 && SHORT_CREDIT.test(t) && !/[。，！？]/.test(t)) return true
  const credit = trailingCredit(t)
  return credit !== null && squash(credit).length >= squash(t).replace(/^[（(]|[）)]$/g, '').length - 2
}

/**
 * The role of each line of a page's text, read from its articles: the lines their headings,
 * byline, paragraphs and captions are, the lines of furniture blocks, and lines an article
 * leaves out (furniture inside its range). Lines in no article have no role.
 */
export function rolesFromArticles(lines: readonly string[], articles: readonly ArticleShape[]): Map<number, StructureRole> {
  const roles = new Map<number, StructureRole>()
  for (const a of articles) {
    const end = Math.min(a.endLine, lines.length)
    if (a.kind === 'furniture') {
      for (let i = a.startLine; i < end; i++) if (lines[i]!.trim() !== '') roles.set(i, 'furniture')
      continue
    }
    if (a.kind === 'caption') {
      for (let i = a.startLine; i < end; i++) if (lines[i]!.trim() !== '') roles.set(i, isCreditLine(lines[i]!) ? 'credit' : 'caption')
      continue
    }
    const titleAt = a.title ? a.headings.findIndex((h) => squash(h) === squash(a.title)) : -1
    const wanted: Array<[StructureRole, string]> = []
    a.headings.forEach((h, i) => {
      const role: StructureRole = i === titleAt ? 'title' : titleAt >= 0 && i > titleAt ? 'subtitle' : h === a.kicker ? 'kicker' : titleAt < 0 ? 'title' : 'kicker'
      wanted.push([role, h])
    })
    if (titleAt < 0 && a.title && !a.headings.length) wanted.push(['title', a.title])
    for (const p of a.paragraphs) wanted.push([p.role === 'subhead' ? 'subhead' : 'body', p.text])
    for (const c of a.captions) wanted.push([isCreditLine(c) ? 'credit' : 'caption', c])
    const pending = wanted.map(([role, text]) => [role, squash(text)] as const).filter(([, t]) => t.length > 0)
    const byline = a.byline ? squash(a.byline) : ''
    let bylineSeen = false
    for (let i = a.startLine; i < end; i++) {
      const text = squash(lines[i]!)
      if (!text) continue
      const hit = pending.findIndex(([, t]) => t === text)
      if (hit !== -1) {
        roles.set(i, pending[hit]![0])
        pending.splice(hit, 1)
      } else if (byline && !bylineSeen && (text === byline || text.includes(byline)) && text.length <= byline.length + 12) {
        roles.set(i, 'byline')
        bylineSeen = true
      } else if (isFurnitureLine(lines[i]!.trim())) roles.set(i, 'furniture')
    }
  }
  return roles
}
