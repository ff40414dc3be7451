import type { Db } from '../store/database'
import type { PublicationProfile } from '../analysis/profile'
import { editionEvidence, type EditionEvidence } from '../analysis'
import { listArticles } from '../store/queries/articles'
import { approvedPagesOf, getLineRoles, listRules, publicationOriginals, replaceLearntRules, type RuleChange } from '../store/queries/learning'
import { getPublication } from '../store/queries/publications'
import { learnRules, profileFromRules, type PageEvidence } from './learn'
import { rolesFromArticles } from './lineRoles'

/** The roles of an approved page's lines: what its articles say, and what the editor said of single lines. */
export function pageEvidence(db: Db, pageId: number, revisionId: number, text: string): PageEvidence {
  const lines = text.split('\n')
  const roles = rolesFromArticles(lines, listArticles(db, pageId))
  for (const [line, role] of getLineRoles(db, pageId, revisionId)) if (line < lines.length) roles.set(line, role)
  return { pageId, lines: [...roles.entries()].sort((a, b) => a[0] - b[0]).map(([line, role]) => ({ text: lines[line]!, role })) }
}

/**
 * Learns the publication's rules again from all its approved pages (a few ms for hundreds of
 * pages). Runs in the caller's transaction.
 */
export function relearnPublication(db: Db, publicationId: number): RuleChange[] {
  const evidence = approvedPagesOf(db, publicationId).map((p) => pageEvidence(db, p.pageId, p.revisionId, p.text))
  return replaceLearntRules(db, publicationId, learnRules(evidence))
}

/** The profile the analysis gets for a publication's pages: its active rules; null when it has none. */
export function publicationProfile(db: Db, publicationId: number): PublicationProfile | null {
  const publication = getPublication(db, publicationId)
  if (!publication) return null
  const rules = listRules(db, publicationId, 'active')
  return rules.length === 0 ? null : profileFromRules(publication.name, rules)
}

/** Pages of a publication read for its evidence: as many as an edition's (import/editionEvidence.ts). */
const EVIDENCE_PAGES = 48

/**
 * What the publication's stored pages show (recurring line templates), for a page analysed
 * outside the store (`galley analyze --publication`): the evidence an import gives a page from
 * the other pages of its edition. Null with fewer than two pages.
 */
export function publicationEvidence(db: Db, publicationId: number): EditionEvidence | null {
  const texts = publicationOriginals(db, publicationId, EVIDENCE_PAGES).map((t) => t.replace(/\r\n?/g, '\n'))
  return texts.length >= 2 ? editionEvidence(texts) : null
}
