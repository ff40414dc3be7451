import type { ArticleKind, ArticleRecord, ArticleStatus } from '../../../shared/types'
import { rolesOf, type ArticleRoles } from '../../../shared/lineRoles'

// Article boundaries live as line ranges [startLine, endLine) of the working text. While the
// editor types, every content change moves them the way a reader would expect; the server only
// hears about them when the text is saved or the structure is edited.

export interface Span {
  kind: ArticleKind
  startLine: number
  endLine: number
  /** The title the editor gave the article; null while it is read from the text (record.title). */
  title: string | null
  status: ArticleStatus
  /** The server's record the span came from; null for a piece made by a split. */
  record: ArticleRecord | null
  /** The editor's role for each of its lines; null while they are read from the record's fields. */
  roles?: ArticleRoles | null
}

/** One Monaco content change, in its own 1-based coordinates. */
export interface TextChange {
  range: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number }
  text: string
}

export function spansFromRecords(records: readonly ArticleRecord[]): Span[] {
  return records
    .map((r) => ({ kind: r.kind, startLine: r.startLine, endLine: r.endLine, title: r.titleOverridden ? r.title : null, status: r.status, record: r, roles: r.roles ?? null }))
    .sort((a, b) => a.startLine - b.startLine)
}

function newlines(text: string): number {
  let n = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++
  return n
}

/** Moves the spans through one edit; spans whose lines all vanished are dropped. */
export function applyChange(spans: readonly Span[], change: TextChange, lineCount: number): Span[] {
  const a = change.range.startLineNumber - 1
  const b = change.range.endLineNumber - 1
  const added = newlines(change.text)
  const delta = added - (b - a)
  if (delta === 0 && a === b && added === 0) return spans as Span[]
  const pureInsertAtLineStart = a === b && change.range.startColumn === 1 && change.range.endColumn === 1
  // Lines that vanish whole; an article made only of them goes with them.
  const firstGone = change.range.startColumn === 1 ? a : a + 1
  const lastGone = b - 1
  const out: Span[] = []
  for (const span of spans) {
    if (firstGone <= lastGone && span.startLine >= firstGone && span.endLine - 1 <= lastGone) continue
    let s = span.startLine
    let last = span.endLine - 1
    if (s > b) s += delta
    else if (s === a && pureInsertAtLineStart) s += added
    else if (s > a) s = a + (change.range.startColumn === 1 ? 0 : 1)
    if (last > b) last += delta
    else if (last >= a) last = a + added
    const next = { ...span, startLine: s, endLine: last + 1 }
    if (span.roles && (added > 0 || b > a)) next.roles = movedRoles(span, change, next.startLine, next.endLine)
    if (next.startLine !== span.startLine || next.endLine !== span.endLine || next.roles !== span.roles) out.push(next)
    else out.push(span)
  }
  return normalize(out, lineCount)
}

/**
 * The editor's roles of a span after an edit that added or removed lines: each line keeps its
 * role where its words went; a line the edit made is body (null) until given one.
 */
function movedRoles(span: Span, change: TextChange, startLine: number, endLine: number): ArticleRoles {
  const a = change.range.startLineNumber - 1
  const b = change.range.endLineNumber - 1
  const added = newlines(change.text)
  const delta = added - (b - a)
  const old = (line: number): ArticleRoles[number] => (line >= span.startLine && line < span.endLine ? (span.roles![line - span.startLine] ?? null) : null)
  const atLineStart = change.range.startColumn === 1
  const out: ArticleRoles = []
  for (let line = startLine; line < endLine; line++) {
    if (line < a) out.push(old(line))
    else if (line > a + added) out.push(old(line - delta))
    // the edit's last line holds what followed it on line b; its first what preceded it on line a
    else if (line === a + added && (atLineStart || b > a)) out.push(old(b))
    else if (line === a && !atLineStart) out.push(old(a))
    else out.push(null)
  }
  return out
}

/**
 * An edit inside a decided article takes the decision back, as the store does when it saves the
 * edit (placeArticles): shown at once, before the save.
 */
export function undecideTouched(spans: readonly Span[], change: TextChange): Span[] {
  const a = change.range.startLineNumber - 1
  const b = change.range.endLineNumber - 1
  let out: Span[] | null = null
  spans.forEach((span, i) => {
    if (span.status === 'proposed' || span.endLine <= a || span.startLine > b) return
    out ??= [...spans]
    out[i] = { ...span, status: 'proposed' }
  })
  return out ?? (spans as Span[])
}

/** Sorted, inside the text, no overlaps, no empty spans. */
export function normalize(spans: readonly Span[], lineCount: number): Span[] {
  const sorted = [...spans].sort((x, y) => x.startLine - y.startLine)
  const out: Span[] = []
  let floor = 0
  for (const span of sorted) {
    const startLine = Math.max(span.startLine, floor)
    const endLine = Math.min(span.endLine, lineCount)
    if (endLine <= startLine) continue
    out.push(startLine === span.startLine && endLine === span.endLine ? span : { ...span, startLine, endLine })
    floor = endLine
  }
  return out
}

export function spanAt(spans: readonly Span[], line: number): number {
  return spans.findIndex((s) => line >= s.startLine && line < s.endLine)
}

/**
 * Splits the article under the cursor line so a new one starts there. On a line outside every
 * article a new article is opened from that line to the next article (or the end of the text).
 */
export function splitAt(spans: readonly Span[], line: number, lineCount: number, lines?: readonly string[]): { spans: Span[]; index: number } | null {
  if (line < 0 || line >= lineCount) return null
  const at = spanAt(spans, line)
  if (at === -1) {
    const nextStart = spans.find((s) => s.startLine > line)?.startLine ?? lineCount
    const fresh: Span = { kind: 'article', startLine: line, endLine: nextStart, title: null, status: 'proposed', record: null }
    const out = normalize([...spans, fresh], lineCount)
    return { spans: out, index: out.indexOf(fresh) }
  }
  const span = spans[at]!
  if (line === span.startLine) return null
  // The head keeps the editor's title; one read from the text only if its line stayed with it.
  const read = span.record?.title || null
  const keepsTitle = span.title !== null || !lines || !read || containsLine(lines, span.startLine, line, read)
  // The editor's roles stay with their lines on both sides.
  const cut = line - span.startLine
  const head: Span = { ...span, endLine: line, status: 'proposed', title: keepsTitle ? span.title : null, record: keepsTitle ? span.record : null, roles: span.roles ? span.roles.slice(0, cut) : null }
  const tail: Span = { kind: span.kind, startLine: line, endLine: span.endLine, title: null, status: 'proposed', record: null, roles: span.roles ? span.roles.slice(cut) : null }
  const out = [...spans.slice(0, at), head, tail, ...spans.slice(at + 1)]
  return { spans: out, index: at + 1 }
}

function containsLine(lines: readonly string[], from: number, to: number, text: string): boolean {
  const want = text.replace(/\s+/g, '')
  for (let i = from; i < to; i++) if ((lines[i] ?? '').replace(/\s+/g, '').includes(want)) return true
  return false
}

/** Joins an article to the one before it; the earlier keeps its kind and title, and each line its role. */
export function mergeWithPrevious(spans: readonly Span[], index: number, lines?: readonly string[]): { spans: Span[]; index: number } | null {
  if (index <= 0 || index >= spans.length) return null
  const prev = spans[index - 1]!
  const cur = spans[index]!
  const merged: Span = { ...prev, endLine: cur.endLine, status: 'proposed' }
  if ((prev.roles || cur.roles) && lines) {
    const gap: ArticleRoles = new Array<null>(Math.max(0, cur.startLine - prev.endLine)).fill(null)
    merged.roles = [...shownRoles(prev, lines), ...gap, ...shownRoles(cur, lines)]
  } else merged.roles = null
  return { spans: [...spans.slice(0, index - 1), merged, ...spans.slice(index + 1)], index: index - 1 }
}

const KIND_CYCLE: readonly ArticleKind[] = ['article', 'caption', 'furniture']

export function nextKind(kind: ArticleKind): ArticleKind {
  const i = KIND_CYCLE.indexOf(kind)
  return KIND_CYCLE[(i + 1) % KIND_CYCLE.length]!
}

/** The role of each line of a span as the gutter shows it: the editor's, else read from its record. */
export function shownRoles(span: Span, lines: readonly string[]): ArticleRoles {
  if (span.roles && span.roles.length === span.endLine - span.startLine) return rolesOf({ ...(span.record ?? EMPTY), kind: span.kind, roles: span.roles }, lines, span.startLine, span.endLine)
  return rolesOf(span.record ? { ...span.record, kind: span.kind } : null, lines, span.startLine, span.endLine)
}

const EMPTY = { kicker: null, title: '', subtitle: null, headings: [], byline: null, paragraphs: [], captions: [] }

function sameRoles(x: Span, y: Span): boolean {
  const a = x.roles ?? null
  const b = y.roles ?? null
  if (a === b) return true
  return !!a && !!b && a.length === b.length && a.every((r, i) => r === b[i])
}

export function sameBoundaries(x: readonly Span[], y: readonly Span[]): boolean {
  return x.length === y.length && x.every((s, i) => s.startLine === y[i]!.startLine && s.endLine === y[i]!.endLine && s.kind === y[i]!.kind && sameRoles(s, y[i]!))
}

export interface ArticlePayload {
  id?: number
  kind: ArticleKind
  startLine: number
  endLine: number
  titleOverride?: string | null
  status?: ArticleStatus
  roles?: ArticleRoles | null
}

/**
 * The boundaries as a save or updateArticles sends them: only the editor's titles are sent, the
 * others are read from the text; the id of the stored article a span came from lets the store
 * keep what it read from lines that did not change.
 */
export function toPayload(spans: readonly Span[]): ArticlePayload[] {
  return spans.map((s) => ({
    ...(s.record ? { id: s.record.id } : {}),
    kind: s.kind,
    startLine: s.startLine,
    endLine: s.endLine,
    status: s.status,
    ...(s.title !== null ? { titleOverride: s.title } : {}),
    ...(s.roles && s.roles.length === s.endLine - s.startLine ? { roles: s.roles } : {})
  }))
}
