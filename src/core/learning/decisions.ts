import type { ArticleKind, StructureRole } from '../../shared/types'
import type { NewDecision } from '../store/queries/learning'

/** An article as the editor sends it: its lines, its kind and, when they typed one, its title. */
export interface ArticleChoice {
  kind: ArticleKind
  startLine: number
  endLine: number
  titleOverride?: string | null
}

type Decision = Omit<NewDecision, 'pageId' | 'revisionId' | 'via'>

/** An article as stored before the update: its lines, kind, title read and the editor's title. */
export interface ArticleBefore {
  kind: ArticleKind
  startLine: number
  endLine: number
  title: string
  titleOverride: string | null
}

/**
 * What the editor decided, from the page's articles before and after an update of its structure:
 * splits, merges, moved boundaries, kinds, furniture, titles typed, roles given to lines. Made
 * the same way for the workbench, the API and `galley structure set`.
 */
export function structureDecisions(
  lines: readonly string[],
  before: readonly ArticleBefore[],
  after: readonly ArticleChoice[],
  rolesBefore: ReadonlyMap<number, StructureRole>,
  rolesAfter: ReadonlyMap<number, StructureRole>
): Decision[] {
  const out: Decision[] = []
  const firstLine = (a: { startLine: number; endLine: number }): string | null => {
    for (let i = a.startLine; i < Math.min(a.endLine, lines.length); i++) if (lines[i]!.trim() !== '') return lines[i]!.trim()
    return null
  }
  const content = (a: { kind: ArticleKind }): boolean => a.kind !== 'furniture'
  const oldArticles = before.filter(content)
  const newArticles = after.filter(content)
  const same = (a: { startLine: number; endLine: number }, b: { startLine: number; endLine: number }): boolean => a.startLine === b.startLine && a.endLine === b.endLine
  const inside = (line: number, a: { startLine: number; endLine: number }): boolean => line >= a.startLine && line < a.endLine

  for (const b of oldArticles) {
    const parts = newArticles.filter((a) => inside(a.startLine, b))
    if (parts.length >= 2) out.push({ action: 'split', lineText: firstLine(b), detail: { lines: [b.startLine, b.endLine], into: parts.map((p) => [p.startLine, p.endLine]) } })
  }
  for (const a of newArticles) {
    const merged = oldArticles.filter((b) => inside(b.startLine, a))
    if (merged.length >= 2) out.push({ action: 'merge', lineText: firstLine(a), detail: { lines: [a.startLine, a.endLine], merged: merged.map((b) => [b.startLine, b.endLine]) } })
    else if (!before.some((b) => same(a, b)) && !oldArticles.some((b) => inside(a.startLine, b) && newArticles.filter((x) => inside(x.startLine, b)).length >= 2)) {
      out.push({ action: 'boundary', lineText: firstLine(a), detail: { lines: [a.startLine, a.endLine], kind: a.kind } })
    }
  }
  for (const a of after) {
    const was = before.find((b) => same(a, b))
    if (a.kind === 'furniture' && was?.kind !== 'furniture') {
      out.push({ action: 'furniture', lineText: firstLine(a), detail: { lines: [a.startLine, a.endLine], from: was?.kind ?? null } })
    } else if (was && was.kind !== a.kind) out.push({ action: 'kind', lineText: firstLine(a), detail: { lines: [a.startLine, a.endLine], from: was.kind, to: a.kind } })
    if (a.titleOverride !== undefined) {
      const previous = was?.titleOverride ?? null
      if ((a.titleOverride ?? null) !== previous) out.push({ action: 'title', lineText: firstLine(a), detail: { lines: [a.startLine, a.endLine], from: was?.titleOverride ?? was?.title ?? null, to: a.titleOverride ?? null } })
    }
  }
  for (const [line, role] of rolesAfter) {
    const was = rolesBefore.get(line) ?? null
    if (was !== role) out.push({ action: 'role', lineText: lines[line]?.trim() ?? null, detail: { line, from: was, to: role } })
  }
  return out
}
