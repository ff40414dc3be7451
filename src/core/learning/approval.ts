import type { Db } from '../store/database'
import type { ImportItemResult } from '../../shared/types'
import { findPublicationByName, publicationOfPage } from '../store/queries/publications'
import { getPublicationModel, listRules, recordDecisions, type RuleChange } from '../store/queries/learning'
import { MODEL_KEY } from './repropose'
import { relearnPublication } from './publicationProfile'
import { scheduleReproposal } from './reproposalJobs'

/**
 * Approved pages become evidence for their publications: the approval is recorded and each
 * publication's rules are learnt again, in the caller's transaction. Returns the publications,
 * whose untouched pages the caller then has proposed again (proposeAgain), after the commit.
 */
export function learnFromApproval(db: Db, pageIds: readonly number[], via: string): Learnt[] {
  const publications = new Set<number>()
  for (const pageId of pageIds) {
    const publicationId = publicationOfPage(db, pageId)
    recordDecisions(db, publicationId, [{ pageId, revisionId: null, action: 'approve', via }])
    if (publicationId !== null) publications.add(publicationId)
  }
  return [...publications].map((publicationId) => ({ publicationId, changes: relearnPublication(db, publicationId) }))
}

/** The page's publication learnt again (its approved page changed), without recording an approval. */
export function relearnOnly(db: Db, pageId: number): Learnt[] {
  const publicationId = publicationOfPage(db, pageId)
  return publicationId === null ? [] : [{ publicationId, changes: relearnPublication(db, publicationId) }]
}

/** Rules of a publication that came into force or went out of it. */
export interface Learnt {
  publicationId: number
  changes: RuleChange[]
}

/** Starts proposing again the untouched pages the changed rules may change; the promise settles when they are done. */
export function proposeAgain(db: Db, learnt: readonly Learnt[], options: { suggestions?: boolean } = {}): Promise<void> {
  return Promise.all(learnt.filter((l) => l.changes.length > 0).map((l) => scheduleReproposal(db, l.publicationId, l.changes, options))).then(() => undefined)
}

/**
 * Pages imported into a publication that has learnt rules are proposed with them: the rules are
 * handed to the re-proposal job as new, which analyses again only the pages they can change.
 */
export function learntForImported(db: Db, items: readonly ImportItemResult[]): Learnt[] {
  const names = new Set(items.filter((i) => i.status === 'imported' && i.publication).map((i) => i.publication!))
  const out: Learnt[] = []
  for (const name of names) {
    const publication = findPublicationByName(db, name)
    if (!publication) continue
    const changes = listRules(db, publication.id, 'active').map((r): RuleChange => ({ template: r.template, role: r.role, added: true }))
    if (getPublicationModel(db, publication.id)?.state === 'active') changes.push({ template: MODEL_KEY, role: 'body', added: true })
    if (changes.length > 0) out.push({ publicationId: publication.id, changes })
  }
  return out
}
