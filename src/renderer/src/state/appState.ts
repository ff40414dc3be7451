import type { EditionSummary, PageDetail, PageSummary, RevisionInfo, SearchHit, SuggestionRecord } from '../../../shared/types'
import type { RecoveryInfo, RestoreResult } from '../../../shared/recovery'
import type { Settings } from '../../../shared/settings'
import type { Locale } from '../i18n'
import type { SaveStatus } from './autosave'
import type { Span } from './boundaries'
import type { FixState, LastFix } from './fixController'
import { loadDiffPreferences, type DiffPreferences } from './diffPreferences'

export type Panel = 'articles' | 'suggestions' | 'history'
export type Dialog = null | 'import' | 'shortcuts' | 'settings' | 'export' | 'approveFlagged' | 'concordance' | 'knowledge' | 'edition'

export interface AppState {
  locale: Locale
  mode: 'desktop' | 'browser' | 'cli' | null
  /** The database file, as appInfo names it. */
  database: string | null
  /** Set while the database cannot be used: the recovery screen replaces the workbench. */
  recovery: RecoveryInfo | null
  /** What the last restore put in place and where the damaged file went, until dismissed. */
  restored: RestoreResult | null
  /** null until read from the store. */
  settings: Settings | null
  editions: EditionSummary[]
  pages: PageSummary[]
  pageId: number | null
  page: PageDetail['page'] | null
  revisionId: number | null
  /** Article boundaries as the editor sees them now. */
  spans: Span[]
  /** Index into spans of the article under the cursor, -1 when none. */
  activeSpan: number
  /** Open suggestions that are placed in the working text. */
  suggestions: SuggestionRecord[]
  save: SaveStatus
  saveError: string | null
  panel: Panel
  revisions: RevisionInfo[]
  comparing: { id: number; createdAt: string } | null
  dialog: Dialog
  /** The edition the 'edition' dialog edits. */
  editionId: number | null
  searchQuery: string
  searchHits: SearchHit[] | null
  notice: string | null
  error: string | null
  /** Index of the span whose title is being edited. */
  editingTitle: number | null
  loading: boolean
  /** The concordance being prepared (dialog 'concordance'). */
  fix: FixState | null
  /** The last fix applied, until undone or dismissed. */
  lastFix: LastFix | null
  /** What the working text is compared with, and how the diff is laid out. */
  diff: DiffPreferences
}

export function initialState(locale: Locale): AppState {
  return {
    locale,
    mode: null,
    database: null,
    recovery: null,
    restored: null,
    settings: null,
    editions: [],
    pages: [],
    pageId: null,
    page: null,
    revisionId: null,
    spans: [],
    activeSpan: -1,
    suggestions: [],
    save: 'saved',
    saveError: null,
    panel: 'articles',
    revisions: [],
    comparing: null,
    dialog: null,
    editionId: null,
    searchQuery: '',
    searchHits: null,
    notice: null,
    error: null,
    editingTitle: null,
    loading: false,
    fix: null,
    lastFix: null,
    diff: loadDiffPreferences()
  }
}
