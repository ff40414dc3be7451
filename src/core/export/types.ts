import type { ArticleText } from '../../shared/types'

export const FORMATS = ['json', 'md', 'txt', 'html', 'nitf', 'alto', 'page', 'tei'] as const
export type Format = (typeof FORMATS)[number]

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value)
}

export type ExportScope = { edition: string } | { pageId: number } | { all: true }

export interface ExportOptions {
  scope: ExportScope
  formats: readonly Format[]
  /** The folder to create; it must not exist (or be empty) unless `force`. */
  outDir: string
  /** Adds the 'proposed' articles, marked unapproved in every format. Rejected ones never go. */
  includeUnapproved?: boolean
  /** Markdown: one file per edition instead of one per article. */
  singleFile?: boolean
  /** Replaces an existing non-empty `outDir` that a Galley export wrote (its marker, only an export's files). */
  force?: boolean
  /** Articles written so far, of the total in scope: once with 0 at the start, then after each article. */
  onProgress?: (done: number, total: number) => void
}

export interface AsyncExportOptions extends ExportOptions {
  /** Stops the export; nothing is left behind. */
  signal?: AbortSignal
  /** Longest stretch of work between two turns of the event loop, in ms (0: after every article). */
  sliceMs?: number
}

export interface ExportResult {
  /** Absolute path of the finished folder. */
  outDir: string
  files: number
  articles: number
}

export class ExportError extends Error {
  constructor(
    message: string,
    readonly code: 'not-found' | 'exists' | 'invalid' | 'cancelled'
  ) {
    super(message)
    this.name = 'ExportError'
  }
}

// The export's own model: what leaves the store, already filtered and in reading order.

export interface ExportArticle extends ArticleText {
  id: number
  kind: 'article' | 'caption' | 'fragment'
  /** Reading-order position on its page (the store's ord). */
  position: number
  approved: boolean
}

export interface ExportPage {
  id: number
  label: string
  order: number
  sourceName: string
  revisionId: number | null
  articles: ExportArticle[]
}

export interface ExportEdition {
  id: number
  name: string
  title: string
  /** ISO date (YYYY-MM-DD) or null when unknown. */
  issueDate: string | null
  pages: ExportPage[]
}

/** What every writer gets besides the edition. */
export interface WriteContext {
  includeUnapproved: boolean
}
