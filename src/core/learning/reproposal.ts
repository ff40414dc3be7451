import type { LearntRule, PageChange, StructureRole } from '../../shared/types'
import { SHAPE_PREFIX, analyzePage, isShapeKey, lineShapes, lineTemplate, type EditionEvidence, type PublicationProfile } from '../analysis'
import type { ArticleInput } from '../model/article'
import type { SuggestionInput } from '../model/suggestion'
import type { PageGeometry } from '../../shared/geometry'
import { articleInputs, duplicateSuggestions } from '../pipeline/propose'
import { planReflow, type ReflowPlan } from '../pipeline/reflowTypos'
import { hintsFromLayout } from '../import/ocr/hintsFromLayout'
import { rolesFromArticles } from './lineRoles'

// Proposing one untouched page again, without the store: what the page holds comes in, the new
// proposal and what changed go out. The re-proposal job runs it on worker threads (pageWorker.ts)
// or, for a few pages, on its own thread (repropose.ts reads the page and writes the outcome).

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

/** What a job proposes every page with: the same for all its pages (sent once to each worker). */
export interface ReproposalSetting {
  profile: PublicationProfile | null
  /** The publication's active rules, to say why a line changed. */
  rules: readonly LearntRule[]
  publication: string
}

/** One page as the store holds it, read by the job (repropose.ts readPageForReproposal). */
export interface PageForReproposal {
  pageId: number
  editionId: number
  /** The current revision, which the proposal replaces only if it is still current when written. */
  revisionId: number
  /** The original text, LF newlines. */
  original: string
  geometry: PageGeometry | null
  /** The current working text. */
  text: string
  articles: readonly ArticleInput[]
  /** The page's open typo suggestions when they are those of `text` (null: stale, the suggestion pass follows). */
  typos: readonly SuggestionInput[] | null
}

/** What proposing a page again gives: nothing to write, or the page's new proposal and what changed. */
export type ReproposalOutcome =
  | { pageId: number; revisionId: number; changed: false }
  | {
      pageId: number
      revisionId: number
      changed: true
      /** The new working text (null: the same). */
      text: string | null
      articles: ArticleInput[]
      changes: PageChange[]
      duplicates: SuggestionInput[]
      /**
       * For a new text, when the page's typos were those of its text: the typos carried to the new
       * one and what must be read again (null: its typos are left to the suggestion pass).
       */
      reflow: ReflowPlan | null
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
 * Proposes a page again from its original text with the publication's profile. Unchanged when
 * the proposal is what the page has; else the new proposal and what changed, each line told with
 * the rule that changed it. The typos of lines the new text keeps are kept (they depend on the
 * text, not on the structure); only the lines it rewrote are checked again.
 */
export function proposePageAgain(page: PageForReproposal, setting: ReproposalSetting, rules: ReadonlyMap<string, LearntRule>, evidence: EditionEvidence | null): ReproposalOutcome {
  const { pageId, revisionId, original } = page
  // As the import analysed it: with what the page's OCR layout knows, when it has one.
  const analysis = analyzePage(original, { ...(page.geometry ? hintsFromLayout(original, page.geometry) : {}), profile: setting.profile, edition: evidence })
  const articles = articleInputs(analysis)
  const textChanged = analysis.workingText !== page.text
  if (!textChanged && sameArticles(page.articles, articles)) return { pageId, revisionId, changed: false }

  const before = new Map<string, StructureRole>()
  const oldLines = page.text.split('\n')
  for (const [line, role] of rolesFromArticles(oldLines, page.articles)) before.set(squash(oldLines[line]!), role)
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
    const rule = [lineTemplate(text), ...lineShapes(text)].map((key) => rules.get(`${role}\t${key}`)).find((r) => r !== undefined)
    if (!rule) {
      // No template says it: the paper's conventions the role model learnt from the approved pages do.
      if (setting.profile?.roleAdjustment && modelChanges < MODEL_LINES_SHOWN) {
        modelChanges++
        changes.push({ ruleId: null, role, template: MODEL_KEY, line: text, before: was, fromPageId: null, fromPageLabel: null, message: `learnt from your approved pages of ${setting.publication}: lines like this one are ${ROLE_WORDS[role]}` })
      }
      continue
    }
    changes.push({ ruleId: rule.id, role, template: rule.template, line: text, before: was, fromPageId: rule.fromPageId, fromPageLabel: rule.fromPageLabel, message: ruleMessage(rule) })
  }
  if (changes.length === 0) {
    changes.push({ ruleId: null, role: 'body', template: '', line: '', before: null, fromPageId: null, fromPageLabel: null, message: `proposed again with what Galley learnt of ${setting.publication}` })
  }
  const reflow = textChanged && page.typos ? planReflow(page.typos, page.text, analysis.workingText) : null
  return { pageId, revisionId, changed: true, text: textChanged ? analysis.workingText : null, articles, changes, duplicates: duplicateSuggestions(analysis), reflow }
}
