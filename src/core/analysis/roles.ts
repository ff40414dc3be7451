// The role model: every line of a page gets a role with a confidence, from features of the line
// and its neighbours combined by weights fitted offline (scripts/structure/fit-roles.ts, on
// generated pages and pages written for it; resources/structure/role-weights.json). A multinomial
// logistic regression: a score per role is the sum of the weights of the features a line shows,
// and the probabilities are the softmax of the scores. Edition evidence and a publication's
// profile enter as more features and as log-odds added to the scores.
import weightsFile from '../../../resources/structure/role-weights.json'
import { endsContinuing, endsOnBareCloser, endsSentence, hanCount, isHanCode, startsWithPunct, visibleLength } from './chars'
import { BOUND_START, NUMBERED_HEADING, isSourceNote } from './cues'
import type { EditionStats } from './edition'
import { isCouplet } from './headings'
import { LINE_ROLES, lineShapes, lineTemplate, type CompiledProfile, type RoleAdjustment } from './profile'
import type { LineRole } from './types'
import type { Unit, UnitKind } from './units'

export interface RoleWeights {
  version: number
  features: string[]
  roles: LineRole[]
  /** weights[r][f]; the last column of each row is the bias. */
  weights: number[][]
}

export interface LineRoleGuess {
  role: LineRole
  confidence: number
}

const H = '\\u3400-\\u4dbf\\u4e00-\\u9fff'
const BARE_NAME = new RegExp(`^[${H}]{1,2}[\\s\\u3000]*[${H}·]{1,3}$`)
// a foreign author's name: transliterated with a middle dot (`阿尔宾·洛伊德尔`), or after the
// country in brackets (`（伊拉克）方浩明`), as national papers sign their foreign contributors
const FOREIGN_NAME = new RegExp(`^(?:[（(][${H}]{2,8}[）)]\\s*)?[${H}]{1,6}(?:·[${H}]{1,8}){1,3}$|^[（(][${H}]{2,8}[）)]\\s*[${H}]{2,4}$`)
// a photo credit printed on a line of its own: `王明摄`, `王明摄（影像中国）`, `资料图片`, `受访者供图`
const CREDIT_LINE = /(?:摄|摄影|摄影报道|供图|绘|资料图片|资料照片|新华社发|视觉中国|图片来源[:：][^。，]{1,16})\s*(?:[（(][^（）()]{1,10}[）)])?$/
const SHOT_END = /(?:摄|摄影|供图|绘)\s*(?:[（(][^（）()]{1,10}[）)])?$/
const TAG_END = /[（(][^（）()]{2,12}[）)]$/
const BRACKETED = /^[（(][^（）()]{2,40}[）)]$/
const DATE_LIKE = /\d{1,4}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-./]\d{1,2}/
const PAGE_LIKE = /\d{1,3}\s*版/
const DATELINE_START = /^据?(?:本报|[\u4e00-\u9fff]{1,8}(?:日报|晚报|早报|时报|社|网|台))[\u4e00-\u9fff]{0,16}\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)|^本报讯|^据[\u4e00-\u9fff]{2,6}(?:社|网|台)电/

/** What a line shows on its own: the part of its features that does not look at neighbours. */
interface Shape {
  len: number
  kind: UnitKind
  sentence: boolean
  continuing: boolean
  bareName: boolean
  shot: boolean
  /** Nothing but a photo credit. */
  credit: boolean
  long: boolean
  heading: boolean
  template: string
}

function shapeOf(u: Unit): Shape {
  const len = visibleLength(u.text)
  return {
    len,
    kind: u.kind,
    sentence: endsSentence(u.text),
    continuing: endsContinuing(u.text),
    bareName: len <= 5 && BARE_NAME.test(u.text.trim()),
    shot: SHOT_END.test(u.text.length > 40 ? u.text.slice(-40) : u.text),
    credit: len <= 24 && !u.text.includes('。') && CREDIT_LINE.test(u.text),
    long: len > 60,
    heading: u.kind === 'heading' || u.kind === 'subtitle',
    template: len <= 60 ? lineTemplate(u.text) : ''
  }
}

function commas(s: string): number {
  let n = 0
  for (let i = 0; i < s.length && i < 200; i++) {
    const c = s.charCodeAt(i)
    if (c === 0xff0c || c === 0x2c || c === 0xff1a || c === 0x3a || c === 0xff1b) n++
  }
  return n
}

/** Feature names, in the order of the vector; the weights file must list the same. */
export const FEATURES: readonly string[] = [
  'len<=3', 'len<=6', 'len<=12', 'len<=20', 'len<=32', 'len<=60', 'len>60',
  'ends.sentence', 'ends.continuing', 'ends.closer', 'has.fullstop', 'commas=1', 'commas>=2',
  'starts.dash', 'bracketed', 'ends.tag', 'has.digits', 'date.like', 'page.like', 'has.booktitle',
  'kind.lead', 'kind.byline', 'kind.caption', 'kind.subtitle', 'kind.heading', 'kind.furniture',
  'bare.name', 'couplet', 'ends.shot', 'author.note', 'inner.space', 'numbered', 'quoted', 'low.han', 'dateline.start',
  'first', 'last', 'gap>=2',
  'next.lead', 'next.byline', 'next.long', 'next.heading', 'next.caption', 'next.bare.name', 'next.shot', 'next.furniture',
  'next.starts.bound', 'next.none', 'next2.lead',
  'prev.heading', 'prev.long', 'prev.sentence', 'prev.shot', 'prev.bare.name', 'prev.byline', 'prev.furniture', 'prev.none', 'prev.continuing',
  'han.join', 'page.repeat', 'edition.repeat', 'edition.everywhere',
  'credit.line', 'next.credit', 'prev.credit', 'source.note', 'foreign.name'
]
const F = new Map(FEATURES.map((f, i) => [f, i]))

const weights = weightsFile as RoleWeights
const usable = weights.features.length === FEATURES.length && weights.features.every((f, i) => f === FEATURES[i])

function featureVector(
  units: readonly Unit[],
  shapes: readonly Shape[],
  i: number,
  pageCounts: ReadonlyMap<string, number>,
  edition: EditionStats | null,
  x = new Float64Array(FEATURES.length)
): Float64Array {
  x.fill(0)
  const set = (name: string, v = 1): void => {
    x[F.get(name)!] = v
  }
  const u = units[i]!
  const s = shapes[i]!
  const t = u.text
  const len = s.len
  set(len <= 3 ? 'len<=3' : len <= 6 ? 'len<=6' : len <= 12 ? 'len<=12' : len <= 20 ? 'len<=20' : len <= 32 ? 'len<=32' : len <= 60 ? 'len<=60' : 'len>60')
  if (s.sentence) set('ends.sentence')
  if (s.continuing) set('ends.continuing')
  if (endsOnBareCloser(t)) set('ends.closer')
  const head = t.length > 200 ? t.slice(0, 200) : t
  if (head.includes('。')) set('has.fullstop')
  const c = commas(head)
  if (c === 1) set('commas=1')
  else if (c >= 2) set('commas>=2')
  if (s.kind === 'subtitle' || /^(?:——|—|－－|--)/.test(t)) set('starts.dash')
  if (len <= 42 && BRACKETED.test(t.trim())) set('bracketed')
  if (len <= 60 && TAG_END.test(t)) set('ends.tag')
  if (/\d/.test(head)) set('has.digits')
  if (len <= 60 && DATE_LIKE.test(t)) set('date.like')
  if (len <= 60 && PAGE_LIKE.test(t)) set('page.like')
  if (len <= 60 && t.includes('《')) set('has.booktitle')
  if (s.kind !== 'body') set(`kind.${s.kind}`)
  if (s.bareName) set('bare.name')
  if (len <= 20 && isCouplet(t)) set('couplet')
  if (s.shot) set('ends.shot')
  if (/^[（(]?作者/.test(t)) set('author.note')
  if (len <= 40 && /\S[\s\u3000]+\S/.test(t.trim())) set('inner.space')
  if (NUMBERED_HEADING.test(t)) set('numbered')
  if (/^[“"]/.test(t) && /[”"]$/.test(t)) set('quoted')
  if (len > 0 && hanCount(head) < Math.min(len, 200) * 0.5) set('low.han')
  if (DATELINE_START.test(head)) set('dateline.start')
  if (s.credit) set('credit.line')
  if (len <= 20 && FOREIGN_NAME.test(t.trim())) set('foreign.name')
  if (isSourceNote(t)) set('source.note')
  if (i === 0) set('first')
  if (i === units.length - 1) set('last')
  if (u.gap >= 2 && i > 0) set('gap>=2')
  const n = shapes[i + 1]
  const nu = units[i + 1]
  if (n && nu) {
    if (n.kind === 'lead') set('next.lead')
    if (n.kind === 'byline') set('next.byline')
    if (n.long) set('next.long')
    if (n.heading) set('next.heading')
    if (n.kind === 'caption') set('next.caption')
    if (n.bareName) set('next.bare.name')
    if (n.shot) set('next.shot')
    if (n.kind === 'furniture') set('next.furniture')
    if (n.credit) set('next.credit')
    if (BOUND_START.has(nu.text[0]!) || startsWithPunct(nu.text)) set('next.starts.bound')
    const a = t.charCodeAt(t.length - 1)
    const b = nu.text.charCodeAt(0)
    if (isHanCode(a) && isHanCode(b) && n.kind === 'body' && n.len > 12) set('han.join')
  } else set('next.none')
  if (shapes[i + 2]?.kind === 'lead') set('next2.lead')
  const p = shapes[i - 1]
  if (p) {
    if (p.heading) set('prev.heading')
    if (p.long) set('prev.long')
    if (p.sentence) set('prev.sentence')
    if (p.shot) set('prev.shot')
    if (p.bareName) set('prev.bare.name')
    if (p.kind === 'byline') set('prev.byline')
    if (p.kind === 'furniture') set('prev.furniture')
    if (p.continuing) set('prev.continuing')
    if (p.credit) set('prev.credit')
  } else set('prev.none')
  if (s.template && (pageCounts.get(s.template) ?? 0) >= 2 && /[#X]/.test(s.template)) set('page.repeat')
  if (edition && s.template) {
    const share = edition.templateShare(s.template)
    if (share > 0) set('edition.repeat')
    if (share >= 0.5) set('edition.everywhere')
  }
  return x
}

export interface RoleInput {
  edition?: EditionStats | null
  profile?: CompiledProfile | null
  /** The publication's adjustment of the weights (PublicationProfile.roleAdjustment). */
  adjustment?: RoleAdjustment | null
}

/** An adjustment laid out as the weights are (rows by weights.roles, columns by FEATURES + bias); null when it shares nothing. */
export function alignAdjustment(a: RoleAdjustment | null | undefined): number[][] | null {
  if (!usable || !a || !Array.isArray(a.features) || !Array.isArray(a.roles) || !Array.isArray(a.deltas)) return null
  const out = weights.roles.map(() => new Array<number>(FEATURES.length + 1).fill(0))
  let any = false
  a.roles.forEach((role, r) => {
    const row = weights.roles.indexOf(role)
    const deltas = a.deltas[r]
    if (row < 0 || !Array.isArray(deltas)) return
    a.features.forEach((name, f) => {
      const col = F.get(name)
      const d = deltas[f]
      if (col === undefined || typeof d !== 'number' || !Number.isFinite(d) || d === 0) return
      out[row]![col] = d
      any = true
    })
    const bias = deltas[a.features.length]
    if (typeof bias === 'number' && Number.isFinite(bias) && bias !== 0) {
      out[row]![FEATURES.length] = bias
      any = true
    }
  })
  return any ? out : null
}

/** The roles and feature names the shipped weights use (what an adjustment is fitted against). */
export function roleModel(): { roles: readonly LineRole[]; features: readonly string[]; weights: readonly (readonly number[])[] } | null {
  return usable ? { roles: weights.roles, features: FEATURES, weights: weights.weights } : null
}

/** The feature vectors of every unit (for fitting: scripts/structure/fit-roles.ts). */
export function roleFeatures(units: readonly Unit[], input: RoleInput = {}): Float64Array[] {
  const { shapes, counts } = pageShapes(units)
  return units.map((_, i) => featureVector(units, shapes, i, counts, input.edition ?? null))
}

/** Each unit's shape, and how often each line template occurs on the page. */
function pageShapes(units: readonly Unit[]): { shapes: Shape[]; counts: Map<string, number> } {
  const shapes = units.map(shapeOf)
  const counts = new Map<string, number>()
  for (const s of shapes) if (s.template) counts.set(s.template, (counts.get(s.template) ?? 0) + 1)
  return { shapes, counts }
}

/** Role and confidence of every unit. */
export function guessRoles(units: readonly Unit[], input: RoleInput = {}): LineRoleGuess[] {
  const { shapes, counts } = pageShapes(units)
  const profile = input.profile ?? null
  const adjusted = alignAdjustment(input.adjustment)
  // One vector, filled for each unit in turn: a vector per unit kept for the whole page cost
  // about 200 MB on the 20 MB page of the benchmark (each its own allocation).
  const x = new Float64Array(FEATURES.length)
  return units.map((_, i) => {
    featureVector(units, shapes, i, counts, input.edition ?? null, x)
    const scores = usable ? weights.weights.map((w, r) => dot(w, x) + (adjusted ? dot(adjusted[r]!, x) : 0)) : LINE_ROLES.map(() => 0)
    if (profile) {
      const text = units[i]!.text
      // the line's template, then its shapes (weaker keys the publication's editor taught too)
      for (const key of [lineTemplate(text), ...lineShapes(text)]) {
        const learnt = profile.get(key)
        if (learnt) for (const l of learnt) scores[weights.roles.indexOf(l.role)] = (scores[weights.roles.indexOf(l.role)] ?? 0) + l.weight
      }
    }
    return softmaxBest(scores, usable ? weights.roles : LINE_ROLES)
  })
}

function dot(w: readonly number[], x: Float64Array): number {
  let s = w[x.length] ?? 0
  for (let j = 0; j < x.length; j++) if (x[j] !== 0) s += w[j]! * x[j]!
  return s
}

function softmaxBest(scores: number[], roles: readonly LineRole[]): LineRoleGuess {
  let best = 0
  for (let r = 1; r < scores.length; r++) if (scores[r]! > scores[best]!) best = r
  let z = 0
  for (const s of scores) z += Math.exp(s - scores[best]!)
  return { role: roles[best] ?? 'body', confidence: 1 / z }
}
