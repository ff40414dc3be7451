// Cutting the page's paragraphs into articles in reading order.
import { endsSentence, hanCount, visibleLength } from './chars'
import { NUMBERED_HEADING, isAuthorNote, isEditorSignoff, leadOpening, startsWithDash } from './cues'
import { interpretStack, isCaptionish } from './headings'
import type { Para } from './joins'
import type { ArticleKind, LineRole } from './types'
import { creditOf, isHeadingShaped } from './units'

export interface Draft {
  kind: ArticleKind
  items: { para: Para; role: LineRole }[]
  section: string | null
  confidence: number
  /** Ended by a byline or credit after its body: what follows is something else. */
  closed: boolean
  hasBody: boolean
  hasByline: boolean
  hasLead: boolean
  subheads: number
  bodyCount: number
  lastBody: Para | null
}

/** Longest caption still attached to the article it follows (longer ones are photo stories). */
const ATTACH_MAX = 40
/** Paragraphs an editor's note at the top of an article runs to at most. */
const EDITOR_NOTE_PARAS = 3
/** A group under a section banner is made of short items. */
const SHORT_ITEM_PARAS = 5
const SHORT_ITEM_CHARS = 1200

function newDraft(kind: ArticleKind, confidence: number): Draft {
  return { kind, items: [], section: null, confidence, closed: false, hasBody: false, hasByline: false, hasLead: false, subheads: 0, bodyCount: 0, lastBody: null }
}

function isHeadingPara(p: Para): boolean {
  return p.kind === 'heading' || p.kind === 'subtitle'
}

export interface SegmentOptions {
  /** The paper prints kickers over its titles (see headings.ts stackVotes). */
  kickerAbove?: boolean
  /** The paper prints its titles over their subtitles (stackVotes < 0). */
  titleAbove?: boolean
}

export function segment(paras: readonly Para[], options: SegmentOptions = {}): Draft[] {
  const drafts: Draft[] = []
  let cur: Draft | null = null
  const put = (d: Draft, p: Para, role: LineRole): void => {
    d.items.push({ para: p, role })
    if (role === 'body') {
      d.bodyCount++
      d.lastBody = p
    }
  }
  const open = (kind: ArticleKind, confidence: number): Draft => {
    const d = newDraft(kind, confidence)
    drafts.push(d)
    cur = d
    return d
  }
  // precomputed backwards so that every look-ahead is O(1): pages may hold 100,000 lines
  const n = paras.length
  const nextContentAt = new Int32Array(n + 1)
  const runLength = new Int32Array(n + 1)
  const runCredited = new Uint8Array(n + 1)
  nextContentAt[n] = n
  for (let k = n - 1; k >= 0; k--) {
    const q = paras[k]!
    nextContentAt[k] = q.kind === 'furniture' || q.kind === 'caption' ? nextContentAt[k + 1]! : k
    if (q.kind === 'body') {
      runLength[k] = 1 + runLength[k + 1]!
      runCredited[k] = creditOf(q.text) ? 1 : runCredited[k + 1]!
      if (creditOf(q.text)) runLength[k] = 1
    } else {
      runLength[k] = 0
      // (a note of who else worked on the story closes it, but says nothing of a story of its own)
      runCredited[k] = q.kind === 'byline' && !isAuthorNote(q.text) ? 1 : 0
    }
  }
  const nextContent = (from: number): number => (from >= n ? n : nextContentAt[from]!)
  /** A heading-shaped line with a comma right above a lead still reads as a title. */
  const looseHeadingAt = (k: number): boolean => {
    const p = paras[k]
    // (a source line or a caption between the title and its lead is stepped over)
    const q = paras[nextContent(k + 1)]
    if (p === undefined || p.kind !== 'body' || q === undefined) return false
    // a short line that leads into the heading under it with a dash (`某某区——` over a title),
    // after a story that has signed off, is the next story's kicker (inside a story, the same
    // line over a heading is a label over its subhead: `谈成败——`)
    const c = cur as Draft | null
    if (isDashLeadIn(p.text) && (c === null || c.closed) && paras[k + 1] !== undefined && isHeadingPara(paras[k + 1]!)) return true
    if (!isHeadingShaped(p.text, true)) return false
    if (q.kind === 'lead' || q.kind === 'byline' || isHeadingPara(q)) return true
    // a line set aside right under it (a per-article source line) is printed under titles, when
    // the line comes after a finished paragraph and text follows (`走，去逛早市夜市`)
    const before = paras[k - 1]
    return paras[k + 1]?.kind === 'furniture' && q.kind === 'body' && (before === undefined || before.kind !== 'body' || endsSentence(before.text))
  }
  /** Does the untitled run starting at k end with a credit (its own byline)? */
  const untitledRunCredited = (k: number): { credited: boolean; length: number } =>
    paras[k]?.kind === 'body' ? { credited: runCredited[k] === 1, length: runLength[k]! } : { credited: false, length: 0 }
  /**
   * New story or subhead? Votes from cues that a new story shows far more often than a section
   * of the same story: a box boundary, a story above that breaks off, a byline of its own under
   * the heading, a story above that opened as a news report (本报讯 reports seldom carry subheads,
   * however long), a first paragraph that opens like a lead. Against: subheads already in the
   * story, and numbering. No single cue but the byline decides on its own.
   */
  const headingStartsStory = (run: Para[], end: number, next: Para): { yes: boolean; confidence: number } => {
    const c = cur as Draft | null
    if (!c || c.kind !== 'article' || c.closed || !c.hasBody || run.length >= 2) return { yes: true, confidence: 0.85 }
    const h = run[0]!
    let score = 0
    if (h.gap >= 2) score += 1
    const lastBody = c.lastBody
    if (lastBody && !endsSentence(lastBody.text) && !lastBody.dup) score += 1
    // the story under the heading signs off with its own byline while this one already has one
    let m = end
    while (m < paras.length && (paras[m]!.kind === 'body' || paras[m]!.kind === 'caption' || paras[m]!.kind === 'furniture')) {
      if (paras[m]!.kind === 'body' && creditOf(paras[m]!.text)) break
      m++
    }
    const signsOff = (m < paras.length && paras[m]!.kind === 'byline' && !isAuthorNote(paras[m]!.text)) || (m < paras.length && creditOf(paras[m]!.text) !== null)
    if (signsOff && c.hasByline) score += 2
    if (c.hasLead && c.subheads === 0) score += 1
    const opening = leadOpening(next.text)
    score += opening === 'source' ? 1.5 : opening === 'when' ? 1 : opening === 'why' ? 0.5 : 0
    if (visibleLength(h.text) > 20) score += 0.5
    // a line set aside right under the heading (a per-article source line) is printed under a
    // story's title, not under a subhead
    if (paras[end]?.kind === 'furniture') score += 2
    if (c.subheads > 0) score -= 1
    if (NUMBERED_HEADING.test(h.text)) score -= 2
    return { yes: score >= 2, confidence: Math.abs(score - 1.75) >= 1 ? 0.85 : 0.65 }
  }

  let i = 0
  while (i < paras.length) {
    const p = paras[i]!
    if (p.kind === 'furniture') {
      i++
      continue
    }
    if (isHeadingPara(p) || looseHeadingAt(i)) {
      let j = i
      // a box boundary (two or more blank lines) ends a stack of headings
      while (j < paras.length && (isHeadingPara(paras[j]!) || looseHeadingAt(j)) && (j === i || paras[j]!.gap < 2)) j++
      const run = paras.slice(i, j)
      const k = nextContent(j)
      const next = paras[k]
      const c = cur as Draft | null
      if (c && c.kind === 'article' && !c.hasBody && !c.closed && c.hasByline && c.items.some((x) => x.role === 'title') && next && next.kind !== 'byline') {
        // a label between an article's byline and its first paragraph (`头条看点`, a column's
        // sub-label) belongs to that article's head: a story has no byline above its own title
        for (const h of run) put(c, h, 'subtitle')
      } else if (next && (next.kind === 'lead' || next.kind === 'byline' || next.kind === 'body')) {
        const story = next.kind === 'body' ? headingStartsStory(run, j, next) : { yes: true, confidence: 0.9 }
        if (story.yes) startArticle(run, story.confidence)
        else {
          for (const h of run) put(c!, h, 'subhead')
          c!.subheads += run.length
        }
      } else if (c && c.kind === 'article' && c.hasBody && run[0]!.gap <= 1) {
        for (const h of run) put(c, h, 'caption') // bare lines after the body, at its end: the article's photo captions
      } else if (run.every((h) => isCaptionish(h.text))) {
        for (const h of run) {
          const d = open('caption', 0.6)
          put(d, h, 'caption')
          d.hasBody = true
        }
      } else startArticle(run, 0.6)
      i = j
      continue
    }
    const c = cur as Draft | null
    switch (p.kind) {
      case 'lead': {
        const d = c && c.kind === 'article' && !c.hasBody && !c.closed ? c : open('article', 0.6)
        put(d, p, 'body')
        d.hasBody = true
        d.hasLead = true
        if (!d.hasByline) d.hasByline = true
        break
      }
      case 'byline': {
        if (c && c.kind !== 'caption' && !c.hasBody && !c.closed) {
          put(c, p, 'byline')
          c.hasByline = true
        } else if (c && c.hasBody && !c.closed) {
          put(c, p, 'byline')
          c.hasByline = true
          // an editor's note signed off at the top of an article: the article goes on under it
          if (!(isEditorSignoff(p.text) && c.bodyCount <= EDITOR_NOTE_PARAS)) c.closed = true
        } else {
          const d = open('fragment', 0.5)
          put(d, p, 'byline')
          d.hasByline = true
        }
        break
      }
      case 'caption': {
        const k = nextContent(i + 1)
        const after = paras[k]
        const flowGoesOn = after !== undefined && after.kind === 'body' && !untitledRunCredited(k).credited
        // (a caption moved out from between two halves is judged the same way: the cleaned text
        // shows it right after the joined paragraph and must read the same)
        if (c && c.kind === 'article' && !c.closed && (!c.hasBody || flowGoesOn || (p.gap <= 1 && visibleLength(p.text) <= ATTACH_MAX))) {
          put(c, p, 'caption')
        } else {
          const d = open('caption', creditOf(p.text) ? 0.85 : 0.7)
          put(d, p, 'caption')
          d.hasBody = true
          if (creditOf(p.text)) {
            d.hasByline = true
            d.closed = true
          }
        }
        break
      }
      default: {
        // body text
        const run = untitledRunCredited(i)
        const continues = c && c.kind !== 'caption' && !c.closed && !(p.gap >= 2 && run.credited)
        if (continues) {
          put(c!, p, 'body')
          c!.hasBody = true
        } else if (run.length === 1 && run.credited) {
          const d = open('caption', 0.75)
          put(d, p, 'caption')
          d.hasBody = true
        } else {
          const d = open('fragment', 0.5)
          put(d, p, 'body')
          d.hasBody = true
        }
        const d = cur as Draft | null
        if (d && creditOf(p.text)) {
          d.hasByline = true
          d.closed = true
        }
      }
    }
    i++
  }

  function startArticle(all: Para[], boundaryConfidence: number): void {
    // a descriptive line on top that repeats words of the story just above is that story's caption,
    // unless the line under it is a dash subtitle, which only ever hangs under a title
    let run = all
    const c0 = cur as Draft | null
    while (
      run.length > 1 &&
      c0 &&
      c0.kind === 'article' &&
      c0.hasBody &&
      !c0.closed &&
      run[0]!.gap <= 1 &&
      isCaptionish(run[0]!.text) &&
      !startsWithDash(run[1]!.text) &&
      // a paper that shows how it stacks its heads (kickers over titles, or titles over
      // subtitles) reads the line over a title as part of the head: only where nothing shows
      // how the paper stacks them is a descriptive line taken for the caption of the story above
      options.kickerAbove !== true &&
      options.titleAbove !== true &&
      // the role model (with what the publication taught it) reads the line as a head, not a caption
      sharesWords(run[0]!.text, c0)
    ) {
      put(c0, run[0]!, 'caption')
      run = run.slice(1)
    }
    const stack = interpretStack(run.map((h) => h.text), options.kickerAbove === true, cur !== null)
    let d: Draft | null = null
    run.forEach((h, idx) => {
      const role = stack.roles[idx]!
      if (role === 'caption' && d === null) {
        const c = cur as Draft | null
        if (c && c.kind === 'article' && c.hasBody && !c.closed && h.gap <= 1 && visibleLength(h.text) <= ATTACH_MAX) put(c, h, 'caption')
        else {
          const cd = open('caption', 0.6)
          put(cd, h, 'caption')
          cd.hasBody = true
        }
        return
      }
      d ??= open('article', Math.min(boundaryConfidence, stack.confidence))
      put(d, h, role === 'caption' ? 'caption' : role)
    })
  }

  applyBanners(drafts)
  return drafts
}

/** Longest line that leads into a title with a dash (visible characters). */
const DASH_LEAD_IN_MAX = 16

/** A short line ending on a dash, with no sentence in it: `某某区——`, `记者手记——`. */
function isDashLeadIn(s: string): boolean {
  return /(?:——|──)$/.test(s) && visibleLength(s) <= DASH_LEAD_IN_MAX && hanCount(s) >= 2 && !/[。！？；，]/.test(s)
}

/** Four Han characters in a row that also occur in the draft's body. */
function sharesWords(line: string, d: Draft): boolean {
  const body = d.items.filter((x) => x.role === 'body').map((x) => x.para.text).join('')
  for (let i = 0; i + 4 <= line.length; i++) {
    const w = line.slice(i, i + 4)
    if (hanCount(w) === 4 && body.includes(w)) return true
  }
  return false
}

function ownHeadings(d: Draft): Para[] {
  return d.items.filter((x) => x.role === 'kicker' || x.role === 'title' || x.role === 'subtitle').map((x) => x.para)
}

function firstGap(d: Draft): number {
  return d.items[0]?.para.gap ?? 0
}

function isShortItem(d: Draft): boolean {
  const body = d.items.filter((x) => x.role === 'body')
  return d.kind === 'article' && body.length <= SHORT_ITEM_PARAS && body.reduce((n, x) => n + x.para.text.length, 0) <= SHORT_ITEM_CHARS
}

/** Short items that follow a banner's first item before the group counts as a run of briefs. */
const BRIEFS_AFTER_FIRST = 2

/** The drafts from `from` on start with BRIEFS_AFTER_FIRST short items with a one-line title, in the same box. */
function briefsFollow(drafts: readonly Draft[], from: number): boolean {
  for (let k = from; k < from + BRIEFS_AFTER_FIRST; k++) {
    const f = drafts[k]
    if (!f || !isShortItem(f) || ownHeadings(f).length !== 1 || firstGap(f) > 1) return false
  }
  return true
}

/**
 * Section banners. A short title + short undashed "subtitle" over a short item followed by
 * short items that have a one-line title is really a banner over the group; and a banner (found
 * here or in the stack) applies to the following short items shaped like the first one.
 */
function applyBanners(drafts: Draft[]): void {
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!
    const e = drafts[i + 1]
    const roles = d.items.filter((x) => x.role !== 'body' && x.role !== 'caption' && x.role !== 'byline')
    // the top line of a two-line stack over a short item that is followed, in the same box, by
    // short items with a one-line title, is the group's banner: a short label (no clause marks)
    // over a run of several items. Over one short item and the next it is that item's kicker.
    if (
      e &&
      roles.length === 2 &&
      ((roles[0]!.role === 'title' && roles[1]!.role === 'subtitle' && !/^[—─－-]/.test(roles[1]!.para.text)) ||
        (roles[0]!.role === 'kicker' && roles[1]!.role === 'title')) &&
      hanCount(roles[0]!.para.text) <= 10 &&
      !/[，。；：！？,;:!?]/.test(roles[0]!.para.text) &&
      isShortItem(d) &&
      briefsFollow(drafts, i + 1)
    ) {
      roles[0]!.role = 'banner'
      roles[1]!.role = 'title'
    }
    const banner = d.items.find((x) => x.role === 'banner')
    if (!banner || !isShortItem(d)) continue
    d.section = banner.para.text
    const shape = ownHeadings(d).length
    for (let j = i + 1; j < drafts.length; j++) {
      const f = drafts[j]!
      // a lone one-line title after a box boundary is too common to count as part of the group
      if (!isShortItem(f) || f.items.some((x) => x.role === 'banner') || ownHeadings(f).length !== shape || (shape === 1 && firstGap(f) >= 2)) break
      f.section = banner.para.text
    }
  }
}
