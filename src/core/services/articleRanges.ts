import { ApiError, type ArticleBoundary } from '../../shared/api'
import { describeLines } from '../pipeline/describe'
import type { StoredArticle } from '../store/queries/articles'
import type { ArticleRoles } from '../../shared/lineRoles'

// Article boundaries are line ranges of one text. Every change of the text or of the structure
// places them here (placeArticles): as the workbench drew them on the new text, or, when no
// one drew them (a restore, a fix applied across pages, a save from another client), carried
// over from the old text through a line alignment. What the editor decided about an article
// holds while its lines are the same.

/** Past this many cells the middle of two texts is aligned as one changed block. */
const MAX_CELLS = 4_000_000

/**
 * Where each line boundary of `from` falls in `to`: result[i] is the position in `to` of the
 * point before line i of `from` (result[from.length] === to.length). Equal lines are paired
 * by a longest common subsequence; a boundary inside a changed block keeps its distance from
 * the block's start, within the block. The mapping never goes backwards.
 */
export function mapLineBoundaries(from: readonly string[], to: readonly string[]): Int32Array {
  const n = from.length
  const m = to.length
  const pairedTo = new Int32Array(n).fill(-1)
  let prefix = 0
  while (prefix < n && prefix < m && from[prefix] === to[prefix]) {
    pairedTo[prefix] = prefix
    prefix++
  }
  let suffix = 0
  while (suffix < n - prefix && suffix < m - prefix && from[n - 1 - suffix] === to[m - 1 - suffix]) {
    pairedTo[n - 1 - suffix] = m - 1 - suffix
    suffix++
  }
  pairMiddle(from, to, prefix, n - suffix, prefix, m - suffix, pairedTo)

  // For a line in a changed block: where the block ends in `to` (the next pair after it).
  const blockEnd = new Int32Array(n)
  let next = m
  for (let i = n - 1; i >= 0; i--) {
    if (pairedTo[i]! >= 0) next = pairedTo[i]!
    blockEnd[i] = next
  }
  const out = new Int32Array(n + 1)
  out[n] = m
  let prevFrom = -1
  let prevTo = -1
  for (let i = 0; i < n; i++) {
    if (pairedTo[i]! >= 0) {
      prevFrom = i
      prevTo = pairedTo[i]!
      out[i] = prevTo
    } else {
      out[i] = Math.min(prevTo + (i - prevFrom), blockEnd[i]!)
    }
  }
  return out
}

/** Pairs equal lines of from[a0, a1) and to[b0, b1) by a longest common subsequence. */
function pairMiddle(from: readonly string[], to: readonly string[], a0: number, a1: number, b0: number, b1: number, pairedTo: Int32Array): void {
  const rows = a1 - a0
  const cols = b1 - b0
  if (rows === 0 || cols === 0 || (rows + 1) * (cols + 1) > MAX_CELLS) return
  const width = cols + 1
  // lcs[i][j]: length of the common subsequence of from[a0 + i ..) and to[b0 + j ..).
  const lcs = new Uint32Array((rows + 1) * width)
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      lcs[i * width + j] = from[a0 + i] === to[b0 + j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!)
    }
  }
  let i = 0
  let j = 0
  while (i < rows && j < cols) {
    if (from[a0 + i] === to[b0 + j]) {
      pairedTo[a0 + i] = b0 + j
      i++
      j++
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) i++
    else j++
  }
}

export interface RemapResult {
  articles: StoredArticle[]
  /** Articles whose lines changed and whose decision was reset. */
  reset: number
  /** Articles none of whose lines are left. */
  dropped: number
}

export interface PlaceOptions {
  /**
   * The editor's boundaries on the new text (a save from the workbench, a structure edit);
   * without them the stored ranges follow the text by line alignment.
   */
  boundaries?: readonly ArticleBoundary[]
  /**
   * What the change is. 'edit': the editor's typing; an approval or a rejection was given to
   * other words, so an article whose words changed is proposed again until decided again (it
   * keeps where it came from: source, analyzer version). 'reset': a restore; the same, and such
   * an article counts as the editor's. 'keep': a correction the editor applied across pages
   * after reading every occurrence in context (applyCorrection); decisions stand.
   */
  decisions: 'edit' | 'keep' | 'reset'
}

/**
 * Where the page's articles are on a new text: the one answer for every change of the text
 * or the structure. An article whose lines and kind are the same keeps everything read from
 * them; one whose lines changed is read again from its new lines and keeps its id, kind and
 * the editor's title.
 */
export function placeArticles(stored: readonly StoredArticle[], from: readonly string[], to: readonly string[], options: PlaceOptions): RemapResult {
  return options.boundaries ? placeBoundaries(stored, from, to, options.boundaries, options.decisions) : carryByLines(stored, from, to, options.decisions)
}

/** The line ranges as the workbench keeps them, checked against the text they are for. */
export function checkBoundaries(boundaries: readonly ArticleBoundary[], lineCount: number): ArticleBoundary[] {
  const sorted = [...boundaries].sort((a, b) => a.startLine - b.startLine)
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!
    if (a.endLine > lineCount) throw new ApiError('invalid-argument', `article ${i + 1} ends after the last line (${lineCount})`)
    const next = sorted[i + 1]
    if (next && next.startLine < a.endLine) throw new ApiError('invalid-argument', `articles ${i + 1} and ${i + 2} overlap`)
  }
  return sorted
}

type Decisions = PlaceOptions['decisions']

function placeBoundaries(stored: readonly StoredArticle[], from: readonly string[], to: readonly string[], boundaries: readonly ArticleBoundary[], decisions: Decisions): RemapResult {
  const byId = new Map(stored.flatMap((a) => (a.id === undefined ? [] : [[a.id, a] as const])))
  const out: StoredArticle[] = []
  let reset = 0
  let dropped = 0
  for (const b of checkBoundaries(boundaries, to.length)) {
    // Each stored article is claimed once: a second piece with its id is a new article.
    const old = b.id === undefined ? undefined : byId.get(b.id)
    if (old) byId.delete(old.id!)
    if (blank(to, b.startLine, b.endLine)) {
      // All its text deleted: no article is left to approve or export (no untitled husk).
      dropped++
      continue
    }
    const status = b.status ?? 'proposed'
    const titleOverride = b.titleOverride ?? null
    const sameWords = old !== undefined && sameLines(from, old.startLine, old.endLine, to, b.startLine, b.endLine)
    // The editor's roles, as sent; a boundary without them keeps the stored ones while its lines do.
    const roles = b.roles !== undefined ? b.roles : old && sameWords ? (old.roles ?? null) : null
    if (old && sameWords && old.kind === b.kind && sameRoles(old.roles ?? null, roles)) {
      const decided = status !== old.status || titleOverride !== old.titleOverride
      out.push({ ...old, startLine: b.startLine, endLine: b.endLine, status, titleOverride, source: decided ? 'editor' : old.source })
      continue
    }
    // A new article, or another kind on the same words, is decided as sent; other words than
    // those decided undo the decision.
    const kept = !old || sameWords || decisions === 'keep' ? status : 'proposed'
    if (old && old.status !== 'proposed' && kept === 'proposed') reset++
    const keep = decisions !== 'reset'
    const rolesChanged = !sameRoles(old?.roles ?? null, roles)
    out.push({
      ...describeLines(to.slice(b.startLine, b.endLine), b.kind, b.startLine, b.endLine, roles),
      ...(old ? { id: old.id } : {}),
      status: kept,
      source: old && keep && !rolesChanged ? old.source : 'editor',
      analyzerVersion: old && keep ? old.analyzerVersion : 0,
      titleOverride
    })
  }
  return { articles: out, reset, dropped: dropped + byId.size }
}

function sameRoles(a: ArticleRoles | null, b: ArticleRoles | null): boolean {
  if (a === b) return true
  if (!a || !b || a.length !== b.length) return false
  return a.every((r, i) => r === b[i])
}

function blank(lines: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ((lines[i] ?? '').trim() !== '') return false
  return true
}

function sameLines(a: readonly string[], a0: number, a1: number, b: readonly string[], b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0 || a1 > a.length) return false
  for (let i = 0; i < a1 - a0; i++) if (a[a0 + i] !== b[b0 + i]) return false
  return true
}

function carryByLines(articles: readonly StoredArticle[], from: readonly string[], to: readonly string[], decisions: Decisions): RemapResult {
  const at = mapLineBoundaries(from, to)
  const out: StoredArticle[] = []
  let reset = 0
  let dropped = 0
  for (const article of [...articles].sort((a, b) => a.startLine - b.startLine)) {
    const start = Math.min(article.startLine, from.length)
    const end = Math.min(article.endLine, from.length)
    const startLine = at[start]!
    const endLine = Math.max(at[end]!, startLine)
    const floor = out.at(-1)?.endLine ?? 0
    if (endLine <= Math.max(startLine, floor)) {
      dropped++
      continue
    }
    const clippedStart = Math.max(startLine, floor)
    if (blank(to, clippedStart, endLine)) {
      dropped++
      continue
    }
    if (sameLines(from, start, end, to, clippedStart, endLine)) {
      out.push({ ...article, startLine: clippedStart, endLine })
      continue
    }
    const keep = decisions !== 'reset'
    const status = decisions === 'keep' ? article.status : 'proposed'
    if (article.status !== status) reset++
    // The editor's roles go on with lines that are still one for one; else the text is read again.
    const roles = article.roles && article.roles.length === endLine - clippedStart ? article.roles : null
    out.push({
      ...describeLines(to.slice(clippedStart, endLine), article.kind, clippedStart, endLine, roles),
      ...(article.id !== undefined ? { id: article.id } : {}),
      status,
      source: keep ? article.source : 'editor',
      analyzerVersion: keep ? article.analyzerVersion : 0,
      titleOverride: article.titleOverride
    })
  }
  return { articles: out, reset, dropped }
}

/** The stored articles carried from one text to another by line alignment (see placeArticles). */
export function remapArticles(articles: readonly StoredArticle[], fromText: string, toText: string, options: { keepDecisions?: boolean } = {}): RemapResult {
  return carryByLines(articles, fromText.split('\n'), toText.split('\n'), options.keepDecisions === true ? 'keep' : 'reset')
}
