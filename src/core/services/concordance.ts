import { ApiError, type ApiArgs, type ApiResult, type Handlers, type Occurrence } from '../../shared/api'
import { pagesContaining, type FixScope } from '../store/queries/concordance'
import { currentRevision, getRevision } from '../store/queries/revisions'
import { recordCorrection } from '../store/queries/knowledge'
import { commitRevision, inWriteTransaction } from './commitRevision'
import type { ServiceContext } from './context'

// Fix one error everywhere: the concordance lists every occurrence with its context, the editor
// keeps the ones to fix, and the fix is one revision a page through commitRevision (articles
// carried over, decisions kept: the editor read each place), learnt once, undoable as a batch.
// The workbench, the API and `galley fix` all come here.

/** Characters of context either side of an occurrence (within its line). */
const CONTEXT = 12
const DEFAULT_LIMIT = 2000

export function findOccurrences(ctx: ServiceContext, args: ApiArgs<'findOccurrences'>): ApiResult<'findOccurrences'> {
  const { pattern, scope } = args
  const limit = args.limit ?? DEFAULT_LIMIT
  if (scope !== 'all' && args.id === undefined) throw new ApiError('invalid-argument', `findOccurrences: an id is needed for scope ${scope}`)
  const occurrences: Occurrence[] = []
  let truncated = false
  const pages = pagesContaining(ctx.db, pattern, scope as FixScope, args.id ?? null)
  for (const page of pages) {
    const { text } = page
    let line = 1
    let counted = 0
    for (let at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + pattern.length)) {
      if (occurrences.length === limit) {
        truncated = true
        break
      }
      for (let i = text.indexOf('\n', counted); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
        line++
        counted = i + 1
      }
      const lineStart = text.lastIndexOf('\n', at - 1) + 1
      const nl = text.indexOf('\n', at + pattern.length)
      const lineEnd = nl === -1 ? text.length : nl
      occurrences.push({
        pageId: page.pageId,
        revisionId: page.revisionId,
        edition: page.edition,
        label: page.label,
        start: at,
        line,
        before: text.slice(Math.max(lineStart, at - CONTEXT), at),
        after: text.slice(at + pattern.length, Math.min(lineEnd, at + pattern.length + CONTEXT))
      })
    }
    if (truncated) break
  }
  return { occurrences, pages: new Set(occurrences.map((o) => o.pageId)).size, truncated }
}

/**
 * Replaces the chosen occurrences, one revision a page. An occurrence on a page that moved on
 * since the concordance was made, or no longer holding the pattern, is skipped and counted.
 */
export function applyFix(ctx: ServiceContext, args: ApiArgs<'applyFix'>): ApiResult<'applyFix'> {
  const { pattern, replacement } = args
  if (pattern === replacement) throw new ApiError('invalid-argument', 'applyFix: the replacement is the pattern itself')
  const byPage = new Map<number, { revisionId: number; starts: number[] }>()
  for (const o of args.occurrences) {
    const page = byPage.get(o.pageId) ?? { revisionId: o.revisionId, starts: [] }
    if (page.revisionId !== o.revisionId) throw new ApiError('invalid-argument', `applyFix: page ${o.pageId} is given with two revisions`)
    page.starts.push(o.start)
    byPage.set(o.pageId, page)
  }
  return inWriteTransaction(ctx, () => {
    const batch: ApiResult<'applyFix'>['batch'] = []
    let fixed = 0
    let skipped = 0
    for (const [pageId, { revisionId, starts }] of byPage) {
      const base = currentRevision(ctx.db, pageId)
      if (!base || base.revisionId !== revisionId) {
        skipped += starts.length
        continue
      }
      // From the end, so earlier offsets stay true; overlapping picks are one occurrence.
      let text = base.text
      let floor = Infinity
      let here = 0
      for (const start of [...new Set(starts)].sort((a, b) => b - a)) {
        if (start + pattern.length > floor || text.slice(start, start + pattern.length) !== pattern) {
          skipped++
          continue
        }
        text = text.slice(0, start) + replacement + text.slice(start + pattern.length)
        floor = start
        here++
      }
      if (here === 0) continue
      const committed = commitRevision(ctx, { pageId, base, text, reason: `fix: ${pattern} → ${replacement}`, decisions: 'keep' })
      batch.push({ pageId, revisionId: committed.revisionId, previousRevisionId: base.revisionId })
      fixed += here
    }
    if (fixed > 0) recordCorrection(ctx.db, { original: pattern, replacement, contextBefore: '', contextAfter: '', decision: 'accepted', pageId: null })
    return { batch, occurrences: fixed, skipped }
  })
}

/** Undoes a fix: each page goes back to its revision before it, unless it was edited since. */
export function undoFix(ctx: ServiceContext, args: ApiArgs<'undoFix'>): ApiResult<'undoFix'> {
  return inWriteTransaction(ctx, () => {
    let restored = 0
    let skipped = 0
    for (const entry of args.batch) {
      const now = currentRevision(ctx.db, entry.pageId)
      const previous = getRevision(ctx.db, entry.previousRevisionId)
      if (!now || now.revisionId !== entry.revisionId || !previous || previous.pageId !== entry.pageId) {
        skipped++
        continue
      }
      commitRevision(ctx, { pageId: entry.pageId, base: now, text: previous.text, reason: `undo fix (revision ${entry.previousRevisionId})`, decisions: 'keep' })
      restored++
    }
    return { restored, skipped }
  })
}

export function concordanceHandlers(ctx: ServiceContext): Pick<Handlers, 'findOccurrences' | 'applyFix' | 'undoFix'> {
  return {
    findOccurrences: (args) => findOccurrences(ctx, args),
    applyFix: (args) => applyFix(ctx, args),
    undoFix: (args) => undoFix(ctx, args)
  }
}
