// Rejoining paragraphs that a column or page break split in two.
import { endsContinuing, endsOnBareCloser, endsSentence, hanCount, isHan, startsWithPunct, visibleLength } from './chars'
import { BOUND_END, BOUND_START, LIST_ITEM, hasPhotoCredit, leadOpening, parseLead, trailingCredit } from './cues'
import { classify, isHeadingShaped, type Unit, type UnitKind } from './units'
import { COLUMN_BREAK_JOIN, CONTINUATION_JOIN } from './layoutHints'
import { wordAcross } from './junctionWords'

/** Joins at or above this confidence are applied; the others are only listed. */
export const JOIN_THRESHOLD = 0.7
/** Candidates below this are not worth listing. */
const LIST_FLOOR = 0.15
/** At most this many caption/furniture lines are stepped over to find a paragraph's other half. */
const MAX_BRIDGE = 3
/** Longest first half for which a lead opening straddling the break is looked for. */
const LEAD_SPLIT_MAX = 40

export interface Para {
  units: Unit[]
  text: string
  kind: UnitKind
  /** Blank lines before the first unit in the input. */
  gap: number
  /** A caption or furniture line moved out from between the two halves of a paragraph. */
  moved: boolean
  /** A later copy of text that appeared before on the page. */
  dup: boolean
  /** Lowest confidence among the joins applied inside this paragraph (1 when none). */
  joinConfidence: number
}

export interface JoinCandidate {
  /** Index (into the paragraph list) of the paragraph the first half ended up in. */
  para: number
  fromSrc: number
  toSrc: number
  confidence: number
  applied: boolean
  reason: string
}

export type BigramCounts = ReadonlyMap<string, number>

/** Marks that end a clause: a one-character fragment before one is a word cut in two. */
const CLAUSE_MARK = /[，、；：。！？,;:!?]/

/** How strongly the junction a|b looks like one word or clause cut in two (0..1). */
function breakEvidence(a: string, b: string, bigrams: BigramCounts, bIsText: boolean): { ev: number; why: string } {
  let ev = 0
  let why = ''
  const take = (v: number, w: string): void => {
    if (v > ev) {
      ev = v
      why = w
    }
  }
  if (startsWithPunct(b)) take(1, 'next block starts with punctuation')
  const last = a[a.length - 1]
  const first = b[0]
  if (isHan(last) && isHan(first)) {
    // counts shift once joins are applied, so this cue alone never decides a join (the cleaned
    // text must analyse the same way): it only raises confidence
    const n = bigrams.get(last! + first!) ?? 0
    if (n >= 2) take(0.6, `"${last}${first}" occurs elsewhere on the page`)
    else if (n === 1) take(0.4, `"${last}${first}" occurs once elsewhere`)
    if (BOUND_END.has(last!)) take(0.75, `block ends on "${last}"`)
    // (not between two heading lines: a kicker's last and a title's first character often make a word)
    const word = bIsText ? wordAcross(a, b) : null
    if (word !== null) take(0.75, `"${word}" is a word cut in two`)
    if (BOUND_START.has(first!)) take(0.6, `next block starts with "${first}"`)
    // `今年` + `以来，…`, `为让群` + `众少跑腿，近日，…`: only together do they open like a lead
    if (a.length < LEAD_SPLIT_MAX && leadOpening(b) === null && leadOpening(a) === null && leadOpening(a + b) === 'when')
      take(0.9, 'the two halves open a news lead together')
    const clause = /^[^，、；：。！？,;:!?“”（）()\s]*/.exec(b)![0]
    const after = b[clause.length]
    // only a clause mark closes the fragment: `让“…”` opens a quotation, a sentence's usual start
    if (clause.length === 1 && after !== undefined && CLAUSE_MARK.test(after)) take(0.9, 'next block starts with a one-character fragment')
    else if (clause.length === 2 && after === '、') take(0.6, 'next block starts with a short fragment')
  }
  return { ev, why }
}

/**
 * Whether a heading-shaped line with a comma reads as a title (`一面锦旗，一份情`,
 * `提炼标识性概念，标定自主知识体系的起点`): its two halves are of a size. A column break
 * 12–31 characters into a paragraph leaves a long clause and a stub (`随着…进入寻常百姓家，资源循环`).
 */
function looseTitle(a: string): boolean {
  if (!isHeadingShaped(a, true)) return false
  const clauses = a.split(/[，；：,;:]/)
  const first = hanCount(clauses[0] ?? '')
  const last = hanCount(clauses[clauses.length - 1] ?? '')
  // a title's halves are phrases; `当日，…` or `…，上百` are a sentence's opener and a stub
  if (first < 3 || last < 3 || last < first * BALANCED) return false
  // a long line of two clauses reads as a sentence a break cut, unless its last clause is short
  return first + last <= LOOSE_TITLE_MAX || last < 8
}

/** The last half of a title with a comma is at least this share of the first. */
const BALANCED = 0.5
/** Longest title with a comma (Han characters) read as one whatever the length of its halves. */
const LOOSE_TITLE_MAX = 20

/** A quotation opened and not closed: the line goes on in the next block (`法院还通过“生`). */
function openQuote(a: string): boolean {
  const open = a.lastIndexOf('“')
  return open >= 0 && a.indexOf('”', open) < 0
}

/** Longest paragraph ending on a dash that is read as a lead-in of its own. */
const DASH_LEAD_MAX = 16

/** A turn of an interview or dialogue (`问：`, `答：`) opens a paragraph of its own. */
const TURN = /^(?:问|答|记者|主持人)\s*[:：]/

export interface Junction {
  confidence: number
  reason: string
}

/**
 * Confidence that paragraph text `a` goes on in unit `b` (null: not a candidate at all).
 * `next` is the unit after b, to tell a title (followed by a lead) from the tail of a sentence.
 */
export function junction(a: string, b: Unit, next: Unit | undefined, gap: number, bigrams: BigramCounts): Junction | null {
  if (a.length === 0 || b.text.length === 0) return null
  if (b.kind === 'lead' || b.kind === 'byline' || b.kind === 'subtitle' || b.kind === 'furniture' || b.kind === 'caption') return null
  const bStartsPunct = startsWithPunct(b.text)
  if (endsSentence(a) && !bStartsPunct) return null
  if (hasPhotoCredit(a) || trailingCredit(a) !== null) return null
  const { ev, why } = breakEvidence(a, b.text, bigrams, b.kind === 'body')
  let conf: number
  let reason: string
  // a paragraph that opens with a dateline (本报北京5月12日电…) is a story's lead, never a heading
  if ((isHeadingShaped(a) || looseTitle(a)) && !parseLead(a) && !openQuote(a)) {
    // a title or subhead ends without punctuation too: only a word cut in two says otherwise
    conf = 0.1 + ev * 0.85
    reason = ev > 0 ? `short unpunctuated block; ${why}` : 'short unpunctuated block: probably a heading'
    // a heading over a heading-shaped line over a byline or a lead is a kicker over its title: a
    // character that often binds to the next word (`…参与` + `在…`) does not join them; a common
    // word printed across the break still does (a cut line of text over a signature)
    const titleOver = b.kind === 'heading' || (b.kind === 'body' && isHeadingShaped(b.text, true) && wordAcross(a, b.text) === null)
    if (titleOver && next !== undefined && (next.kind === 'lead' || next.kind === 'byline') && !bStartsPunct) {
      conf = Math.min(conf, 0.1)
      reason = 'next block is the title of another article'
    }
  } else {
    if ((a.endsWith('——') || a.endsWith('──')) && visibleLength(a) <= DASH_LEAD_MAX) {
      // a one-line paragraph that ends on a dash announces the paragraphs that follow
      // (`现在不一样了——`); a longer one as often runs on into its explanation
      conf = 0.5
      reason = 'block ends on a dash that introduces what follows'
    } else if (endsContinuing(a)) {
      const last = a[a.length - 1]!
      const listy = (last === '；' || last === '：' || last === ';' || last === ':') && LIST_ITEM.test(b.text)
      conf = listy ? 0.45 : last === '；' || last === '：' || last === ';' || last === ':' ? 0.82 : 0.93
      reason = listy ? `block ends on "${last}" before a list item` : `block ends on "${last}"`
    } else if (endsOnBareCloser(a)) {
      conf = 0.85
      reason = 'block ends on a closing quote inside a sentence'
    } else {
      conf = 0.88
      reason = 'paragraph ends without punctuation'
    }
    conf = Math.min(0.99, conf + ev * 0.1)
    if (ev > 0) reason += `; ${why}`
    if (b.kind === 'heading') {
      const nextStartsArticle = next !== undefined && (next.kind === 'lead' || next.kind === 'byline')
      if (nextStartsArticle) {
        conf = Math.min(conf, 0.1)
        reason = 'next block is the title of another article'
      } else {
        conf = Math.min(conf, 0.4 + ev * 0.45)
        reason += '; next block is shaped like a heading'
      }
    }
  }
  if (TURN.test(b.text) && !bStartsPunct) {
    conf = Math.min(conf, 0.3)
    reason = 'next block opens a turn of the interview'
  }
  if (bStartsPunct) conf = Math.max(conf, 0.9)
  void gap // deliberately no gap cue: the cleaned text normalises gaps and must analyse the same
  return { confidence: Math.max(0, Math.min(1, conf)), reason }
}

function concat(a: string, b: string): string {
  return /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b
}

function newPara(u: Unit, dup: boolean): Para {
  return { units: [u], text: u.text, kind: u.kind, gap: u.gap, moved: false, dup, joinConfidence: 1 }
}

/** Scratch for straddlingBigrams: a small index for each first character, zero again after every call. */
const FIRST_INDEX = new Uint16Array(0x10000)
/**
 * Scratch for straddlingBigrams: one bit per hash of a counted key, cleared after every call. Most
 * bigrams of a page straddle no break: the bit spares their Map look-up (a third of the page's
 * structure analysis on the 20 MB page of the benchmark).
 */
const KEY_BITS = 23
const KEY_SEEN = new Int32Array(1 << (KEY_BITS - 5))
const keyHash = (key: number): number => Math.imul(key, 0x9e3779b1) >>> (32 - KEY_BITS)

/** Counts, over all lines, of the Han bigrams that straddle a possible break. */
export function straddlingBigrams(units: readonly Unit[]): Map<string, number> {
  // Counted under numeric keys (the first character's small index, then the second character):
  // this scans every character of the page, and building a two-character string at each one was
  // most of its cost. Small keys stay small integers, which a Map hashes without allocating.
  const counts = new Map<number, number>()
  const firsts: number[] = []
  try {
    for (let i = 0; i < units.length; i++) {
      const text = units[i]!.text
      const last = text[text.length - 1]
      if (!isHan(last)) continue
      for (let j = i + 1; j < units.length && j <= i + MAX_BRIDGE + 1; j++) {
        const first = units[j]!.text[0]
        if (!isHan(first)) continue
        const a = last!.charCodeAt(0)
        let index = FIRST_INDEX[a]!
        if (index === 0) {
          firsts.push(a)
          index = FIRST_INDEX[a] = firsts.length
        }
        const key = index * 0x10000 + first!.charCodeAt(0)
        counts.set(key, 0)
        const h = keyHash(key)
        KEY_SEEN[h >>> 5]! |= 1 << (h & 31)
      }
    }
    const wanted = new Map<string, number>()
    if (counts.size === 0) return wanted
    for (const u of units) {
      const t = u.text
      for (let i = 0; i + 1 < t.length; i++) {
        const index = FIRST_INDEX[t.charCodeAt(i)]!
        if (index === 0) continue
        const key = index * 0x10000 + t.charCodeAt(i + 1)
        const h = keyHash(key)
        if ((KEY_SEEN[h >>> 5]! & (1 << (h & 31))) === 0) continue
        const n = counts.get(key)
        if (n !== undefined) counts.set(key, n + 1)
      }
    }
    for (const [key, n] of counts) wanted.set(String.fromCharCode(firsts[Math.floor(key / 0x10000) - 1]!, key % 0x10000), n)
    return wanted
  } finally {
    for (const a of firsts) FIRST_INDEX[a] = 0
    for (const key of counts.keys()) KEY_SEEN[keyHash(key) >>> 5] = 0
  }
}

/**
 * Groups units into paragraphs, joining where a break split one. A caption or furniture line
 * (or one bare short line) left between the halves is stepped over and emitted after the joined
 * paragraph. Returns paragraphs in the new reading order and every candidate considered.
 */
export function joinParagraphs(
  units: readonly Unit[],
  dupUnits: ReadonlySet<Unit>,
  columnBreaks?: ReadonlySet<number>,
  continuations?: ReadonlySet<number>
): { paras: Para[]; candidates: JoinCandidate[] } {
  const bigrams = straddlingBigrams(units)
  const indented = indentsParagraphs(units)
  const paras: Para[] = []
  const candidates: JoinCandidate[] = []
  const joinable = (u: Unit | undefined): boolean => u !== undefined && !dupUnits.has(u) && u.kind !== 'furniture' && u.verse !== true
  let i = 0
  while (i < units.length) {
    const first = units[i]!
    const para = newPara(first, dupUnits.has(first))
    const moved: Para[] = []
    let j = i + 1
    const startKind = first.kind
    const canExtend = joinable(first) && startKind !== 'byline' && startKind !== 'caption' && startKind !== 'subtitle'
    while (canExtend && j < units.length) {
      const last = para.units[para.units.length - 1]!
      const b = units[j]!
      const direct = atContinuation(
        atIndentBreak(atColumnBreak(joinable(b) ? junction(para.text, b, units[j + 1], b.gap, bigrams) : null, b, columnBreaks), first, b, indented),
        b,
        continuations,
        joinable(b) && last.kind === 'body'
      )
      // look for the other half past caption or furniture lines. A bare short line is not stepped
      // over: once moved it would read as a subhead, and it may be a subhead or a title.
      let bridge: { to: number; junction: Junction } | null = null
      if (!direct || direct.confidence < JOIN_THRESHOLD) {
        let k = j
        while (k < units.length && k - j < MAX_BRIDGE && (units[k]!.kind === 'furniture' || units[k]!.kind === 'caption')) k++
        const c = units[k]
        // a short line over a furniture line is a title over its source line, not a cut paragraph
        const overFurniture = para.units.length === 1 && units.slice(j, k).some((u) => u.kind === 'furniture') && isHeadingShaped(para.text, true)
        if (k > j && joinable(c) && !overFurniture) {
          const jc = junction(para.text, c!, units[k + 1], c!.gap, bigrams)
          if (jc) bridge = { to: k, junction: { confidence: Math.max(0, jc.confidence - 0.03), reason: `${jc.reason}; across ${k - j} line(s) between the halves` } }
        }
      }
      const best = bridge && (!direct || bridge.junction.confidence > direct.confidence) ? bridge : direct ? { to: j, junction: direct } : null
      if (!best) break
      const applied = best.junction.confidence >= JOIN_THRESHOLD
      if (best.junction.confidence >= LIST_FLOOR)
        candidates.push({
          para: paras.length,
          fromSrc: last.src,
          toSrc: units[best.to]!.src,
          confidence: round(best.junction.confidence),
          applied,
          reason: best.junction.reason
        })
      if (!applied) break
      for (let k = j; k < best.to; k++) {
        const m = newPara(units[k]!, dupUnits.has(units[k]!))
        m.moved = true
        moved.push(m)
      }
      const c = units[best.to]!
      para.units.push(c)
      para.text = concat(para.text, c.text)
      para.joinConfidence = Math.min(para.joinConfidence, best.junction.confidence)
      j = best.to + 1
    }
    if (para.units.length > 1) para.kind = startKind === 'lead' ? 'lead' : classify(para.text)
    paras.push(para, ...moved)
    i = j
  }
  return { paras, candidates }
}

/**
 * A break the OCR layout shows to be a column's end (optional hint): where the words allow a
 * join at all, it is at least likely; a title of another article stays apart.
 */
function atColumnBreak(j: Junction | null, b: Unit, columnBreaks: ReadonlySet<number> | undefined): Junction | null {
  if (!j || !columnBreaks?.has(b.src) || j.confidence < LIST_FLOOR || j.confidence >= COLUMN_BREAK_JOIN) return j
  if (j.reason.startsWith('next block is the title of another article')) return j
  return { confidence: COLUMN_BREAK_JOIN, reason: `${j.reason}; the OCR layout shows a column break here` }
}

/** Fewest long body lines that show how a page starts its paragraphs. */
const INDENT_SAMPLE = 6
/** Share of them that must be indented for the page to count as indenting its paragraphs. */
const INDENT_SHARE = 0.6

/** Whether the page prints its paragraphs with an indent (its long body lines mostly open with one). */
export function indentsParagraphs(units: readonly Unit[]): boolean {
  let long = 0
  let indented = 0
  for (const u of units) {
    if (u.kind !== 'body' && u.kind !== 'lead') continue
    if (u.text.length < 40) continue
    long++
    if (u.indent) indented++
  }
  return long >= INDENT_SAMPLE && indented >= long * INDENT_SHARE
}

/**
 * On a page that indents its paragraphs, an unindented body line after an indented paragraph
 * that has not ended goes on with it (`　　“士人精神”在当今社会同样具有重要` + `意义。…`). Only ever
 * a join: the joined paragraph reads the same in the cleaned text, which has no indents.
 */
function atIndentBreak(j: Junction | null, first: Unit, b: Unit, indented: boolean): Junction | null {
  if (!j || !indented || !first.indent || b.indent || b.kind !== 'body' || j.confidence >= INDENT_JOIN) return j
  if (j.reason.startsWith('next block is the title of another article') || j.reason.startsWith('next block opens a turn')) return j
  return { confidence: INDENT_JOIN, reason: `${j.reason}; the page indents its paragraphs and this line has no indent` }
}

/** Confidence of a join an unindented line makes on an indenting page. */
const INDENT_JOIN = 0.9

/**
 * The same for a block the OCR layout shows going on with the paragraph above it; between two
 * body blocks that holds even after a full stop (a new paragraph would open indented), a little
 * less surely.
 */
function atContinuation(j: Junction | null, b: Unit, continuations: ReadonlySet<number> | undefined, bodyAfterBody: boolean): Junction | null {
  if (!continuations?.has(b.src)) return j
  if (!j) return bodyAfterBody && b.kind === 'body' ? { confidence: CONTINUATION_JOIN - 0.1, reason: 'the OCR layout shows the paragraph going on in the next block, its first line not indented' } : null
  if (j.confidence < LIST_FLOOR || j.confidence >= CONTINUATION_JOIN) return j
  if (j.reason.startsWith('next block is the title of another article')) return j
  return { confidence: CONTINUATION_JOIN, reason: `${j.reason}; the OCR layout shows the paragraph going on in the next block` }
}

export function round(x: number): number {
  return Math.round(x * 100) / 100
}
