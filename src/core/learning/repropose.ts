import type { Db } from '../store/database'
import type { LearntRule, PageChange, StructureRole } from '../../shared/types'
import { ANALYZER_VERSION, SHAPE_PREFIX, analyzePage, isShapeKey, lineShapes, lineTemplate, type EditionEvidence, type PublicationProfile } from '../analysis'
import { articleInputs, duplicateSuggestions } from '../pipeline/propose'
import { listStoredArticles, replaceArticles, type ArticleInput } from '../store/queries/articles'
import { addRevision, currentRevision } from '../store/queries/revisions'
import { getPageRow } from '../store/queries/pages'
import { replaceOpenSuggestions } from '../store/queries/suggestions'
import { recordReproposal } from '../store/queries/learning'
import { getPageGeometry } from '../store/queries/scans'
import { hintsFromLayout } from '../import/ocr/hintsFromLayout'
import { rolesFromArticles } from './lineRoles'

const squash = (s: string): string => s.replace(/[\s\u00a0\u3000]+/g, '')
/** Lines of a page told as changed by the learnt conventions (not by one rule): the first few say enough. */
const MODEL_LINES_SHOWN = 12
/** A change made by the role model's learnt adjustment, not by one rule (publicationProfile.ts). */
export const MODEL_KEY = '@model'

/** How a learnt rule is told to the editor (the UI words it from the same fields). */
export function ruleMessage(rule: Pick<LearntRule, 'template' | 'role' | 'fromPageLabel' | 'origin'>): string {
  const source = rule.origin === 'imported' || rule.fromPageLabel === null ? 'from an imported profile' : `learnt from your edits on page ${rule.fromPageLabel}`
  return `${source}: ${isShapeKey(rule.template) ? shapeWords(rule.template) : `\`${rule.template}\` lines`} are ${ROLE_WORDS[rule.role]}`
}

/** A shape key (analysis/profile.ts lineShapes) as the editor reads it. */
function shapeWords(key: string): string {
  const shape = key.slice(SHAPE_PREFIX.length)
  if (shape === 'ends-dash') return 'lines that end on a dash'
  if (shape === 'tagged') return 'lines that end in a column tag'
  if (shape === 'bare-name') return 'lines of a name alone'
  if (shape.startsWith('tag')) return `lines that end in \`${shape.slice(3)}\``
  return `lines shaped \`${shape}\``
}

const ROLE_WORDS: Record<StructureRole, string> = {
  kicker: 'kickers',
  title: 'titles',
  subtitle: 'subtitles',
  byline: 'bylines',
  dateline: 'datelines',
  subhead: 'subheads',
  body: 'body text',
  caption: 'captions',
  credit: 'credits',
  banner: 'column labels',
  furniture: 'furniture'
}

export interface ReproposeContext {
  profile: PublicationProfile | null
  /** What the other pages of the page's edition show, as the import analysed it with (null: none). */
  evidence: (editionId: number) => EditionEvidence | null
  /** The publication's active rules by role and template, to say why a line changed. */
  rules: ReadonlyMap<string, LearntRule>
  publication: string
}

export function ruleIndex(rules: readonly LearntRule[]): Map<string, LearntRule> {
  return new Map(rules.map((r) => [`${r.role}\t${r.template}`, r]))
}

function sameArticles(stored: readonly ArticleInput[], proposed: readonly ArticleInput[]): boolean {
  if (stored.length !== proposed.length) return false
  return stored.every((a, i) => {
    const b = proposed[i]!
    return a.kind === b.kind && a.startLine === b.startLine && a.endLine === b.endLine && a.title === b.title && a.byline === b.byline && a.kicker === b.kicker && a.subtitle === b.subtitle &&
      a.paragraphs.length === b.paragraphs.length && a.captions.length === b.captions.length && a.headings.length === b.headings.length
  })
}

/**
 * Proposes an untouched page again from its original text with the publication's profile, in
 * the caller's transaction. Nothing is written when the proposal is what the page has; else the
 * new proposal replaces it (a revision of Galley's when the working text changes) and what
 * changed is recorded with the rules that changed it. Returns whether the page changed.
 */
export function reproposePage(db: Db, pageId: number, ctx: ReproposeContext): boolean {
  const page = getPageRow(db, pageId)
  const current = currentRevision(db, pageId)
  if (!page || !current) return false
  const original = page.originalText.replace(/\r\n?/g, '\n')
  // As the import analysed it: with what the page's OCR layout knows, when it has one.
  const geometry = getPageGeometry(db, pageId)
  const analysis = analyzePage(original, { ...(geometry ? hintsFromLayout(original, geometry) : {}), profile: ctx.profile, edition: ctx.evidence(page.editionId) })
  const articles = articleInputs(analysis)
  const stored = listStoredArticles(db, pageId)
  const textChanged = analysis.workingText !== current.text
  if (!textChanged && sameArticles(stored, articles)) return false

  const before = new Map<string, StructureRole>()
  const oldLines = current.text.split('\n')
  for (const [line, role] of rolesFromArticles(oldLines, stored)) before.set(squash(oldLines[line]!), role)
  const newLines = analysis.workingText.split('\n')
  const changes: PageChange[] = []
  let modelChanges = 0
  const newRoles = rolesFromArticles(newLines, articles)
  // lines the analysis set aside are furniture, wherever they stand
  const setAside = new Set(analysis.furniture.map(squash))
  newLines.forEach((l, i) => {
    if (!newRoles.has(i) && l.trim() !== '' && setAside.has(squash(l))) newRoles.set(i, 'furniture')
  })
  for (const [line, role] of [...newRoles].sort((x, y) => x[0] - y[0])) {
    const text = newLines[line]!
    const was = before.get(squash(text)) ?? null
    if (was === role) continue
    const rule = [lineTemplate(text), ...lineShapes(text)].map((key) => ctx.rules.get(`${role}\t${key}`)).find((r) => r !== undefined)
    if (!rule) {
      // No template says it: the paper's conventions the role model learnt from the approved pages do.
      if (ctx.profile?.roleAdjustment && modelChanges < MODEL_LINES_SHOWN) {
        modelChanges++
        changes.push({ ruleId: null, role, template: MODEL_KEY, line: text, before: was, fromPageId: null, fromPageLabel: null, message: `learnt from your approved pages of ${ctx.publication}: lines like this one are ${ROLE_WORDS[role]}` })
      }
      continue
    }
    changes.push({ ruleId: rule.id, role, template: rule.template, line: text, before: was, fromPageId: rule.fromPageId, fromPageLabel: rule.fromPageLabel, message: ruleMessage(rule) })
  }
  if (changes.length === 0) {
    changes.push({ ruleId: null, role: 'body', template: '', line: '', before: null, fromPageId: null, fromPageLabel: null, message: `proposed again with what Galley learnt of ${ctx.publication}` })
  }

  let revisionId = current.revisionId
  if (textChanged) {
    revisionId = addRevision(db, { pageId, baseRevisionId: current.revisionId, text: analysis.workingText, author: 'galley', reason: `proposed again with what Galley learnt of ${ctx.publication}` })
    // Typos are found again by the suggestion pass (the page's suggestions are now stale).
    replaceOpenSuggestions(db, pageId, revisionId, duplicateSuggestions(analysis))
  }
  replaceArticles(db, pageId, revisionId, articles, { source: 'analysis', analyzerVersion: ANALYZER_VERSION, text: analysis.workingText })
  recordReproposal(db, pageId, revisionId, changes)
  return true
}
