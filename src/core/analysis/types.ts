// Public shapes of the analysis result.
import type { LayoutHints } from './layoutHints'
import type { EditionEvidence } from './edition'
import type { PublicationProfile } from './profile'

/** What the analysis may use besides the page itself (an OCR file's layout hints among them). */
export interface AnalysisOptions extends LayoutHints {
  /** The publication's learnt profile (line templates tied to roles by the editor's decisions). */
  profile?: PublicationProfile | null
  /** Template counts over the pages of the edition (this page included): see edition.ts. */
  edition?: EditionEvidence | null
}

/**
 * What a line is. `banner` is a column label (栏目) over one article or a group; `dateline` a line
 * of place/date/source printed with an article (`本报北京5月6日电`, a date-and-source line under
 * it); `credit` a photo or text credit on a line of its own (`X摄`, `X供图`).
 */
export type LineRole =
  | 'kicker'
  | 'title'
  | 'subtitle'
  | 'byline'
  | 'dateline'
  | 'body'
  | 'subhead'
  | 'caption'
  | 'credit'
  | 'furniture'
  | 'banner'

export interface ProposedParagraph {
  role: 'body' | 'subhead'
  text: string
}

export type ArticleKind = 'article' | 'caption' | 'fragment'

export interface ProposedArticle {
  kind: ArticleKind
  /** The article's own kicker (引题); when it has none, the section banner over its group. */
  kicker: string | null
  /** The section banner (栏目) over a group of short items, or null. */
  section: string | null
  /** '' when it has none (fragment, bare caption). */
  title: string
  subtitle: string | null
  /** Every heading line of the article in page order (banner, kicker, title, subtitle). */
  headings: string[]
  /** As printed: '记者 王小明' from `本报讯（记者 王小明）`, or a line such as '本报记者 王小明'. */
  byline: string | null
  /** Body paragraphs with safe fixes applied, rejoined; subheads marked. A lead keeps its 本报讯. */
  paragraphs: ProposedParagraph[]
  /** Captions attached to this article; a caption item keeps its own text here. */
  captions: string[]
  /** 'continues-elsewhere' | 'starts-elsewhere' | 'duplicate-text' */
  flags: string[]
  confidence: number
  /** 0-based line range of this article in workingText, [startLine, endLine). */
  startLine: number
  endLine: number
}

/** One per non-empty line of workingText; article = index into articles, null for furniture. */
export interface BlockLine {
  line: number
  role: LineRole
  article: number | null
}

/** A candidate paragraph rejoin; line = line in workingText of the (joined) paragraph. */
export interface JoinDecision {
  line: number
  confidence: number
  applied: boolean
  reason: string
  /** Line numbers in the original text of the end of the first half and the start of the second. */
  fromLine: number
  toLine: number
}

/** UTF-16 offsets into workingText of the copy proposed for removal (NOT removed). */
export interface DuplicateFlag {
  start: number
  end: number
  text: string
  confidence: number
  message: string
}

export interface PageProposal {
  /** The input text with CRLF/CR normalised to LF (no other change). */
  text: string
  /** Cleaned page: safe fixes and confident joins applied, one paragraph per line, furniture kept in place. */
  workingText: string
  articles: ProposedArticle[]
  furniture: string[]
  blocks: BlockLine[]
  joins: JoinDecision[]
  duplicates: DuplicateFlag[]
  /** The page was already full-width: punctuation left untouched. */
  fullWidthPage: boolean
}
