import { ApiError, type ApiArgs, type Handlers } from '../../shared/api'
import type { ArticleRecord, StructureRole } from '../../shared/types'
import { listStoredArticles, replaceStoredArticles } from '../store/queries/articles'
import { decideSuggestion, getSuggestion } from '../store/queries/suggestions'
import { getPageRow } from '../store/queries/pages'
import { getRevision } from '../store/queries/revisions'
import { getLineRoles, recordDecisions, setLineRoles } from '../store/queries/learning'
import { publicationOfPage } from '../store/queries/publications'
import { structureDecisions } from '../learning/decisions'
import { rolesFromArticles } from '../learning/lineRoles'
import { learnFromApproval, proposeAgain, relearnOnly, type Learnt } from '../learning/approval'
import { checkBoundaries, placeArticles } from './articleRanges'
import type { ServiceContext } from './context'
import { learnFrom, refreshPageStatus } from './editing'
import { inWriteTransaction } from './commitRevision'

export type ArticleChoices = ApiArgs<'updateArticles'>['articles']

/** Where a decision was made, as the decisions table records it. */
export function via(ctx: ServiceContext): string {
  return ctx.mode
}

/**
 * The editor's articles for a revision of the page (which must be its current one), in the
 * caller's transaction: checked, stored with the roles given to lines, every decision recorded
 * against the page's publication. Returns the publications to propose again when the page
 * became approved.
 */
export function applyArticleChoices(ctx: ServiceContext, pageId: number, revisionId: number, articles: ArticleChoices): { records: ArticleRecord[]; publications: Learnt[] } {
  const { db } = ctx
  const page = getPageRow(db, pageId)
  if (!page) throw new ApiError('not-found', `page ${pageId} does not exist`)
  if (page.currentRevisionId !== revisionId) {
    throw new ApiError('conflict', `page ${pageId} is now at revision ${page.currentRevisionId}, not ${revisionId}; reload it`)
  }
  const lines = getRevision(db, revisionId)!.text.split('\n')
  const sorted = checkBoundaries(articles, lines.length)
  const before = listStoredArticles(db, pageId, { revisionId, lines })
  const rolesBefore = rolesFromArticles(lines, before)
  const given = getLineRoles(db, pageId, revisionId)
  for (const [line, role] of given) rolesBefore.set(line, role)

  // The one placement of boundaries, and of the roles the editor gave an article's lines (placeArticles).
  const placed = placeArticles(before, lines, lines, { boundaries: sorted, decisions: 'keep' }).articles
  const rolesNow = new Map<number, StructureRole>()
  for (const a of sorted) a.roles?.forEach((role, j) => role && rolesNow.set(a.startLine + j, role))
  const records = replaceStoredArticles(db, pageId, revisionId, placed, lines)
  if (rolesNow.size > 0) {
    // Roles given before to lines of articles sent without roles stay.
    for (const [line, role] of given) if (!sorted.some((a) => a.roles?.length && line >= a.startLine && line < a.endLine)) rolesNow.set(line, role)
    setLineRoles(db, pageId, revisionId, rolesNow)
  }
  const decisions = structureDecisions(lines, before, sorted, rolesBefore, new Map([...rolesNow].filter(([line]) => !given.has(line) || given.get(line) !== rolesNow.get(line))))
  recordDecisions(db, publicationOfPage(db, pageId), decisions.map((d) => ({ ...d, pageId, revisionId, via: via(ctx) })))
  const wasApproved = page.status === 'approved'
  refreshPageStatus(ctx, pageId)
  if (getPageRow(db, pageId)?.status !== 'approved') return { records, publications: [] }
  // Approved now, or an approved page whose structure the editor changed: its evidence is new.
  if (wasApproved && decisions.length === 0) return { records, publications: [] }
  return { records, publications: wasApproved ? relearnOnly(db, pageId) : learnFromApproval(db, [pageId], via(ctx)) }
}

export function structureHandlers(ctx: ServiceContext): Pick<Handlers, 'updateArticles' | 'decideSuggestions'> {
  const { db } = ctx
  return {
    updateArticles: ({ pageId, revisionId, articles }) => {
      const { records, publications } = inWriteTransaction(ctx, () => applyArticleChoices(ctx, pageId, revisionId, articles))
      void proposeAgain(db, publications)
      return records
    },
    decideSuggestions: ({ suggestionIds, decision }) =>
      inWriteTransaction(ctx, () => {
        let decided = 0
        for (const id of suggestionIds) {
          const suggestion = getSuggestion(db, id)
          if (!suggestion) throw new ApiError('not-found', `suggestion ${id} does not exist`)
          decideSuggestion(db, id, decision)
          learnFrom(ctx, suggestion, decision)
          decided++
        }
        return { decided }
      })
  }
}
