import { describeLines } from '../pipeline/describe'
import type { StoredArticle } from '../store/queries/articles'

// Article boundaries are line ranges of one text. When the page's text is replaced wholesale
// (a revision restored), they are carried over to the new text through a line alignment:
// what the editor decided about an article holds only while its lines are the same.

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

/**
 * The page's articles carried from `fromText` to `toText`. An article whose lines are the
 * same keeps everything (fields, decision, the editor's title); one whose lines changed is
 * read again from its new lines and keeps its id, kind and the editor's title. After a
 * restore it is proposed again: an approval given to other words does not hold for these.
 * After the editor's own edit (`keepDecisions`) it keeps its decision: fixing a word in an
 * approved article does not take the approval back.
 */
export function remapArticles(articles: readonly StoredArticle[], fromText: string, toText: string, options: { keepDecisions?: boolean } = {}): RemapResult {
  const from = fromText.split('\n')
  const to = toText.split('\n')
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
    const before = from.slice(start, end).join('\n')
    const after = to.slice(clippedStart, endLine).join('\n')
    if (before === after) {
      out.push({ ...article, startLine: clippedStart, endLine })
      continue
    }
    const keep = options.keepDecisions === true
    if (article.status !== 'proposed' && !keep) reset++
    out.push({
      ...describeLines(to.slice(clippedStart, endLine), article.kind, clippedStart, endLine),
      ...(article.id !== undefined ? { id: article.id } : {}),
      status: keep ? article.status : 'proposed',
      source: keep ? article.source : 'editor',
      analyzerVersion: keep ? article.analyzerVersion : 0,
      titleOverride: article.titleOverride
    })
  }
  return { articles: out, reset, dropped }
}
