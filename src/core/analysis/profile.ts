// A publication's learnt profile: line templates the editor's decisions tied to a role. The
// analysis takes one as an option (AnalysisOptions.profile) and adds its weights to the role
// model's scores, so what the editor taught wins over what one page suggests.
//
// This file is a contract shared with the code that learns profiles: keep its API stable.
import type { LineRole } from './types'

export type { LineRole }

/** Every role a line can get, in a fixed order (the role model's outputs use it too). */
export const LINE_ROLES: readonly LineRole[] = [
  'kicker',
  'title',
  'subtitle',
  'byline',
  'dateline',
  'subhead',
  'body',
  'caption',
  'credit',
  'banner',
  'furniture'
]

export interface RoleTemplate {
  /** lineTemplate() of a line. */
  template: string
  role: LineRole
  /**
   * Log-odds added to `role`'s score for every line with this template (> 0 pushes towards the
   * role). About 1 is one piece of evidence; 4 or more makes the role all but certain.
   */
  weight: number
}

export interface PublicationProfile {
  /** The publication's name, as the store knows it (informative only). */
  publication: string
  /** TEMPLATE_VERSION the templates were made with; a profile of another version is ignored. */
  templateVersion: number
  roleTemplates: RoleTemplate[]
  /** The role model's weights as the editor's approved pages of this publication moved them. */
  roleAdjustment?: RoleAdjustment | null
}

/**
 * What a publication's editor taught the role model (roles.ts) about the paper's conventions:
 * log-odds added to its weights, per role and feature, fitted on the lines of the publication's
 * approved pages (learning/adjust.ts). Named, not positional, so that a model with other features
 * still reads what it shares with it (the others are left out).
 */
export interface RoleAdjustment {
  features: readonly string[]
  roles: readonly LineRole[]
  /** deltas[r][f] for roles[r] and features[f]; one more column at the end: the role's bias. */
  deltas: readonly (readonly number[])[]
  /**
   * How the editor's approved pages stack their heads (learning/adjust.ts learntStackVotes): > 0
   * kickers over titles, < 0 titles over subtitles, the sign of headings.ts stackVotes. When the
   * pages show one (see analyze.ts), it is read instead of what the column tags suggest.
   */
  stackVotes?: number
}

/** Bump when lineTemplate() changes what it returns: stored templates must be remade. */
export const TEMPLATE_VERSION = 1

/** Longest stretch of a line that makes its template: a template says what a line's head looks like. */
export const TEMPLATE_MAX = 40

const H = '\\u3400-\\u4dbf\\u4e00-\\u9fff'
// role words after which a name follows (bylines, credits, editors); longest first; one-character
// roles (`文/`, `图：`) only with their separator, or every 文化 would hide a name
const NAME_ROLE =
  '(?:记者|通讯员|实习生|评论员|撰稿|撰文|作者|主持人|整理|口述|执笔|责任编辑|责任校对|责编|编辑|美术编辑|美编|校对|版式设计|版式|制图|设计|摄影|审读|监制|(?:文|图|画|摄)(?=\\s*[:：/／]))'
// a name: two to five Han characters, never the credit word after it
const NAME = `(?!摄影|供图)[${H}·]{2,5}?(?=[^${H}·]|摄|供图|$)`
const NAME_AFTER_ROLE = new RegExp(`(${NAME_ROLE})\\s*([:：/／])?\\s*${NAME}(?:[\\s、]+${NAME})*`, 'g')
// a name before 摄/供图/绘 with no role word: `X摄`, `X/摄`, `X供图`
const NAME_BEFORE_SHOT = new RegExp(`(^|[（(])[${H}·]{2,4}\\s*(?:/|／)?\\s*(摄影|摄|供图|绘|作)(?=\\s*[）)]?\\s*$)`)
// where a dateline puts the place: `本报北京#月#日电`, `新华社北京#月#日电`
const DATELINE_PLACE = new RegExp(`(本报|社|网|台)[${H}]{1,8}?(#(?:月#)?日(?:电|讯))`, 'g')
const CHINESE_NUMBER = /[〇零一二三四五六七八九十百]+(?=[年月日号版期届次])/g

/**
 * The shape of a line with what varies between its copies taken out: white space and punctuation
 * width normalised; digits, Chinese numbers of dates and pages, page letters as `#`; the names
 * after a role word (`本版责编：X`, `本报记者X`), before a photo credit (`X摄`) and the place of a
 * dateline (`本报X#月#日电`) as `X`. Only the first TEMPLATE_MAX characters are used. Lines of
 * the same form in other issues of the paper get the same template.
 */
export function lineTemplate(line: string): string {
  let s = line.length > TEMPLATE_MAX * 3 ? line.slice(0, TEMPLATE_MAX * 3) : line
  // names first, while the spaces between them still show where one ends
  s = s
    .trim()
    .replace(NAME_AFTER_ROLE, (_m, role: string, sep: string | undefined) => `${role}${sep ?? ''}X`)
    .replace(NAME_BEFORE_SHOT, (_m, open: string, what: string) => `${open}X${what}`)
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '')
    .replace(/[,():;?!]/g, (c) => FULL[c] ?? c)
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[A-Za-z]{0,2}\d+(?:[.:：]\d+)*/g, '#')
    .replace(CHINESE_NUMBER, '#')
    .replace(/星期[一二三四五六日天]|周[一二三四五六日天](?=[^\u4e00-\u9fff]|$)/g, '星期#')
    .replace(DATELINE_PLACE, (_m, who: string, date: string) => `${who}X${date}`)
  return s.length > TEMPLATE_MAX ? s.slice(0, TEMPLATE_MAX) : s
}

const FULL: Record<string, string> = { ',': '，', '(': '（', ')': '）', ':': '：', ';': '；', '?': '？', '!': '！' }

/**
 * Start of a shape key (see lineShapes). lineTemplate() never returns it: it turns an ASCII
 * colon full width.
 */
export const SHAPE_PREFIX = '@shape:'

/** A column tag at the end of a line: `（评论员观察）` after a head of at least four characters. */
const TAGGED = /^(.{4,})[（(]([^（()）]{2,8})[）)]$/
const DASH_END = /(?:——|—|--|──|－－)$/
const BARE_NAME = new RegExp(`^[${H}·]{2,4}$`)

/**
 * Coarser keys than lineTemplate() for lines whose words are new on every page, so that what
 * the editor decided about such lines can carry to the next page by their form: a line that
 * ends on a dash (a kicker leading into its title), a line that ends in a short column tag (the
 * tag's own words kept: a paper prints the same tags), a line that is only a short run of Han
 * characters (a name standing alone). Each key starts with SHAPE_PREFIX. A publication's profile
 * may tie a shape to a role like a template; nothing here says which role a shape has.
 */
export function lineShapes(line: string): string[] {
  const t = line.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '')
  if (t.length === 0 || t.length > TEMPLATE_MAX) return []
  const out: string[] = []
  if (t.length >= 4 && DASH_END.test(t)) out.push(`${SHAPE_PREFIX}ends-dash`)
  const tag = TAGGED.exec(t)
  if (tag) {
    out.push(`${SHAPE_PREFIX}tagged`)
    out.push(`${SHAPE_PREFIX}tag（${tag[2]!.replace(/\d+/g, '#')}）`)
  }
  if (BARE_NAME.test(t)) out.push(`${SHAPE_PREFIX}bare-name`)
  return out
}

/** Whether a profile key is a shape (lineShapes) rather than a template. */
export function isShapeKey(key: string): boolean {
  return key.startsWith(SHAPE_PREFIX)
}

/** A profile made ready for lookups: template → log-odds per role. */
export type CompiledProfile = ReadonlyMap<string, ReadonlyArray<{ role: LineRole; weight: number }>>

/** Indexes a profile's templates (null when there is none or it was made by another TEMPLATE_VERSION). */
export function compileProfile(profile: PublicationProfile | null | undefined): CompiledProfile | null {
  if (!profile || profile.templateVersion !== TEMPLATE_VERSION || !Array.isArray(profile.roleTemplates)) return null
  const out = new Map<string, Array<{ role: LineRole; weight: number }>>()
  for (const t of profile.roleTemplates) {
    if (typeof t.template !== 'string' || !LINE_ROLES.includes(t.role) || !Number.isFinite(t.weight)) continue
    const list = out.get(t.template) ?? []
    list.push({ role: t.role, weight: t.weight })
    out.set(t.template, list)
  }
  return out.size > 0 ? out : null
}
