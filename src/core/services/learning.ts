import { ApiError, type Handlers } from '../../shared/api'
import { TEMPLATE_VERSION } from '../analysis'
import { PROFILE_FORMAT, type ProfileFile } from '../../shared/learningFiles'
import { nowIso } from '../store/queries/time'
import { getPageSummary } from '../store/queries/pages'
import { findOrCreatePublication, getPublication, listPublications } from '../store/queries/publications'
import { getArticle } from '../store/queries/articles'
import { getPublicationModel, getRule, importRules, listDecisions, listReproposals, listRules, setPublicationModel, setPublicationModelState, setRuleState } from '../store/queries/learning'
import { MODEL_KEY } from '../learning/repropose'
import { learnFromApproval, proposeAgain } from '../learning/approval'
import { reproposalStatus } from '../learning/reproposalJobs'
import { setPageStructure } from '../learning/structureSet'
import type { ServiceContext } from './context'
import { via } from './structure'
import { inWriteTransaction } from './commitRevision'

type LearningHandlers = Pick<
  Handlers,
  | 'listPublications'
  | 'listLearntRules'
  | 'undoLearntRule'
  | 'listPageChanges'
  | 'listStructureDecisions'
  | 'learningStatus'
  | 'exportProfile'
  | 'setLearntModelState'
  | 'importProfile'
  | 'setPageStructure'
  | 'approvePage'
  | 'setArticleStatus'
>

function publicationOrThrow(ctx: ServiceContext, publicationId: number): { id: number; name: string } {
  const publication = getPublication(ctx.db, publicationId)
  if (!publication) throw new ApiError('not-found', `publication ${publicationId} does not exist`)
  return publication
}

/** A publication's rules as a file another workstation can import. */
export function profileFile(ctx: ServiceContext, publicationId: number): ProfileFile {
  const publication = publicationOrThrow(ctx, publicationId)
  const model = getPublicationModel(ctx.db, publicationId)
  return {
    format: PROFILE_FORMAT,
    version: 1,
    publication: publication.name,
    templateVersion: TEMPLATE_VERSION,
    exportedAt: nowIso(),
    rules: listRules(ctx.db, publicationId).map((r) => ({ template: r.template, role: r.role, lines: r.lines, pages: r.pages, example: r.example, state: r.state })),
    ...(model ? { model: { features: [...model.adjustment.features], roles: [...model.adjustment.roles], deltas: model.adjustment.deltas.map((row) => [...row]), pages: model.pages, lines: model.lines, state: model.state, ...(typeof model.adjustment.stackVotes === 'number' ? { stackVotes: model.adjustment.stackVotes } : {}) } } : {})
  }
}

/**
 * Learning from the editor: publications, their learnt rules (undone one at a time), what
 * proposing a page again changed, the decisions recorded, profile files, and the structure set
 * from a file. Approving a page (by approvePage, or by deciding its last article) makes it
 * evidence for its publication, and the untouched pages are proposed again in the background.
 */
export function learningHandlers(ctx: ServiceContext, edits: Pick<Handlers, 'approvePage' | 'setArticleStatus'>): LearningHandlers {
  const { db } = ctx
  const learnAfter = (pageId: number, wasApproved: boolean): void => {
    if (wasApproved || getPageSummary(db, pageId)?.status !== 'approved') return
    const publications = db.transaction(() => learnFromApproval(db, [pageId], via(ctx))).immediate()
    void proposeAgain(db, publications)
  }
  return {
    approvePage: async (args) => {
      const wasApproved = getPageSummary(db, args.pageId)?.status === 'approved'
      const summary = await edits.approvePage(args)
      learnAfter(args.pageId, wasApproved)
      return summary
    },
    setArticleStatus: async (args) => {
      const before = getPageSummaryOfArticle(ctx, args.articleId)
      const record = await edits.setArticleStatus(args)
      learnAfter(record.pageId, before === 'approved')
      return record
    },
    listPublications: () => listPublications(db),
    listLearntRules: ({ publicationId }) => {
      publicationOrThrow(ctx, publicationId)
      return listRules(db, publicationId)
    },
    undoLearntRule: ({ ruleId }) => {
      const rule = getRule(db, ruleId)
      if (!rule) throw new ApiError('not-found', `learnt rule ${ruleId} does not exist`)
      db.transaction(() => setRuleState(db, ruleId, 'undone')).immediate()
      if (rule.state === 'active') void proposeAgain(db, [{ publicationId: rule.publicationId, changes: [{ template: rule.template, role: rule.role, added: false }] }])
      return getRule(db, ruleId)!
    },
    listPageChanges: ({ pageId }) => {
      if (!getPageSummary(db, pageId)) throw new ApiError('not-found', `page ${pageId} does not exist`)
      return listReproposals(db, pageId)
    },
    listStructureDecisions: ({ publicationId, pageId, limit }) =>
      listDecisions(db, { ...(publicationId !== undefined ? { publicationId } : {}), ...(pageId !== undefined ? { pageId } : {}) }, limit ?? 1000),
    learningStatus: ({ publicationId }) => {
      publicationOrThrow(ctx, publicationId)
      return reproposalStatus(db, publicationId)
    },
    exportProfile: ({ publicationId }) => profileFile(ctx, publicationId),
    setLearntModelState: ({ publicationId, state }) => {
      publicationOrThrow(ctx, publicationId)
      if (!getPublicationModel(db, publicationId)) throw new ApiError('not-found', `publication ${publicationId} has learnt nothing of its lines yet (no approved pages)`)
      const changed = db.transaction(() => setPublicationModelState(db, publicationId, state)).immediate()
      // Undone, its pages are proposed again without it; restored, with it.
      if (changed) void proposeAgain(db, [{ publicationId, changes: [{ template: MODEL_KEY, role: 'body', added: state === 'active' }] }])
      return listPublications(db).find((p) => p.id === publicationId)!
    },
    importProfile: ({ publication, profile }) => {
      if (profile.templateVersion !== TEMPLATE_VERSION) {
        throw new ApiError('invalid-argument', `importProfile: the profile's templates are of version ${profile.templateVersion}; this Galley makes version ${TEMPLATE_VERSION}`)
      }
      const result = db.transaction(() => {
        const publicationId = findOrCreatePublication(db, publication)
        const counts = importRules(db, publicationId, profile.rules.filter((r) => r.state !== 'undone'))
        // The other workstation's adjustment of the role model, unless this one has learnt its own.
        const m = profile.model
        const own = getPublicationModel(db, publicationId)?.origin === 'learnt'
        const modelChanged = m !== undefined && m.state !== 'undone' && !own && setPublicationModel(db, publicationId, { adjustment: { features: m.features, roles: m.roles, deltas: m.deltas, ...(m.stackVotes !== undefined ? { stackVotes: m.stackVotes } : {}) }, pages: m.pages, lines: m.lines, origin: 'imported' })
        return { publicationId, ...counts, changes: modelChanged ? [...counts.changes, { template: MODEL_KEY, role: 'body' as const, added: true }] : counts.changes }
      }).immediate()
      void proposeAgain(db, [{ publicationId: result.publicationId, changes: result.changes }])
      return { publicationId: result.publicationId, added: result.added, updated: result.updated }
    },
    setPageStructure: ({ pageId, revisionId, structure }) => {
      const result = inWriteTransaction(ctx, () => setPageStructure(ctx, pageId, revisionId, structure))
      void proposeAgain(db, result.learnt)
      return { revisionId: result.revisionId, articles: result.articles }
    }
  }
}

function getPageSummaryOfArticle(ctx: ServiceContext, articleId: number): string | undefined {
  const article = getArticle(ctx.db, articleId)
  return article === undefined ? undefined : getPageSummary(ctx.db, article.pageId)?.status
}
