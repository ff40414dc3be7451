// Cue words of the genre (not of any one paper): bylines, leads, photo credits, furniture.
// Every pattern is bounded so that it stays linear on a pathological multi-megabyte line;
// end-anchored patterns are only run on the tail of a line (see tail()).

const H = '\\u3400-\\u4dbf\\u4e00-\\u9fff'
/**
 * A person's name: two to five Han characters (a middle dot for transliterated names), or a
 * two-character name padded to the width of three with a space (`王 明`), as papers set them.
 */
const NAME = `(?:[${H}][${H}·]{1,4}|[${H}][ \u3000][${H}](?![${H}]))`
/** Roles that introduce names in a byline. Longest first so alternation prefers them. */
export const ROLE =
  '(?:本报特约通讯员|本报特约记者|本报见习记者|本报实习记者|本报通讯员|本报实习生|本报记者|本报评论员|' +
  '全媒体记者|融媒体记者|特约通讯员|特约记者|见习记者|实习记者|首席记者|通讯员|实习生|记者)'
const ROLE_PREFIX = '(?:(?:文|图|文图|图文|文/图|图/文)\\s*[/／:：]\\s*)?'
const SEP = '[\\s、，,]+'
const NAMES = `${NAME}(?:${SEP}${NAME}){0,5}`
const ROLE_GROUP = `${ROLE_PREFIX}${ROLE}\\s*[:：/／]?\\s*${NAMES}`

const BYLINE_LINE = new RegExp(
  `^[（(]?\\s*${ROLE_GROUP}(?:${SEP}${ROLE_GROUP}){0,3}(?:\\s*(?:摄|摄影|报道|整理|文))?\\s*[）)]?$`
)

/** A line that is nothing but a byline: `本报记者 王小明`, `（通讯员 张华 记者 李明）`. */
export function isBylineLine(s: string): boolean {
  return s.length <= 60 && BYLINE_LINE.test(s)
}

// 本报讯 / 本报北京6月1日电 / 新华社北京6月1日电 / （记者 王小明）opening a paragraph
// and any paper's or agency's dateline: `江东日报临川5月6日电`, `据新华社电`; the paper's own set
// in square brackets too (`【本报讯】`, `【本報訊】` in traditional script)
const LEAD =
  /^(?:【?本[报報][\u4e00-\u9fff\d]{0,20}?(?:讯|电|訊|電)】?|据?(?:新华社|中新社|人民网|新华网)[\u4e00-\u9fff\d]{0,20}?电|据?[\u4e00-\u9fff]{1,8}(?:日报|晚报|早报|时报|社|网|台)[\u4e00-\u9fff]{0,16}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*电|据[\u4e00-\u9fff]{2,6}(?:社|网|台)电)/
const LEAD_PARENS = /^\s*[（(]([^（）()]{1,60})[）)]/
const ROLE_START = new RegExp(`^\\s*[（(]\\s*${ROLE}`)

export interface Lead {
  /** The byline inside the brackets, as printed ('记者 王小明'), or null. */
  byline: string | null
}

/** A paragraph that opens a news story: `本报讯（记者 王小明）近日，…`. */
// `本报讯 记者 王小明 报道：` — the names without brackets
const LEAD_BARE = new RegExp(`^\\s*(${ROLE_GROUP}(?:${SEP}${ROLE_GROUP}){0,3})\\s*(?:报道)?\\s*[:：]`)

export function parseLead(s: string): Lead | null {
  const m = LEAD.exec(s)
  if (m) {
    const rest = s.slice(m[0].length, m[0].length + 64)
    const p = LEAD_PARENS.exec(rest)
    if (p) return { byline: p[1]!.trim() }
    const b = LEAD_BARE.exec(rest)
    return { byline: b ? b[1]!.replace(/\s*报道$/, '').trim() : null }
  }
  if (ROLE_START.test(s.slice(0, 64))) {
    const p = LEAD_PARENS.exec(s.slice(0, 64))
    if (p && s.length > p[0].length + 4) return { byline: p[1]!.trim() }
  }
  return null
}

/** The last characters of a line: end-anchored patterns only ever look at these. */
export function tail(s: string, n = 80): string {
  return s.length > n ? s.slice(s.length - n) : s
}

// Photo credits ending a caption: `… 本报记者 王小明 摄`, `（王小明 摄）`, `资料图片`.
const PHOTO_CREDIT = new RegExp(
  `(?:^|[\\s。！？”）)])\\s*[（(]?\\s*(?:${ROLE_PREFIX}${ROLE}\\s*[:：/／]?\\s*${NAMES}\\s*[/／]?\\s*(?:摄|摄影)|${NAMES}(?:\\s+|\\s*[/／]\\s*)(?:摄|摄影))\\s*[）)]?$`
)
const PICTURE_SOURCE = /(?:资料图片|资料图|新华社发|图片由[^。，]{1,30}提供|(?:图|图片|照片)[/／:：]\s*[^。，]{1,20}|受访者供图|网络图片|(?:博物馆|美术馆|纪念馆|博物院|档案馆)藏|[\u4e00-\u9fff]\s*摄影报道)\s*[）)]?。?$/
const PICTURE_START = /^(?:图为|上图|下图|左图|右图|图一|图二|图[:：])/

/**
 * What PHOTO_CREDIT needs at the very end (`摄` or `摄影`, then white space and a closing
 * bracket): checked first, since the pattern itself is tried at every position of the line.
 */
function endsLikeShot(t: string): boolean {
  let end = t.length
  const last = t[end - 1]
  if (last === ')' || last === '）') end--
  while (end > 0 && /\s/.test(t[end - 1]!)) end--
  return t[end - 1] === '摄' || (t[end - 1] === '影' && t[end - 2] === '摄')
}

// the source printed under a chart or table: `数据来源：国家统计局`, `制图：王明`
const SOURCE_NOTE = /^(?:(?:数据|资料|图表|图片)?来源|制图|制表)\s*[:：]/

/** A chart's or table's source note: a caption of the graphic, never text of the story. */
export function isSourceNote(s: string): boolean {
  return s.length <= 40 && !s.includes('。') && SOURCE_NOTE.test(s)
}

/** Ends with a photo credit or picture source, or opens like a caption. */
export function hasPhotoCredit(s: string): boolean {
  const t = tail(s)
  return (endsLikeShot(t) && PHOTO_CREDIT.test(t)) || PICTURE_SOURCE.test(t) || PICTURE_START.test(s)
}

/** Every ROLE contains one of these: without one a line has no byline (a cheap test first). */
export const ROLE_WORD = /记者|通讯员|实习生|评论员/

// A reporter's name printed after the last sentence: `…表示感谢。 本报记者 王小明`.
const TRAILING_BYLINE = new RegExp(
  `[。！？”]\\s*[（(]?\\s*(${ROLE_PREFIX}${ROLE}\\s*[:：/／]?\\s*${NAMES}(?:${SEP}${ROLE_GROUP}){0,3}(?:\\s*(?:摄|摄影|报道))?)\\s*[）)]?$`
)

export function trailingCredit(s: string): string | null {
  const t = tail(s)
  const m = ROLE_WORD.test(t) ? TRAILING_BYLINE.exec(t) : null
  if (m) return m[1]!.trim()
  const p = endsLikeShot(t) ? PHOTO_CREDIT.exec(t) : null
  if (p) return p[0].replace(/^[\s。！？”）)]+/, '').replace(/^[（(]\s*/, '').replace(/\s*[）)]$/, '').trim()
  return null
}

// ---- page furniture ---------------------------------------------------------------------

const NAV_WORDS = /当前版|上一版|下一版|上一期|下一期|版面导航|标题导航|本版导航|版面概览|返回目录|往期回顾|PDF版|放大\s*缩小|^\s*目录\s*$/
const NAV_HEADER = /标题导航|本版导航|版面导航|本版标题|^\s*导航\s*$/
const PAGE_REF = /^(?:第\s*)?[A-Za-z]?\d{1,3}\s*版(?:\s*[:：]|\s|$)/
const PAGE_NUMBER = /^[-—–·\s]*(?:第\s*)?[A-Za-z]?\d{1,3}\s*(?:版|页)?[-—–·\s]*$/
const CREDIT =
  /^(?:本版|本期)?(?:责任编辑|责任校对|责编|编辑|美术编辑|美编|校对|组版|版式设计|版式|排版|审读|审校|图片编辑|视觉设计|监制|值班编委|终审|签发)\s*[:：/]?/
const TIP = /(?:报料|爆料|新闻|投稿|订阅|发行|广告|服务|读者)(?:热线|电话|邮箱|信箱|QQ|微信|传真)/
const CONTACT_ONLY =
  /^(?:[\d\s\-－—()（）+]{7,24}|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?:https?:\/\/|www\.)\S+|QQ[:：]?\s*\d{5,12})$/
// a labelled address: `本版邮箱：x@y.cn`, `电子信箱: x@y.cn`, `网址：www.x.cn`
const LABELLED_CONTACT = /^[\u4e00-\u9fff]{2,8}\s*[:：]\s*(?:[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|(?:https?:\/\/|www\.)\S+)\s*$/
// a call for contributions: `欢迎赐稿`, `欢迎广大读者来稿。来稿要求为原创首发…`, `本版长期征稿`
const CALL_FOR_PAPERS = /欢迎[^。，]{0,8}(?:赐稿|来稿|投稿)|(?:长期|常年)征稿|来稿(?:要求|请|须)/
const NOTICE_START = /^(?:各位读者|欢迎|来稿|本版|本刊|征稿)/
const JUMP = /^[（(]?\s*(?:上接|下转|转|接|续)\s*第?\s*[\dA-Za-z一二三四五六七八九十]{1,3}\s*版\s*[）)]?$/
const PAPER_NAME = /^[\u4e00-\u9fff]{1,8}(?:日报|晚报|早报|时报|商报|都市报)$/
const PAGE_LABEL = /^[A-Za-z]\d{1,2}\s*版?\s+[\u4e00-\u9fff·]{2,8}$/
const DATE = /\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-./]\d{1,2}[-./]\d{1,2}/
const DATE_COMPANION = /星期[一二三四五六日天]|周[一二三四五六日天]|版|日报|晚报|早报|时报|商报|报$|农历/
const PAPER_AND_PAGE = /(?:日报|晚报|早报|时报|商报|都市报)[^。，]{0,20}(?:第\s*)?\d{1,3}\s*版/

/** A line of page furniture by its own form (context-free cues only). */
export function isFurnitureLine(s: string): boolean {
  if (s.length > 80) return false
  if (NAV_WORDS.test(s)) return true
  if (PAGE_REF.test(s) && s.length <= 30) return true
  if (PAGE_NUMBER.test(s) || JUMP.test(s) || PAPER_NAME.test(s) || PAGE_LABEL.test(s)) return true
  if (CREDIT.test(s) && s.length <= 60 && !/[。！？]/.test(s)) return true
  if (TIP.test(s) && s.length <= 60 && !/[。！？]/.test(s)) return true
  if (CONTACT_ONLY.test(s)) return true
  if (LABELLED_CONTACT.test(s)) return true
  if (CALL_FOR_PAPERS.test(s) && (!/[。]/.test(s) || NOTICE_START.test(s))) return true
  if (DATE.test(s) && DATE_COMPANION.test(s) && s.length <= 60 && !/[。，]/.test(s)) return true
  if (PAPER_AND_PAGE.test(s) && !/[。]/.test(s)) return true
  return false
}

/**
 * A line that starts a navigation list: `标题导航`, `第01版：要闻`. A page reference with the
 * date is the page's running head instead, and the title under it is no list entry even when a
 * list further down repeats it.
 */
export function isNavStart(s: string): boolean {
  return s.length <= 40 && (NAV_HEADER.test(s) || (PAGE_REF.test(s) && !DATE.test(s)))
}

export function isPageRef(s: string): boolean {
  return s.length <= 30 && PAGE_REF.test(s)
}

/**
 * A note in brackets that signs an article off with who else worked on it or who the author is:
 * `（实习生王明参与采写）`, `（作者为某大学教授）`.
 */
export function isAuthorNote(s: string): boolean {
  return s.length <= 60 && /^\s*[（(](?:[^（）()]{1,40}(?:参与采写|参与调研|参与报道|采写|整理|执笔)|作者[^（）()]{1,40})[）)]\s*$/.test(s)
}

/**
 * The signature of an editor's note (`——编者`, `——编 者`, `——本报编辑部`): it closes the note
 * that opens an article, not the article, and it is no subtitle.
 */
export function isEditorSignoff(s: string): boolean {
  return s.length <= 16 && /^\s*(?:——|—|－－|--|──)\s*(?:编[\s\u3000]*者|(?:本报|本刊|本版)?编[\s\u3000]*辑[\s\u3000]*部)\s*$/.test(s)
}

/** A subtitle line opens with a dash: `——三个社区试点加装电梯`. */
export function startsWithDash(s: string): boolean {
  return /^(?:——|──|—|－－|--|―)/.test(s)
}

/** Characters that never open a sentence: a block starting with one continues a broken word or clause. */
export const BOUND_START = new Set('们呢吗吧的了着及与和等'.split(''))
/** Characters a title or subhead hardly ever ends on: a block ending on one was cut mid-sentence. */
export const BOUND_END = new Set('的着之与及或而并且但也又还被把将这那每各该等其'.split(''))
/** Words that open a list item; a block ending on ；/： followed by one is a list, not a break. */
export const LIST_ITEM = /^(?:[一二三四五六七八九十]+[是、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．）)]|第[一二三四五六七八九十]+[，、是条])/

/** A numbered heading (`一、…`, `（二）…`, `3.…`) is a section of a longer story. */
export const NUMBERED_HEADING = /^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、．]|\d{1,2}\.(?!\d))/

// How a news story's first paragraph opens: with where the reporter learnt it (`记者从…获悉`,
// a formula of leads), with when it happened (`近日，`, `5月3日上午，`, `入冬以来，`), or with why
// (`为…，`). Later paragraphs open that way too, but far less often: these are votes, not verdicts.
const WHEN =
  '(?:近日|日前|近期|目前|截至目前|连日来|连日|昨日|昨天|今日|今天|前日|前天|当天|当日|[^，,。！？；;]{1,6}以来|' +
  // 曰 is how OCR often reads 日
  '(?:\\d{4}年)?\\d{1,2}月(?:\\d{1,2}[日曰号])?|\\d{1,2}[日曰号])' +
  '(?:[上下]午|早上|早晨|晚上|晚间|傍晚|凌晨|中午|夜间)?(?:\\d{1,2}\\s*(?:时|点|[:：])[\\d半分多许]{0,4})?(?:起|前后)?'
const OPENS_WHEN = new RegExp(`^\\s*(?:为[^，,。！？；;]{2,30}[，,]\\s*){0,2}${WHEN}\\s*[，,]`)
const OPENS_WHY = /^\s*为[^，,。！？；;]{2,30}[，,]/
const OPENS_SOURCE = /^[^。！？]{0,30}记者[^。！？，,]{0,4}从[^。！？，,]{1,30}(?:获悉|了解到)/

export type Opening = 'when' | 'source' | 'why' | null

/** Which opening of a news lead a paragraph starts with, if any. */
export function leadOpening(s: string): Opening {
  const head = s.slice(0, 80)
  if (OPENS_SOURCE.test(head)) return 'source'
  if (OPENS_WHEN.test(head)) return 'when'
  if (OPENS_WHY.test(head)) return 'why'
  return null
}
