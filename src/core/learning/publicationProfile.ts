import type { Db } from '../store/database'
import type { PublicationProfile, RoleAdjustment } from '../analysis/profile'
import { editionEvidence, type EditionEvidence } from '../analysis'
import { LEARNT_STACKS } from '../analysis/analyze'
import { listArticles } from '../store/queries/articles'
import { approvedOriginalsOf, approvedPagesOf, editionOriginals, getLineRoles, getPublicationModel, listRules, publicationOriginals, replaceLearntRules, setPublicationModel, type RuleChange } from '../store/queries/learning'
import type { StructureRole } from '../../shared/types'
import { MODEL_KEY } from './repropose'
import { ADJUST_MAX_PAGES, fitAdjustment, type LabelledPage } from './adjust'
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
  // The role model's adjustment is fitted again after the commit, by the re-proposal job (REFIT_KEY).
  return [...replaceLearntRules(db, publicationId, learnRules(evidence)), { template: REFIT_KEY, role: 'body', added: true }]
}

/** The change a new role-model adjustment makes: every untouched page may read differently. */
export const MODEL_CHANGE: RuleChange = { template: MODEL_KEY, role: 'body', added: true }
/** Not a rule: the job that proposes pages again first fits the adjustment again (relearnModel). */
export const REFIT_KEY = '@refit'

/**
 * Fits the publication's role-model adjustment again on its latest approved pages, each read with
 * the evidence its edition gives (as the import analysed it). Returns whether it changed.
 */
export function relearnModel(db: Db, publicationId: number): boolean {
  const current = getPublicationModel(db, publicationId)
  // an imported adjustment stays until pages of this workstation teach one
  const approved = approvedOriginalsOf(db, publicationId, ADJUST_MAX_PAGES)
  const evidence = new Map<number, EditionEvidence | null>()
  const pages: LabelledPage[] = approved.map((p) => {
    if (!evidence.has(p.editionId)) {
      const texts = editionOriginals(db, p.editionId, EVIDENCE_PAGES).map((t) => t.replace(/\r\n?/g, '\n'))
      evidence.set(p.editionId, texts.length >= 2 ? editionEvidence(texts) : null)
    }
    const lines = p.text.split('\n')
    const roles = rolesFromArticles(lines, listArticles(db, p.pageId))
    for (const [line, role] of getLineRoles(db, p.pageId, p.revisionId)) if (line < lines.length) roles.set(line, role)
    return { text: p.original, roles: rolesOnOriginal(p.original, lines, roles), evidence: evidence.get(p.editionId)! }
  })
  const adjustment = fitAdjustment(pages)
  if (!adjustment) return current?.origin === 'learnt' ? setPublicationModel(db, publicationId, null) : false
  const changed = setPublicationModel(db, publicationId, { adjustment, pages: pages.length, lines: pages.reduce((n, p) => n + p.roles.size, 0), origin: 'learnt' })
  // Each approval moves the fit a little: the untouched pages are proposed again only when a weight
  // moved enough to change what a line may be read as (or there was none that applied before).
  return changed && (current === null || current.state !== 'active' || current.origin !== 'learnt' || largestChange(current.adjustment, adjustment) >= MATERIAL_CHANGE)
}

/** Log-odds a weight of the adjustment must move by before the pages are proposed again. */
const MATERIAL_CHANGE = 0.1

function largestChange(a: RoleAdjustment, b: RoleAdjustment): number {
  if (a.features.join('\n') !== b.features.join('\n') || a.roles.join('\n') !== b.roles.join('\n')) return Infinity
  // the paper's stacks read the other way (or now one way): every head may be read again
  if (stackReading(a.stackVotes) !== stackReading(b.stackVotes)) return Infinity
  let most = 0
  a.deltas.forEach((row, r) => row.forEach((x, f) => (most = Math.max(most, Math.abs(x - (b.deltas[r]?.[f] ?? 0))))))
  return most
}

/** How analyze.ts reads a learnt stack vote: -1, 0 (not decided) or 1. */
function stackReading(votes: number | undefined): number {
  return typeof votes === 'number' && Math.abs(votes) >= LEARNT_STACKS ? Math.sign(votes) : 0
}

const skeleton = (s: string): string => s.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '')

/**
 * The roles of the original text's lines, from the roles of the working text's lines: a line of
 * the original is found, by its letters and digits, in the working line that holds it (a
 * paragraph joined from several lines, a heading as it was), searching on from the last one found.
 */
export function rolesOnOriginal(original: string, working: readonly string[], roles: ReadonlyMap<number, StructureRole>): Map<number, StructureRole> {
  const out = new Map<number, StructureRole>()
  const keys = working.map(skeleton)
  const lines = original.replace(/\r\n?/g, '\n').split('\n')
  let from = 0
  lines.forEach((line, i) => {
    const k = skeleton(line)
    if (k.length === 0) return
    let at = -1
    for (let j = from; j < keys.length && at < 0; j++) if (keys[j]!.includes(k)) at = j
    for (let j = 0; j < from && at < 0; j++) if (keys[j]!.includes(k)) at = j
    if (at < 0) return
    from = at
    const role = roles.get(at)
    if (role) out.set(i, role)
  })
  return out
}

/** The profile the analysis gets for a publication's pages: its active rules and its adjustment; null when it has neither. */
export function publicationProfile(db: Db, publicationId: number): PublicationProfile | null {
  const publication = getPublication(db, publicationId)
  if (!publication) return null
  const rules = listRules(db, publicationId, 'active')
  const model = getPublicationModel(db, publicationId)
  const adjustment = model?.state === 'active' ? model.adjustment : null
  if (rules.length === 0 && !adjustment) return null
  return { ...profileFromRules(publication.name, rules), roleAdjustment: adjustment }
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
