import type { ArticleRecord } from '../../../shared/types'

export type LineRole = 'kicker' | 'title' | 'subtitle' | 'subhead' | 'byline' | 'caption'

const squash = (s: string): string => s.replace(/[\s\u00a0\u3000]+/g, '')

/**
 * Finds which lines of an article carry its kicker, title, subheads, byline and captions, by
 * their text: the record names them, the working text says where they are now.
 */
export function lineRoles(lines: readonly string[], startLine: number, endLine: number, record: ArticleRecord | null): Map<number, LineRole> {
  const roles = new Map<number, LineRole>()
  if (!record) return roles
  const wanted: Array<[LineRole, string]> = []
  if (record.kicker) wanted.push(['kicker', record.kicker])
  if (record.title) wanted.push(['title', record.title])
  if (record.subtitle) wanted.push(['subtitle', record.subtitle])
  for (const h of record.headings) wanted.push(['subhead', h])
  for (const p of record.paragraphs) if (p.role === 'subhead') wanted.push(['subhead', p.text])
  for (const c of record.captions) wanted.push(['caption', c])
  const pending = wanted.map(([role, text]) => [role, squash(text)] as const).filter(([, t]) => t.length > 0)
  const byline = record.byline ? squash(record.byline) : ''
  for (let line = startLine; line < Math.min(endLine, lines.length); line++) {
    const text = squash(lines[line] ?? '')
    if (!text) continue
    const hit = pending.findIndex(([role, t]) => (role === 'caption' ? text.startsWith(t) || t.startsWith(text) : text === t))
    if (hit !== -1) {
      roles.set(line, pending[hit]![0])
      pending.splice(hit, 1)
    } else if (byline && !roles.has(-1) && text.startsWith(byline)) {
      roles.set(line, 'byline')
      roles.set(-1, 'byline')
    }
  }
  roles.delete(-1)
  return roles
}
