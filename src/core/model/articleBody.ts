import type { Paragraph } from '../../shared/types'
import type { ArticleInput } from './article'
import { LINE_ROLES, type ArticleRoles, type LineRole } from '../../shared/lineRoles'

export interface ArticleBody {
  headings: string[]
  paragraphs: Paragraph[]
  captions: string[]
  /** The editor's role for each line of the article, when given (stored as "r"). */
  roles?: ArticleRoles | null
}

// A body is stored as references to the lines of its revision's text rather than copies of them:
// the paragraphs of a page are most of its text again, and copying them made an import write a
// page's text four times. A heading, paragraph or caption that is not one whole line of that text
// (an editor's or an older analysis' body) keeps its own text. Revisions are append-only and an
// article names its revision, so a reference cannot come to mean another line.
//
// Stored: {"h": [...], "p": [...], "c": [...]} where an item is a line number or a text, and a
// subhead paragraph is {"s": item}. Bodies written before this ({"headings", "paragraphs",
// "captions"} with texts) are read as they are.

type Item = number | string
type StoredParagraph = Item | { s: Item }
interface StoredBody {
  h?: Item[]
  p?: StoredParagraph[]
  c?: Item[]
  r?: Array<string | null>
}
interface LegacyBody {
  headings?: string[]
  paragraphs?: Paragraph[]
  captions?: string[]
}

/** Lines looked at one by one before an index of the article's lines is made. */
const SCAN = 64

/** Line numbers of `texts` in order within [from, to] of `lines`, a text where it is not a whole line. */
function refer(texts: readonly string[], lines: readonly string[] | null, from: number, to: number): Item[] {
  if (!lines) return [...texts]
  const last = Math.min(to, lines.length - 1)
  let cursor = from
  // Where each text is among the article's lines, made only when a text is not found close
  // ahead: looking through the whole article for every such text was quadratic on a long page.
  let index: Map<string, number[]> | null = null
  const find = (text: string): number => {
    const near = Math.min(last, cursor + SCAN - 1)
    for (let k = cursor; k <= near; k++) if (lines[k] === text) return k
    if (near === last && cursor === from) return -1
    if (!index) {
      index = new Map()
      for (let k = from; k <= last; k++) {
        const at = index.get(lines[k]!)
        if (at) at.push(k)
        else index.set(lines[k]!, [k])
      }
    }
    const at = index.get(text)
    if (!at) return -1
    // The first at or after the cursor, else (out of order) the first in the article.
    let lo = 0
    let hi = at.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (at[mid]! < cursor) lo = mid + 1
      else hi = mid
    }
    return lo < at.length ? at[lo]! : at[0]!
  }
  return texts.map((text) => {
    const k = find(text)
    if (k < 0) return text
    if (k >= cursor) cursor = k + 1
    return k
  })
}

/** The body as stored; `lines` is the article's revision text split at newlines (null: keep texts). */
export function encodeArticleBody(body: ArticleBody, startLine: number, endLine: number, lines: readonly string[] | null): string {
  const paragraphs = refer(
    body.paragraphs.map((p) => p.text),
    lines,
    startLine,
    endLine
  ).map((item, i): StoredParagraph => (body.paragraphs[i]!.role === 'subhead' ? { s: item } : item))
  const stored: StoredBody = {
    h: refer(body.headings, lines, startLine, endLine),
    p: paragraphs,
    c: refer(body.captions, lines, startLine, endLine)
  }
  if (body.roles) stored.r = body.roles
  return JSON.stringify(stored)
}

export class ArticleBodyError extends Error {}

/** An article's stored body, as every reader of the store sees it; `lines` gives its revision's lines when a reference needs them. */
export function decodeArticleBody(bodyJson: string, lines: () => readonly string[] | null): ArticleBody {
  const raw = JSON.parse(bodyJson) as StoredBody & LegacyBody
  if (raw.h === undefined && raw.p === undefined && raw.c === undefined) {
    return { headings: raw.headings ?? [], paragraphs: raw.paragraphs ?? [], captions: raw.captions ?? [] }
  }
  let text: readonly string[] | null | undefined
  const resolve = (item: Item): string => {
    if (typeof item === 'string') return item
    text ??= lines()
    const line = text?.[item]
    if (line === undefined) throw new ArticleBodyError(`an article body names line ${item + 1}, which its revision does not have`)
    return line
  }
  return {
    headings: (raw.h ?? []).map(resolve),
    paragraphs: (raw.p ?? []).map((p): Paragraph => (typeof p === 'object' ? { role: 'subhead', text: resolve(p.s) } : { role: 'body', text: resolve(p) })),
    captions: (raw.c ?? []).map(resolve),
    ...(raw.r ? { roles: raw.r.map((r) => (r !== null && (LINE_ROLES as readonly string[]).includes(r) ? (r as LineRole) : null)) } : {})
  }
}

/**
 * An article as its row stores it: the body and flags already encoded. An import makes these on
 * its analysis threads, so that the writing thread only binds values (and the paragraphs, most
 * of a page's text again, never cross between threads).
 */
export interface EncodedArticle {
  kind: ArticleInput['kind']
  startLine: number
  endLine: number
  kicker: string | null
  title: string
  subtitle: string | null
  byline: string | null
  bodyJson: string
  flagsJson: string
  confidence: number
}

/** `articles` as described against `text`, the revision they will be stored with. */
export function encodeArticles(articles: readonly ArticleInput[], text: string): EncodedArticle[] {
  const lines = articles.length === 0 ? null : text.split('\n')
  return articles.map(({ headings: _h, paragraphs: _p, captions: _c, roles: _r, flags, ...row }, i) => ({
    ...row,
    bodyJson: encodeArticleBody(articles[i]!, row.startLine, row.endLine, lines),
    flagsJson: JSON.stringify(flags)
  }))
}
