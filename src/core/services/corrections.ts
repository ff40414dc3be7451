import { ApiError, type ApiArgs, type Handlers } from '../../shared/api'
import type { Db } from '../store/database'
import { currentRevision, currentText } from '../store/queries/revisions'
import { pageIdsMatching } from '../store/queries/search'
import { pageIdsInEdition } from '../store/queries/pages'
import { addProtectedTerm, deleteCorrections, listCorrectionGroups, listProtectedTerms, recordCorrection, removeProtectedTerm } from '../store/queries/knowledge'
import { knowledgeOf } from '../pipeline/knowledge'
import { commitRevision, inWriteTransaction } from './commitRevision'
import type { ServiceContext } from './context'

type Scope = Pick<ApiArgs<'applyCorrection'>, 'scope' | 'id'>

function pagesInScope(db: Db, original: string, { scope, id }: Scope): number[] {
  const candidates = pageIdsMatching(db, original)
  if (scope === 'all') return candidates
  if (id === undefined) throw new ApiError('invalid-argument', `an id is needed for scope ${scope}`)
  if (scope === 'page') return candidates.filter((p) => p === id)
  const inEdition = new Set(pageIdsInEdition(db, id))
  return candidates.filter((p) => inEdition.has(p))
}

function occurrences(text: string, original: string): number {
  let n = 0
  for (let at = text.indexOf(original); at >= 0; at = text.indexOf(original, at + original.length)) n++
  return n
}

/** "Fix all": one learnt correction applied across a page, an edition or the store, a revision a page. */
export function correctionHandlers(
  ctx: ServiceContext
): Pick<Handlers, 'previewCorrection' | 'applyCorrection' | 'listCorrections' | 'editCorrection' | 'listProtectedTerms' | 'setProtectedTerm'> {
  const { db } = ctx
  return {
    previewCorrection: ({ original, scope, id }) => {
      let pages = 0
      let count = 0
      for (const pageId of pagesInScope(db, original, { scope, id })) {
        const n = occurrences(currentText(db, pageId) ?? '', original)
        if (n > 0) {
          pages++
          count += n
        }
      }
      return { pages, occurrences: count }
    },
    applyCorrection: ({ original, replacement, scope, id }) =>
      inWriteTransaction(ctx, () => {
        const revisions: number[] = []
        let count = 0
        for (const pageId of pagesInScope(db, original, { scope, id })) {
          const base = currentRevision(db, pageId)
          const n = base ? occurrences(base.text, original) : 0
          if (!base || n === 0) continue
          // The editor's own fix: the articles follow it and keep their decisions.
          const fixed = base.text.split(original).join(replacement)
          revisions.push(commitRevision(ctx, { pageId, base, text: fixed, reason: `fix all: ${original} → ${replacement}`, decisions: 'keep' }).revisionId)
          count += n
        }
        recordCorrection(db, { original, replacement, contextBefore: '', contextAfter: '', decision: 'accepted', pageId: null })
        return { pages: revisions.length, occurrences: count, revisions }
      }),
    listCorrections: () => listCorrectionGroups(db),
    // A lesson corrected or removed: the rows go, a corrected one is learnt anew (from no page).
    // Removal is not an append, so this connection reads its knowledge again (forget).
    editCorrection: ({ original, replacement, decision, to }) =>
      inWriteTransaction(ctx, () => {
        if (deleteCorrections(db, { original, replacement, decision }) === 0) {
          throw new ApiError('not-found', `no learnt correction ${original} → ${replacement} (${decision})`)
        }
        if (to !== undefined) recordCorrection(db, { original, replacement: to, contextBefore: '', contextAfter: '', decision, pageId: null })
        knowledgeOf(db).forget()
        return listCorrectionGroups(db)
      }),
    listProtectedTerms: () => listProtectedTerms(db),
    setProtectedTerm: ({ term, protected: keep }) => {
      if (keep) addProtectedTerm(db, term)
      else removeProtectedTerm(db, term)
      knowledgeOf(db).forgetProtectedTerms()
      return listProtectedTerms(db)
    }
  }
}
