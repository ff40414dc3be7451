import { ApiError } from '../../shared/api'
import type { ArticleRecord, StructureRole } from '../../shared/types'
import type { StructureFile } from '../../shared/learningFiles'
import type { LineRole } from '../../shared/lineRoles'
import { currentRevision } from '../store/queries/revisions'
import { commitRevision } from '../services/commitRevision'
import { applyArticleChoices, type ArticleChoices } from '../services/structure'
import type { ServiceContext } from '../services/context'
import { isCreditLine } from './lineRoles'
import type { Learnt } from './approval'

// `galley structure set` and the API's setPageStructure: a page's structure given in the form
// `galley analyze --json` prints (texts, not line numbers) is found in the page's working text
// and laid out as the workbench would leave it: one block a line, each article's lines together,
// captions and furniture printed inside an article kept inside it with their role. Text of the
// page the structure does not mention stays, where it was.

type GroupKind = 'article' | 'caption' | 'fragment' | 'furniture'
interface Item {
  text: string
  role: StructureRole | null
  group: number
  /** Offset in the working text where it was found (Infinity: not found). */
  pos: number
}
interface Group {
  kind: GroupKind
  titleOverride: string | null
  items: Item[]
}

const squash = (s: string): string => s.replace(/[\s\u00a0\u3000]+/g, '')
const WORD = /[\p{L}\p{N}]/u

/** Letters and digits of a text, with where each is in it: found again whatever the spacing and punctuation. */
function letters(text: string): { chars: string; at: number[] } {
  let chars = ''
  const at: number[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (!WORD.test(c)) continue
    chars += c.normalize('NFKC').toLowerCase().slice(0, 1) || c
    at.push(i)
  }
  return { chars, at }
}

function groupsOf(structure: StructureFile): Group[] {
  const groups: Group[] = []
  const add = (kind: GroupKind, entries: Array<[string, StructureRole | null]>, titleOverride: string | null = null): void => {
    const g = groups.length
    const items = entries.filter(([t]) => t.trim() !== '').map(([text, role]): Item => ({ text: text.trim(), role, group: g, pos: Number.POSITIVE_INFINITY }))
    if (items.length > 0) groups.push({ kind, titleOverride, items })
  }
  for (const a of structure.articles) {
    const paragraphs = a.paragraphs ?? []
    if (a.kind === 'caption') {
      const texts = paragraphs.flatMap((p) => p.text.split('\n'))
      const entries: Array<[string, StructureRole | null]> = texts.map((t) => [t, isCreditLine(t) ? 'credit' : 'caption'])
      if (a.byline && !texts.some((t) => squash(t).includes(squash(a.byline!)))) entries.push([a.byline, 'credit'])
      add('caption', entries)
      continue
    }
    const title = a.title?.trim() ?? ''
    const headings = (a.headings ?? []).length > 0 ? a.headings! : title ? [title] : []
    const titleAt = headings.findIndex((h) => squash(h) === squash(title))
    const entries: Array<[string, StructureRole | null]> = headings.map((h, i) => [h, titleAt < 0 ? (i === 0 && a.kind === 'article' ? 'title' : 'kicker') : i === titleAt ? 'title' : i < titleAt ? 'kicker' : 'subtitle'])
    const byline = a.byline?.trim()
    if (byline && !paragraphs.some((p) => squash(p.text).includes(squash(byline))) && !headings.some((h) => squash(h) === squash(byline))) entries.push([byline, 'byline'])
    for (const p of paragraphs) entries.push([p.text.replace(/\n/g, ''), p.role === 'subhead' ? 'subhead' : 'body'])
    add(a.kind, entries, title && titleAt < 0 ? title : null)
  }
  for (const f of structure.furniture ?? []) add('furniture', f.split('\n').map((t) => [t, 'furniture']))
  return groups
}

/** The working text laid out for `structure` and the articles on it, as the workbench would send them. */
export function layoutStructure(text: string, structure: StructureFile): { text: string; articles: ArticleChoices } {
  const groups = groupsOf(structure)
  const page = letters(text)
  const claimed = new Uint8Array(page.chars.length)
  const lineStarts = new Set<number>()
  {
    // index in page.chars of each line's first letter
    let offset = 0
    let k = 0
    for (const line of text.split('\n')) {
      while (k < page.at.length && page.at[k]! < offset) k++
      if (k < page.at.length && page.at[k]! < offset + line.length) lineStarts.add(k)
      offset += line.length + 1
    }
  }
  const locate = (item: Item): void => {
    const key = letters(item.text).chars
    if (!key) return
    let best = -1
    for (let at = page.chars.indexOf(key); at >= 0; at = page.chars.indexOf(key, at + 1)) {
      if (claimed.subarray(at, at + key.length).some((c) => c === 1)) continue
      if (lineStarts.has(at)) {
        best = at
        break
      }
      if (best < 0) best = at
    }
    if (best < 0) return
    claimed.fill(1, best, best + key.length)
    item.pos = page.at[best]!
  }
  // Articles first, furniture last: a short furniture line must not take a place in an article's text.
  for (const g of groups) if (g.kind !== 'furniture') g.items.forEach(locate)
  for (const g of groups) if (g.kind === 'furniture') g.items.forEach(locate)
  for (const g of groups) {
    // an item not found goes after the one before it
    let last = -1
    for (const item of g.items) {
      if (Number.isFinite(item.pos)) last = item.pos
      else if (last >= 0) item.pos = last + 0.5
    }
  }
  // Text the structure does not mention stays: a line none of whose letters an item claimed,
  // and runs of two or more letters left between the items found in a line.
  const leftovers: Item[] = []
  let offset = 0
  let k = 0
  for (const line of text.split('\n')) {
    const lineEnd = offset + line.length
    const first = k
    while (k < page.at.length && page.at[k]! < lineEnd) k++
    if (line.trim() !== '') {
      let any = false
      for (let j = first; j < k; j++) if (claimed[j]) any = true
      if (!any) leftovers.push({ text: line.trim(), role: null, group: -1, pos: offset })
      else {
        for (let j = first; j < k; ) {
          if (claimed[j]) {
            j++
            continue
          }
          let end = j
          while (end < k && !claimed[end]) end++
          if (end - j >= 2) leftovers.push({ text: text.slice(page.at[j]!, page.at[end - 1]! + 1).trim(), role: null, group: -1, pos: page.at[j]! })
          j = end
        }
      }
    }
    offset = lineEnd + 1
  }

  // Each non-article item inside an article's span goes with that article.
  const spans = groups
    .map((g, index) => ({ index, g, first: Math.min(...g.items.map((i) => i.pos)), last: Math.max(...g.items.filter((i) => Number.isFinite(i.pos)).map((i) => i.pos), -1) }))
    .filter((s) => s.g.kind === 'article' || s.g.kind === 'fragment')
  const hostOf = (pos: number): number | null => {
    let host: { index: number; first: number } | null = null
    for (const s of spans) if (pos > s.first && pos < s.last && (!host || s.first > host.first)) host = s
    return host?.index ?? null
  }
  type Unit = { pos: number; group: Group | null; own: Item[]; absorbed: Item[] }
  const units = new Map<number, Unit>()
  const free: Unit[] = []
  for (const s of spans) units.set(s.index, { pos: s.first, group: s.g, own: s.g.items, absorbed: [] })
  groups.forEach((g) => {
    if (g.kind === 'article' || g.kind === 'fragment') return
    const first = Math.min(...g.items.map((i) => i.pos))
    const host = Number.isFinite(first) ? hostOf(first) : null
    if (host !== null) units.get(host)!.absorbed.push(...g.items)
    else free.push({ pos: first, group: g, own: g.items, absorbed: [] })
  })
  for (const item of leftovers) {
    const host = hostOf(item.pos)
    if (host !== null) units.get(host)!.absorbed.push(item)
    else free.push({ pos: item.pos, group: null, own: [item], absorbed: [] })
  }
  const ordered = [...units.values(), ...free].sort((a, b) => a.pos - b.pos)

  const lines: string[] = []
  const articles: ArticleChoices = []
  for (const unit of ordered) {
    const items = [...unit.own]
    for (const extra of [...unit.absorbed].sort((a, b) => a.pos - b.pos)) {
      const at = items.findIndex((i, n) => n > 0 && i.pos > extra.pos)
      items.splice(at < 0 ? items.length : at, 0, extra)
    }
    if (lines.length > 0) lines.push('')
    const startLine = lines.length
    // A role a line of the range, as the workbench sends them (null for a blank line); a line the
    // file names no role for is what its article kind makes of it.
    const roles: Array<LineRole | null> = []
    let named = false
    items.forEach((item, n) => {
      if (n > 0) {
        lines.push('')
        roles.push(null)
      }
      if (item.role) named = true
      roles.push(item.role ? (item.role === 'banner' ? 'kicker' : item.role) : unit.group?.kind === 'caption' ? 'caption' : 'body')
      lines.push(item.text)
    })
    const endLine = lines.length
    if (!unit.group) continue
    const kind = unit.group.kind
    articles.push({ kind, startLine, endLine, ...(unit.group.titleOverride ? { titleOverride: unit.group.titleOverride } : {}), ...(named && kind !== 'furniture' ? { roles } : {}) })
  }
  return { text: lines.join('\n'), articles }
}

/**
 * Sets the page's structure from `structure` in the caller's transaction: a revision of the
 * editor's when the layout changes the working text, then the articles as updateArticles sets
 * them (decisions recorded). `revisionId`, when given, must be the page's current revision.
 */
export function setPageStructure(
  ctx: ServiceContext,
  pageId: number,
  revisionId: number | undefined,
  structure: StructureFile
): { revisionId: number; articles: ArticleRecord[]; learnt: Learnt[] } {
  const { db } = ctx
  const current = currentRevision(db, pageId)
  if (!current) throw new ApiError('not-found', `page ${pageId} does not exist`)
  if (revisionId !== undefined && revisionId !== current.revisionId) {
    throw new ApiError('conflict', `page ${pageId} is now at revision ${current.revisionId}, not ${revisionId}; reload it`)
  }
  const layout = layoutStructure(current.text, structure)
  let id = current.revisionId
  if (layout.text !== current.text) {
    // The one way a working text changes; its articles are then set as the editor gave them.
    id = commitRevision(ctx, { pageId, base: current, text: layout.text, reason: 'structure set', decisions: 'keep' }).revisionId
  }
  const { records, publications } = applyArticleChoices(ctx, pageId, id, layout.articles)
  return { revisionId: id, articles: records, learnt: publications }
}
