import { z } from 'zod'
import {
  type ArticleRecord,
  type EditionSummary,
  type ExportJob,
  type ImportJob,
  type ImportReport,
  type PageDetail,
  type PageSummary,
  type RevisionInfo,
  type SearchHit,
  type SuggestionRecord,
  type LearntRule,
  type PageReproposal,
  type PublicationSummary,
  type StructureDecision
} from './types'
import { profileFileSchema, structureFileSchema, type ProfileFile } from './learningFiles'
import type { RecoveryInfo, RestoreResult } from './recovery'
import { settingsSchema, type Settings } from './settings'
import { LINE_ROLES } from './lineRoles'
import type { PageGeometry } from './geometry'
import type { Orientation } from './orientation'

// The one contract between the renderer and Galley's services: every method's argument schema
// (validated at each transport's boundary) and its result type. Core implements it once
// (`Handlers`), Electron IPC and the loopback server carry it.

const id = z.number().int().positive()
const fixScope = z.enum(['page', 'edition', 'publication', 'all'])
// A lone surrogate cannot be stored (SQLite keeps UTF-8: it would become U+FFFD), so a text
// holding one is refused rather than acknowledged and changed.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u
const text = z
  .string()
  .max(50_000_000)
  .refine((s) => !LONE_SURROGATE.test(s), 'text holds a lone UTF-16 surrogate (not a character; it cannot be stored)')

export const MAX_UPLOAD_FILES = 500

// scope 'all' needs no id; 'edition' takes an edition id, 'page' a page id.
const exportRequest = z
  .object({
    scope: z.enum(['edition', 'page', 'all']),
    id: id.optional(),
    formats: z.array(z.enum(['json', 'md', 'txt', 'html', 'nitf', 'alto', 'page', 'tei'])).min(1).max(8),
    includeUnapproved: z.boolean().optional(),
    singleFile: z.boolean().optional()
  })
  .strict()
  .refine((a) => a.scope === 'all' || a.id !== undefined, { message: 'id is needed for an edition or a page', path: ['id'] })

// An article as the editor's workbench places it: a line range of the working text, its kind,
// its decision, the editor's title if any, and the id of the stored article it came from (an
// article whose lines are unchanged keeps everything read from them).
const articleBoundary = z
  .object({
    id: id.optional(),
    kind: z.enum(['article', 'caption', 'fragment', 'furniture']),
    startLine: z.number().int().min(0),
    endLine: z.number().int().min(0),
    titleOverride: z.string().trim().min(1, 'titleOverride is empty (send null to read the title from the text)').max(500).nullable().optional(),
    status: z.enum(['proposed', 'approved', 'rejected']).optional(),
    // The editor's role for each line of the range (null: a blank line); the article's fields are read from them.
    roles: z.array(z.enum(LINE_ROLES).nullable()).max(200_000).nullable().optional()
  })
  .strict()
  .refine((a) => a.endLine > a.startLine, 'endLine must be after startLine')
  .refine((a) => !a.roles || a.roles.length === a.endLine - a.startLine, 'roles must give one role a line of the article')
const articleBoundaries = z.array(articleBoundary).max(2000)

export type ArticleBoundary = z.infer<typeof articleBoundary>

export const apiArgs = {
  appInfo: z.object({}).strict(),
  getSettings: z.object({}).strict(),
  updateSettings: settingsSchema.partial().strict().refine((s) => Object.keys(s).length > 0, 'no setting given'),
  // Only while the app is in recovery (appInfo.recovery): `backup` is the file the editor was
  // shown, so that nothing else is ever put in place of the database.
  restoreNewestBackup: z.object({ backup: z.string().min(1).max(4096) }).strict(),
  listEditions: z.object({}).strict(),
  listPages: z.object({ editionId: id.optional() }).strict(),
  getPage: z.object({ pageId: id }).strict(),
  search: z.object({ query: z.string().min(1).max(200), limit: z.number().int().min(1).max(500).optional() }).strict(),
  importFiles: z
    .object({
      files: z
        .array(
          z
            .object({
              name: z.string().min(1).max(255),
              folder: z.string().max(255).optional(),
              // No limit of its own: a file too large fails alone (the transports bound the request).
              dataBase64: z.string()
            })
            .strict()
        )
        .min(1)
        .max(MAX_UPLOAD_FILES),
      edition: z.string().min(1).max(200).optional(),
      // The publication of new editions; by default the paper's name in the edition's name.
      publication: z.string().trim().min(1).max(200).optional()
    })
    .strict(),
  // The app's import as a job (core/services/importJobs.ts): startImport opens an upload,
  // sendImportFiles brings its files in large batches (a file the window could not read or send
  // comes as `refused`, to be reported in its place), runImport starts it once all are sent;
  // importStatus reports its progress, cancelImport stops it (pages stored before stay, the rest
  // are not imported). listImportJobs finds a job the desktop menu started by path.
  startImport: z.object({ edition: z.string().min(1).max(200).optional(), publication: z.string().trim().min(1).max(200).optional() }).strict(),
  sendImportFiles: z
    .object({
      jobId: id,
      files: z
        .array(
          z
            .object({
              name: z.string().min(1).max(255),
              folder: z.string().max(255).optional(),
              dataBase64: z.string().optional(),
              refused: z.string().min(1).max(500).optional()
            })
            .strict()
            .refine((f) => (f.dataBase64 === undefined) !== (f.refused === undefined), 'a file has either dataBase64 or refused')
        )
        .min(1)
        .max(MAX_UPLOAD_FILES)
    })
    .strict(),
  runImport: z.object({ jobId: id }).strict(),
  importStatus: z.object({ jobId: id }).strict(),
  cancelImport: z.object({ jobId: id }).strict(),
  listImportJobs: z.object({}).strict(),
  listRevisions: z.object({ pageId: id }).strict(),
  getRevision: z.object({ revisionId: id }).strict(),
  // One request a save: the text and, from the workbench, the article boundaries as the editor
  // sees them on it (without them the stored ones follow the text by line alignment). The
  // result carries what the workbench shows next.
  saveRevision: z
    .object({
      pageId: id,
      baseRevisionId: id,
      text,
      reason: z.string().max(200).optional(),
      articles: articleBoundaries.optional()
    })
    .strict(),
  restoreRevision: z.object({ pageId: id, revisionId: id, baseRevisionId: id }).strict(),
  setArticleStatus: z.object({ articleId: id, status: z.enum(['proposed', 'approved', 'rejected']) }).strict(),
  // Approves the page's proposed articles. Flagged ones (the analysis doubts them) only with
  // flagged: true; confidentOnly: only the confident, unflagged ones (a script's approval without
  // --all). The page is approved when no proposed article is left.
  approvePage: z.object({ pageId: id, flagged: z.boolean().optional(), confidentOnly: z.boolean().optional() }).strict(),
  decideSuggestion: z.object({ suggestionId: id, decision: z.enum(['accepted', 'rejected']) }).strict(),
  decideSuggestions: z.object({ suggestionIds: z.array(id).min(1).max(10_000), decision: z.enum(['accepted', 'rejected']) }).strict(),
  // The editor's article boundaries for the page's current revision: split, merge, change of
  // kind or title are all a new list. Each article is re-read from its lines of the working text,
  // its title too unless the editor gave it one (titleOverride), which is kept as given.
  updateArticles: z.object({ pageId: id, revisionId: id, articles: articleBoundaries }).strict(),
  previewCorrection: z.object({ original: z.string().min(1).max(50), scope: z.enum(['page', 'edition', 'all']), id: id.optional() }).strict(),
  applyCorrection: z
    .object({
      original: z.string().min(1).max(50),
      replacement: z.string().max(50),
      scope: z.enum(['page', 'edition', 'all']),
      id: id.optional()
    })
    .strict(),
  // Fix everywhere with a concordance (core/services/concordance.ts): every occurrence of a
  // pattern in a scope with its context; the chosen ones fixed, one revision a page; the batch
  // undone page by page where the page has not moved on since.
  findOccurrences: z
    .object({ pattern: z.string().min(1).max(50), scope: fixScope, id: id.optional(), limit: z.number().int().min(1).max(10_000).optional() })
    .strict(),
  applyFix: z
    .object({
      pattern: z.string().min(1).max(50),
      replacement: z.string().max(50),
      occurrences: z.array(z.object({ pageId: id, revisionId: id, start: z.number().int().min(0) }).strict()).min(1).max(10_000)
    })
    .strict(),
  undoFix: z.object({ batch: z.array(z.object({ pageId: id, revisionId: id, previousRevisionId: id }).strict()).min(1).max(10_000) }).strict(),
  // What Galley learnt from the editor, to read, correct and remove: corrections grouped by what
  // they change (one line a lesson, however many pages taught it).
  listCorrections: z.object({}).strict(),
  editCorrection: z
    .object({
      original: z.string().min(1).max(50),
      replacement: z.string().max(50),
      decision: z.enum(['accepted', 'rejected']),
      /** The new replacement; absent: the lesson is removed. */
      to: z.string().min(1).max(50).optional()
    })
    .strict(),
  listProtectedTerms: z.object({}).strict(),
  setProtectedTerm: z.object({ term: z.string().min(1).max(50), protected: z.boolean() }).strict(),
  // Writes an export folder under the data folder (the renderer never sees file paths); see
  // core/services/exporting.ts. exportEdition answers when it is written; startExport answers at
  // once with a job whose progress exportStatus reports and cancelExport stops.
  exportEdition: exportRequest,
  startExport: exportRequest,
  exportStatus: z.object({ jobId: id }).strict(),
  cancelExport: z.object({ jobId: id }).strict(),
  // The page's scan and the layout its OCR file gave (see shared/geometry.ts); the image's bytes
  // come apart, so the layout is cheap to ask for on every page change. getPageImage is the one
  // binary result (see BinaryResult): raw bytes over HTTP, a structured clone over IPC.
  getPageScan: z.object({ pageId: id }).strict(),
  // preview: the scan's downscaled JPEG instead of the scan (see PageScanInfo.image.preview);
  // tile: one JPEG tile of its Deep Zoom pyramid (see PageScanInfo.image.tiles)
  getPageImage: z
    .object({
      pageId: id,
      preview: z.boolean().optional(),
      tile: z.object({ level: z.number().int().min(0).max(40), x: z.number().int().min(0).max(1_000_000), y: z.number().int().min(0).max(1_000_000) }).strict().optional()
    })
    .strict(),
  // The preview the workbench made of a large scan the first time it showed it (see
  // core/media/mediaStore.ts); sha256 names the scan it was made from.
  putPageScanPreview: z
    .object({ pageId: id, sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 is 64 hex digits'), dataBase64: z.string().min(1).max(24 * 1024 * 1024) })
    .strict(),
  // An edition's title and issue date (YYYY-MM-DD, 20240501 or 2024年5月1日; null clears it) and a
  // page's label, as the editor corrects them: every export carries them.
  setEditionMetadata: z
    .object({
      editionId: id,
      title: z.string().trim().min(1, 'title is empty').max(200).refine((t) => !/[\r\n]/.test(t), 'title is one line').optional(),
      issueDate: z.string().trim().min(1, 'issueDate is empty (send null to clear it)').max(40).nullable().optional()
    })
    .strict()
    .refine((a) => a.title !== undefined || a.issueDate !== undefined, 'nothing to set: give title or issueDate'),
  setPageLabel: z
    .object({ pageId: id, label: z.string().trim().min(1, 'label is empty').max(40).refine((t) => !/[\r\n]/.test(t), 'label is one line') })
    .strict(),
  // Learning each publication from its editor (core/services/learning.ts).
  listPublications: z.object({}).strict(),
  listLearntRules: z.object({ publicationId: id }).strict(),
  /** The rule stops applying (it is not learnt again), and the publication's untouched pages are proposed again without it. */
  undoLearntRule: z.object({ ruleId: id }).strict(),
  /** What proposing the page again with its publication's profile changed, and why; newest first. */
  listPageChanges: z.object({ pageId: id }).strict(),
  listStructureDecisions: z.object({ publicationId: id.optional(), pageId: id.optional(), limit: z.number().int().min(1).max(10_000).optional() }).strict(),
  learningStatus: z.object({ publicationId: id }).strict(),
  exportProfile: z.object({ publicationId: id }).strict(),
  /** What the approved pages taught the role model stops applying ('undone') or applies again; the untouched pages are proposed again. */
  setLearntModelState: z.object({ publicationId: id, state: z.enum(['active', 'undone']) }).strict(),
  /** Adds a profile file's rules to the publication named (created when new). */
  importProfile: z.object({ publication: z.string().trim().min(1).max(200), profile: profileFileSchema }).strict(),
  /**
   * Sets a page's structure from the form analyze --json prints, as the editor would in the
   * workbench: the working text is laid out one block a line where it must be (a revision of the
   * editor's), the articles and line roles set, every decision recorded.
   */
  setPageStructure: z.object({ pageId: id, revisionId: id.optional(), structure: structureFileSchema }).strict()
} as const

export type ApiMethod = keyof typeof apiArgs
export type ApiArgs<M extends ApiMethod> = z.infer<(typeof apiArgs)[M]>

export interface AppInfo {
  version: string
  mode: 'desktop' | 'browser' | 'cli'
  database: string
  /** null while in recovery. */
  schemaVersion: number | null
  /** Set when the database cannot be used: every method but appInfo and restoreNewestBackup is refused as 'unavailable'. */
  recovery: RecoveryInfo | null
}

/** What a new revision of a page's working text left: what the workbench shows after it. */
export interface RevisionCommitted {
  revisionId: number
  articles: ArticleRecord[]
  /** The page's open suggestions. */
  suggestions: SuggestionRecord[]
  page: PageSummary
  /** Decided articles whose words the change altered, proposed again until decided again. */
  articlesReset: number
}

export interface ApiResults {
  appInfo: AppInfo
  getSettings: Settings
  updateSettings: Settings
  restoreNewestBackup: RestoreResult
  listEditions: EditionSummary[]
  setEditionMetadata: EditionSummary
  setPageLabel: PageSummary
  listPages: PageSummary[]
  getPage: PageDetail
  search: SearchHit[]
  importFiles: ImportReport
  startImport: ImportJob
  sendImportFiles: ImportJob
  runImport: ImportJob
  importStatus: ImportJob
  cancelImport: ImportJob
  /** Newest first: running ones and the last finished. */
  listImportJobs: ImportJob[]
  listRevisions: RevisionInfo[]
  getRevision: RevisionInfo & { text: string }
  saveRevision: RevisionCommitted
  restoreRevision: RevisionCommitted
  setArticleStatus: ArticleRecord
  /** approved: articles approved now; left: proposed ones left for the editor (only with confidentOnly). */
  approvePage: PageSummary & { approved: number; left: number }
  decideSuggestion: SuggestionRecord
  decideSuggestions: { decided: number }
  updateArticles: ArticleRecord[]
  exportEdition: { outDir: string; files: number; articles: number }
  startExport: ExportJob
  exportStatus: ExportJob
  cancelExport: ExportJob
  previewCorrection: { pages: number; occurrences: number }
  applyCorrection: { pages: number; occurrences: number; revisions: number[] }
  findOccurrences: { occurrences: Occurrence[]; pages: number; truncated: boolean }
  applyFix: { batch: FixBatchEntry[]; occurrences: number; skipped: number }
  undoFix: { restored: number; skipped: number }
  listCorrections: LearntCorrection[]
  editCorrection: LearntCorrection[]
  listProtectedTerms: string[]
  setProtectedTerm: string[]
  getPageScan: PageScanInfo
  getPageImage: BinaryResult
  listPublications: PublicationSummary[]
  listLearntRules: LearntRule[]
  undoLearntRule: LearntRule
  listPageChanges: PageReproposal[]
  listStructureDecisions: StructureDecision[]
  learningStatus: LearningStatus
  exportProfile: ProfileFile
  setLearntModelState: PublicationSummary
  importProfile: { publicationId: number; added: number; updated: number }
  setPageStructure: { revisionId: number; articles: ArticleRecord[] }
  putPageScanPreview: { width: number; height: number }
}

/** Bytes with their media type: the HTTP server answers with the bytes themselves, not JSON. */
export interface BinaryResult {
  mediaType: string
  bytes: Uint8Array
}

export function isBinaryResult(value: unknown): value is BinaryResult {
  return typeof value === 'object' && value !== null && (value as BinaryResult).bytes instanceof Uint8Array && typeof (value as BinaryResult).mediaType === 'string'
}

/** Proposing a publication's untouched pages again, after an approval or an undone rule. */
export interface LearningStatus {
  state: 'idle' | 'running'
  done: number
  total: number
  /**
   * The last run: pages changed, of untouched pages looked at, of them analysed again (the others
   * could not change), and its time; then the time its rewritten lines' typos took to read again.
   */
  last: { changed: number; pages: number; analysed: number; ms: number; typosMs?: number } | null
}

/** A page's scan as the workbench shows it: null parts when the page has none. */
export interface PageScanInfo {
  image: {
    sha256: string
    mediaType: string
    /** As shown: turned as its EXIF orientation says (the stored size swapped for a quarter turn). */
    width: number | null
    height: number | null
    /** EXIF orientation of the stored pixels (1 as stored); an OCR file's boxes may be in the stored pixels (shared/orientation.ts). */
    orientation: Orientation
    sourceName: string
    byteLength: number
    /** The stored preview's size (drawn first, the scan itself only when the editor zooms past it), or null. */
    preview: { width: number; height: number } | null
    /** The size of the preview the workbench should make and store when there is none; null for a scan small enough to draw as it is, or one core is making the preview of. */
    previewWanted: { width: number; height: number } | null
    /** The scan's Deep Zoom tile pyramid (made in the background after the import), or null: its tiles come from getPageImage's `tile`. */
    tiles: { width: number; height: number; tileSize: number; overlap: number; format: 'jpeg' } | null
  } | null
  /** Whether the workbench can draw the image (PNG, JPEG, WebP, and TIFF, which getPageImage gives as PNG; not PDF). */
  viewable: boolean
  geometry: PageGeometry | null
  /** The text the geometry's offsets point into. */
  originalText: string
}

/** One lesson: what the editor corrected (accepted) or refused (rejected), and how often. */
export interface LearntCorrection {
  original: string
  replacement: string
  decision: 'accepted' | 'rejected'
  count: number
  lastAt: string
}

/** One place of a pattern in a page's working text, with the characters around it. */
export interface Occurrence {
  pageId: number
  revisionId: number
  edition: string
  label: string
  start: number
  /** 1-based line of the working text. */
  line: number
  before: string
  after: string
}

/** One page a fix changed: undoing restores previousRevisionId while the page is at revisionId. */
export interface FixBatchEntry {
  pageId: number
  revisionId: number
  previousRevisionId: number
}

export type ApiResult<M extends ApiMethod> = ApiResults[M]

/** What core implements: one function a method. */
export type Handlers = { [M in ApiMethod]: (args: ApiArgs<M>) => ApiResult<M> | Promise<ApiResult<M>> }

/** What the renderer calls, whatever the transport. */
export type GalleyApi = { [M in ApiMethod]: (args: ApiArgs<M>) => Promise<ApiResult<M>> }

export const apiMethods = Object.keys(apiArgs) as ApiMethod[]

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiArgs, name)
}

/** Errors cross transports as data: a code the UI can act on and a one-line message. */
export interface ApiErrorBody {
  code: 'invalid-argument' | 'not-found' | 'conflict' | 'failed' | 'unknown-method' | 'unavailable'
  message: string
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorBody['code'],
    message: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export function validateArgs<M extends ApiMethod>(method: M, raw: unknown): ApiArgs<M> {
  const parsed = apiArgs[method].safeParse(raw ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? issue.path.join('.') : 'arguments'
    throw new ApiError('invalid-argument', `${method}: ${where}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data as ApiArgs<M>
}
