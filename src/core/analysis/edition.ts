// Edition evidence: what the other pages of an edition (or of the same publication) show. A line
// whose template recurs on many pages — `本版责编：X`, a date-and-source line under every
// article, a running head — is furniture however one page would read it. The evidence is plain
// data (it can be computed once for a batch, stored, or sent to a worker).
import { endsSentence, hanCount, visibleLength } from './chars'
import { stackVotes } from './headings'
import { lineTemplate } from './profile'

/** Templates of the short lines of a set of pages, with the number of pages each occurs on. */
export interface EditionEvidence {
  /** Pages the counts were made from. */
  pages: number
  /** lineTemplate() → number of those pages it occurs on. */
  templates: Record<string, number>
  /** Sum over the pages of headings.ts stackVotes(): > 0 when the paper prints kickers over titles. */
  stackVotes?: number
}

/** Lines longer than this are never counted: furniture and conventions are short lines. */
const MAX_LINE = 60

function pageTemplates(text: string, lines: string[]): Set<string> {
  const seen = new Set<string>()
  for (const line of lines) {
    const len = visibleLength(line)
    if (len === 0 || len > MAX_LINE) continue
    seen.add(lineTemplate(line))
  }
  return seen
}

/** Counts the templates of the pages of an edition (every page of the batch, each page once). */
export function editionEvidence(texts: Iterable<string>): EditionEvidence {
  const counts = new Map<string, number>()
  let pages = 0
  let votes = 0
  for (const text of texts) {
    pages++
    const lines = text.split(/\r\n?|\n/).map((l) => l.trim()).filter((l) => l !== '')
    for (const t of pageTemplates(text, lines)) counts.set(t, (counts.get(t) ?? 0) + 1)
    votes += stackVotes(lines, (i) => headingLike(lines[i]!))
  }
  const templates: Record<string, number> = {}
  // a template seen on one page only says nothing about the others: left out to keep it small
  for (const [t, n] of counts) if (n >= 2) templates[t] = n
  return { pages, templates, stackVotes: votes }
}

/** Shaped like a heading line, for counting stacks in raw text. */
function headingLike(s: string): boolean {
  const len = visibleLength(s)
  return len >= 4 && len <= 60 && hanCount(s) >= 4 && !endsSentence(s) && !s.includes('。')
}

export interface EditionStats {
  /** Share of the OTHER pages of the edition on which the template occurs (0..1). */
  templateShare(template: string): number
  /** The edition's stackVotes (this page's own included). */
  stackVotes: number
}

/**
 * Lookups over evidence that includes the page being analysed (as for an imported batch): its
 * own occurrence is taken off. Null when there is no other page to learn from.
 */
export function editionStats(evidence: EditionEvidence | null | undefined): EditionStats | null {
  if (!evidence || !(evidence.pages >= 2) || typeof evidence.templates !== 'object' || evidence.templates === null) return null
  const others = evidence.pages - 1
  const templates = evidence.templates
  return {
    stackVotes: Number.isFinite(evidence.stackVotes) ? Number(evidence.stackVotes) : 0,
    templateShare: (t) => {
      const n = Object.prototype.hasOwnProperty.call(templates, t) ? Number(templates[t]) : 0
      return n >= 2 ? Math.min(1, (n - 1) / others) : 0
    }
  }
}
