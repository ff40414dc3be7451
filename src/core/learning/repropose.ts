import type { Db } from '../store/database'
import { ANALYZER_VERSION, type EditionEvidence } from '../analysis'
import { listStoredArticles, replaceArticles } from '../store/queries/articles'
import { addRevision, currentRevision, currentRevisionId } from '../store/queries/revisions'
import { getPageRow } from '../store/queries/pages'
import { listSuggestions, markSuggestionsFor, pagesWithStaleSuggestions, replaceOpenSuggestions } from '../store/queries/suggestions'
import { recordReproposal } from '../store/queries/learning'
import { getPageGeometry } from '../store/queries/scans'
import type { SuggestionInput } from '../model/suggestion'
import type { LearntRule } from '../../shared/types'
import { onePerPlace } from '../pipeline/refreshSuggestions'
import { typosFromReflow, type ReflowPlan } from '../pipeline/reflowTypos'
import { proposePageAgain, type PageForReproposal, type ReproposalOutcome, type ReproposalSetting } from './reproposal'

export { MODEL_KEY, ruleIndex, ruleMessage } from './reproposal'

/** What one job proposes its pages with, and the evidence of each page's edition (null: none). */
export interface ReproposeContext {
  setting: ReproposalSetting
  /** The setting's rules by role and template (ruleIndex). */
  rules: ReadonlyMap<string, LearntRule>
  evidence: (editionId: number) => EditionEvidence | null
}

/** An untouched page as the analysis reads it again (null: no such page or revision). */
export function readPageForReproposal(db: Db, pageId: number): PageForReproposal | null {
  const page = getPageRow(db, pageId)
  const current = currentRevision(db, pageId)
  if (!page || !current) return null
  // Typos are carried to a new text only when they are those of the current one.
  const typos = pagesWithStaleSuggestions(db, [pageId]).length === 0 ? listSuggestions(db, pageId).filter((s) => s.rule !== 'duplicate').map(suggestionInput) : null
  return {
    pageId,
    editionId: page.editionId,
    revisionId: current.revisionId,
    original: page.originalText.replace(/\r\n?/g, '\n'),
    geometry: getPageGeometry(db, pageId),
    text: current.text,
    articles: listStoredArticles(db, pageId, { revisionId: current.revisionId, lines: current.text.split('\n') }).map(({ id: _id, status: _s, source: _src, analyzerVersion: _v, titleOverride: _t, ...a }) => a),
    typos
  }
}

function suggestionInput(s: SuggestionInput): SuggestionInput {
  return { rule: s.rule, start: s.start, end: s.end, original: s.original, replacement: s.replacement, confidence: s.confidence, message: s.message }
}

/**
 * Writes a page's new proposal in the caller's transaction: a revision of Galley's when the
 * working text changed, the articles, and what changed with the rules that changed it. The new
 * text's suggestions are its duplicates and the typos carried from the text before; they stay
 * marked stale until the zones the new text changed are read again (finishReflow), or, when the
 * typos were stale already, until the suggestion pass. Returns the new revision (null: nothing written).
 */
export function writeReproposal(db: Db, outcome: ReproposalOutcome, publication: string): number | null {
  if (!outcome.changed) return null
  const { pageId } = outcome
  let revisionId = outcome.revisionId
  if (outcome.text !== null) {
    revisionId = addRevision(db, { pageId, baseRevisionId: outcome.revisionId, text: outcome.text, author: 'galley', reason: `proposed again with what Galley learnt of ${publication}` })
    replaceOpenSuggestions(db, pageId, revisionId, onePerPlace([...outcome.duplicates, ...(outcome.reflow?.carried ?? [])]))
    // nothing left to read again: the suggestions are those of the new text
    if (outcome.reflow && outcome.reflow.windows.length === 0) markSuggestionsFor(db, pageId, revisionId)
  }
  replaceArticles(db, pageId, revisionId, outcome.articles, { source: 'analysis', analyzerVersion: ANALYZER_VERSION, ...(outcome.text !== null ? { text: outcome.text } : {}) })
  recordReproposal(db, pageId, revisionId, outcome.changes)
  return revisionId
}

/**
 * A reflowed page's suggestions completed with what the detector found in the zones its new
 * text changed (`detected`, on the plan's text), in the caller's transaction, unless the page
 * has been saved again since. Returns whether they were written.
 */
export function finishReflow(db: Db, pageId: number, revisionId: number, duplicates: readonly SuggestionInput[], plan: ReflowPlan, detected: readonly SuggestionInput[]): boolean {
  if (currentRevisionId(db, pageId) !== revisionId || pagesWithStaleSuggestions(db, [pageId]).length === 0) return false
  replaceOpenSuggestions(db, pageId, revisionId, onePerPlace([...duplicates, ...typosFromReflow(plan, detected)]))
  markSuggestionsFor(db, pageId, revisionId)
  return true
}

/**
 * Proposes an untouched page again from its original text with the publication's profile, in
 * the caller's transaction and on this thread. Nothing is written when the proposal is what the
 * page has. Returns whether the page changed.
 */
export function reproposePage(db: Db, pageId: number, ctx: ReproposeContext): boolean {
  const page = readPageForReproposal(db, pageId)
  if (!page) return false
  return writeReproposal(db, proposePageAgain(page, ctx.setting, ctx.rules, ctx.evidence(page.editionId)), ctx.setting.publication) !== null
}
