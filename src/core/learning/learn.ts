import type { StructureRole } from '../../shared/types'
import { isShapeKey, lineShapes, lineTemplate, TEMPLATE_VERSION, type PublicationProfile, type RoleTemplate } from '../analysis/profile'
import type { RuleInput } from '../store/queries/learning'

/** One approved page as evidence: each of its lines with the role the editor left it with. */
export interface PageEvidence {
  pageId: number
  lines: readonly { text: string; role: StructureRole }[]
}

/**
 * Roles a shape of line carries by its nature, page after page (a credit, a byline, an editor's
 * line, a column label): one line of evidence is enough to learn them. A title or a caption is
 * its own text: only a template seen twice says something about other pages.
 */
const RECURRING_ROLES = new Set<StructureRole>(['furniture', 'byline', 'credit', 'dateline', 'banner'])
/** Roles whose lines are the same words issue after issue: a literal template of one line is a rule. */
const FREE_TEXT_ROLES = new Set<StructureRole>(['furniture', 'banner'])
/** Share of a template's lines that must have the rule's role. */
const AGREEMENT = 0.8
/** Lines of one shape (lineShapes) the editor must have given one role before it is a rule. */
const SHAPE_MIN_LINES = 3
/** A template needs this many characters that are not abstracted (`#`, `X`) to say anything. */
const MIN_LITERAL = 2

/**
 * Rules learnt from approved pages: every line template whose lines the editor gave one role
 * (nearly always), where that is evidence about other lines of the same form. Generic by
 * construction: a rule is a template of this publication's own lines, never a list written by hand.
 */
export function learnRules(pages: readonly PageEvidence[]): RuleInput[] {
  const byTemplate = new Map<string, { total: number; roles: Map<StructureRole, { lines: number; pages: Set<number>; example: string; firstPage: number }> }>()
  for (const page of pages) {
    for (const line of page.lines) {
      const template = lineTemplate(line.text)
      // the template, and the line's shapes: keys for lines whose words are new on every page
      const keys = literalLength(template) < MIN_LITERAL && !RECURRING_ROLES.has(line.role) ? lineShapes(line.text) : [template, ...lineShapes(line.text)]
      for (const key of keys) {
        let entry = byTemplate.get(key)
        if (!entry) byTemplate.set(key, (entry = { total: 0, roles: new Map() }))
        entry.total++
        let role = entry.roles.get(line.role)
        if (!role) entry.roles.set(line.role, (role = { lines: 0, pages: new Set(), example: line.text.trim(), firstPage: page.pageId }))
        role.lines++
        role.pages.add(page.pageId)
      }
    }
  }
  const rules: RuleInput[] = []
  for (const [template, entry] of byTemplate) {
    for (const [role, seen] of entry.roles) {
      if (seen.lines / entry.total < AGREEMENT) continue
      // A body line is what a line is when nothing else is said: only a recurring one is a rule.
      // A byline, credit or dateline learnt from one line must be a form (a name or a date taken
      // out), not one person's name: that says nothing of the next page.
      const once = seen.lines < 2
      // A shape is many lines' form: only lines that agree on it more than once say something.
      if (isShapeKey(template)) {
        if (seen.lines >= SHAPE_MIN_LINES && (role !== 'body' || seen.pages.size >= 2)) rules.push({ template, role, lines: seen.lines, pages: seen.pages.size, example: seen.example, pageId: seen.firstPage })
        continue
      }
      if (role === 'body' ? seen.pages.size < 2 : once && (!RECURRING_ROLES.has(role) || (!FREE_TEXT_ROLES.has(role) && !abstracted(template)))) continue
      rules.push({ template, role, lines: seen.lines, pages: seen.pages.size, example: seen.example, pageId: seen.firstPage })
    }
  }
  return rules.sort((a, b) => a.role.localeCompare(b.role) || a.template.localeCompare(b.template))
}

function abstracted(template: string): boolean {
  return template.includes('X') || template.includes('#')
}

function literalLength(template: string): number {
  let n = 0
  for (const c of template) if (c !== '#' && c !== 'X') n++
  return n
}

/**
 * How strongly a rule pushes its role (log-odds, see analysis/profile.ts): the editor deciding a
 * line is stronger evidence than anything one page shows, so even one line makes the role near
 * certain (4); more lines and pages more so, up to 7.
 */
export function ruleWeight(rule: { template?: string; lines: number; pages: number }): number {
  // A shape is weaker evidence than a template: it tips a line the role model is unsure of
  // (1.5 to 3 log-odds), it does not overrule what the line plainly is.
  if (rule.template !== undefined && isShapeKey(rule.template)) return Math.min(3, 1 + Math.log2(Math.max(1, rule.lines)) * 0.5 + (rule.pages > 1 ? 0.5 : 0))
  return Math.min(7, 4 + Math.log2(Math.max(1, rule.lines)) * 0.5 + (rule.pages > 1 ? 1 : 0))
}

/** The profile the analysis takes, from a publication's active rules. */
export function profileFromRules(publication: string, rules: readonly { template: string; role: StructureRole; lines: number; pages: number }[]): PublicationProfile {
  const roleTemplates: RoleTemplate[] = rules.map((r) => ({ template: r.template, role: r.role, weight: Math.round(ruleWeight(r) * 100) / 100 }))
  return { publication, templateVersion: TEMPLATE_VERSION, roleTemplates }
}
