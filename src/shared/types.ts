// Plain data carried by the API, shared by core, adapters and renderer.
import type { ArticleRoles } from './lineRoles'

export type PageStatus = 'new' | 'in-progress' | 'approved'
export type ArticleKind = 'article' | 'caption' | 'fragment' | 'furniture'
export type ArticleStatus = 'proposed' | 'approved' | 'rejected'
export type SuggestionStatus = 'open' | 'accepted' | 'rejected' | 'stale'

export interface EditionSummary {
  id: number
  name: string
  /** The publication the edition belongs to (null only for an edition stored without one). */
  publication?: string | null
  title: string
  issueDate: string | null
  pageCount: number
  approvedPages: number
  openSuggestions: number
}

export interface PageSummary {
  id: number
  editionId: number
  label: string
  order: number
  sourceName: string
  status: PageStatus
  openSuggestions: number
  articleCount: number
}

export interface RevisionInfo {
  id: number
  pageId: number
  parentId: number | null
  author: string
  reason: string
  createdAt: string
  length: number
}

export interface Paragraph {
  role: 'body' | 'subhead'
  text: string
}

/** What an article says, field by field: the analysis proposes it, the store keeps it, every export writes it. */
export interface ArticleText {
  kicker: string | null
  title: string
  subtitle: string | null
  headings: string[]
  byline: string | null
  paragraphs: Paragraph[]
  captions: string[]
  flags: string[]
}

export interface ArticleRecord extends ArticleText {
  id: number
  pageId: number
  ord: number
  kind: ArticleKind
  startLine: number
  endLine: number
  /** The editor set the title (then `title` is theirs): it stays as given when the text or the boundaries change. */
  titleOverridden: boolean
  confidence: number
  status: ArticleStatus
  source: 'analysis' | 'editor'
  /** The editor's role for each line of [startLine, endLine) when given; the fields are read from them. */
  roles?: ArticleRoles | null
}

export interface SuggestionRecord {
  id: number
  pageId: number
  revisionId: number
  rule: string
  start: number
  end: number
  original: string
  replacement: string
  confidence: number
  message: string
  status: SuggestionStatus
}

export interface PageDetail {
  page: PageSummary & {
    sha256: string
    encoding: string
    byteLength: number
    importedAt: string
    editionName: string
  }
  originalText: string
  revision: RevisionInfo & { text: string }
  articles: ArticleRecord[]
  suggestions: SuggestionRecord[]
}

export interface SearchHit {
  pageId: number
  editionName: string
  pageLabel: string
  offset: number
  snippet: string
  matchStart: number
  matchLength: number
}

export interface ImportItemResult {
  source: string
  status: 'imported' | 'unchanged' | 'failed'
  pageId?: number
  edition?: string
  publication?: string
  encoding?: string
  reason?: string
}

export interface ImportReport {
  imported: number
  unchanged: number
  failed: number
  items: ImportItemResult[]
}

/** An export running in the background (startExport), as exportStatus reports it. */
export interface ExportJob {
  jobId: number
  state: 'running' | 'done' | 'failed' | 'cancelled'
  /** Articles written so far, of `total` (0 of 0 until the export has counted them). */
  done: number
  total: number
  /** Where the finished folder is, and what went into it; null until done. */
  result: { outDir: string; files: number; articles: number } | null
  /** One line, when failed. */
  error: string | null
}

/**
 * An import running in the background (startImport, or the desktop menu's import by path), as
 * importStatus reports it. An upload is 'receiving' until runImport; then the pages are stored
 * ('running') and one suggestion pass follows ('checking').
 */
export interface ImportJob {
  jobId: number
  state: 'receiving' | 'running' | 'checking' | 'done' | 'failed' | 'cancelled'
  /** How the files came: sent by the window, or named on this machine (the desktop menu). */
  origin: 'upload' | 'paths'
  /** Files received so far (pages and scans; an upload while 'receiving'). */
  received: number
  /** Page files dealt with (stored, unchanged or failed), of `total` (0 of 0 until counted). */
  done: number
  total: number
  /** The file being analysed or stored, as the report names it; null when none. */
  current: string | null
  imported: number
  unchanged: number
  failed: number
  /** Every file that failed so far, with its reason, in order. */
  failures: { source: string; reason: string }[]
  /** The suggestion pass after the import: pages checked of those waiting. */
  checked: number
  toCheck: number
  /** Once no longer running: the report (a cancelled job's: what was imported before it stopped). */
  report: ImportReport | null
  /** Page files a cancel left out: not imported, nothing of them written. */
  notImported: number
  /** One line, when failed. */
  error: string | null
}

/** A paper: its editions share a profile learnt from the editor's approved pages. */
export interface PublicationSummary {
  id: number
  name: string
  editionCount: number
  pageCount: number
  approvedPages: number
  activeRules: number
  decisions: number
  /** What the approved pages taught the role model: from how many pages and lines, and whether it applies; null when nothing yet. */
  model: { pages: number; lines: number; origin: 'learnt' | 'imported'; state: 'active' | 'undone' } | null
}

/** What a line is on a page, as the editor decides it and as a publication's profile learns it (analysis' LineRole; `banner` is a column label). */
export type StructureRole = 'kicker' | 'title' | 'subtitle' | 'byline' | 'dateline' | 'subhead' | 'body' | 'caption' | 'credit' | 'banner' | 'furniture'
export const STRUCTURE_ROLES = ['kicker', 'title', 'subtitle', 'byline', 'dateline', 'subhead', 'body', 'caption', 'credit', 'banner', 'furniture'] as const satisfies readonly StructureRole[]

/** A structural decision of the editor, recorded against the page's publication. */
export interface StructureDecision {
  id: number
  pageId: number
  action: 'role' | 'split' | 'merge' | 'title' | 'furniture' | 'kind' | 'boundary' | 'approve'
  /** The line the decision is about, when it is about one. */
  lineText: string | null
  detail: Record<string, unknown>
  /** Where it was made: 'cli', 'desktop', 'browser'. */
  via: string
  createdAt: string
}

/** A rule of a publication's profile: lines of this template have this role. */
export interface LearntRule {
  id: number
  publicationId: number
  /** The line with its variable parts abstracted (see analysis/profile.ts lineTemplate). */
  template: string
  role: StructureRole
  /** Evidence: lines and approved pages it was seen on. */
  lines: number
  pages: number
  /** One line it was learnt from. */
  example: string
  /** The approved page it was first learnt from (null when imported from a file). */
  fromPageId: number | null
  fromPageLabel: string | null
  origin: 'learnt' | 'imported'
  state: 'active' | 'undone'
}

/** One thing a re-proposal changed on a page, and the rule that made it. */
export interface PageChange {
  ruleId: number | null
  role: StructureRole
  template: string
  /** The line of this page it applies to. */
  line: string
  /** The role the line had before (null: it was not read as a line of its own). */
  before: StructureRole | null
  fromPageId: number | null
  fromPageLabel: string | null
  /** In the UI's words: learnt from your edits on page 3: `本版责编：X` lines are furniture. */
  message: string
}

export interface PageReproposal {
  id: number
  pageId: number
  revisionId: number
  createdAt: string
  changes: PageChange[]
}
