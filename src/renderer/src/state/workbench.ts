import type { PageSummary } from '../../../shared/types'
import { api } from '../api/client'
import { saveLocale, translator, type Locale, type MessageKey, type Translate } from '../i18n'
import { initialState, type AppState, type Panel } from './appState'
import type { Settings } from '../../../shared/settings'
import { ExportRunner } from './exportJob'
import { ImportRunner } from './importJob'
import type { TextChange } from './boundaries'
import type { EditorEvents, EditorPort } from './editorPort'
import { Store } from './store'
import { orderPages } from './sidebarRows'
import type { WorkbenchHost } from './host'
import { PageSession } from './pageSession'
import { SuggestionsController } from './suggestionsController'
import { StructureController } from './structureController'
import { HistoryController } from './historyController'
import { SearchController } from './searchController'
import { FixController } from './fixController'
import { saveDiffPreferences, type DiffPreferences } from './diffPreferences'

/**
 * The app around the open page: lists, settings, language, notices, and the page session with
 * the controllers that listen to it (suggestions, structure, history, search). Components
 * call these; the editor reports its events here.
 */
export class Workbench implements EditorEvents, WorkbenchHost {
  readonly store: Store<AppState>
  /** The export dialog's job, kept here so that it outlives the dialog. */
  readonly exports = new ExportRunner()
  /** The import dialog's job, likewise; also the one the desktop menu starts by path. */
  readonly imports = new ImportRunner()
  readonly session: PageSession
  readonly suggestions: SuggestionsController
  readonly structure: StructureController
  readonly history: HistoryController
  readonly finder: SearchController
  readonly fix: FixController
  t: Translate
  private editor: EditorPort | null = null

  constructor(locale: Locale) {
    this.store = new Store(initialState(locale))
    this.t = translator(locale)
    this.session = new PageSession(this)
    this.suggestions = new SuggestionsController(this, this.session)
    this.structure = new StructureController(this, this.session)
    this.history = new HistoryController(this, this.session)
    this.finder = new SearchController(this, this.session)
    this.fix = new FixController(this, this.session)
  }

  attach(port: EditorPort | null): void {
    this.editor = port
    port?.setInline(this.store.get().diff.inline)
  }

  /** What the working text is compared with, and the layout; remembered in this profile. */
  setDiff(patch: Partial<DiffPreferences>): void {
    const diff = { ...this.store.get().diff, ...patch }
    this.store.set({ diff })
    saveDiffPreferences(diff)
    this.editor?.setInline(diff.inline)
    if (patch.base) void this.history.showBase()
  }

  port(): EditorPort | null {
    return this.editor
  }

  // ---- app and lists

  async init(): Promise<void> {
    try {
      const info = await api.appInfo({})
      this.store.set({ mode: info.mode, database: info.database, recovery: info.recovery })
      // In recovery every other call is refused: the recovery screen is all there is.
      if (info.recovery) return
    } catch (error) {
      this.fail(error)
    }
    await Promise.all([this.refreshLists(), this.loadSettings()])
  }

  private async loadSettings(): Promise<void> {
    try {
      const settings = await api.getSettings({})
      this.store.set({ settings })
      // The store's choice wins over this browser's cached one (browser mode changes origin with its port).
      if (settings.locale && settings.locale !== this.store.get().locale) this.showLocale(settings.locale)
    } catch (error) {
      this.fail(error)
    }
  }

  /** Resolves to false when the store refused (the error is shown). */
  async updateSettings(patch: Partial<Settings>): Promise<boolean> {
    try {
      this.store.set({ settings: await api.updateSettings(patch) })
      return true
    } catch (error) {
      this.fail(error)
      return false
    }
  }

  /** Puts the backup the recovery screen names in place of the damaged database, then loads the workbench. */
  async restoreNewestBackup(): Promise<void> {
    const backup = this.store.get().recovery?.backup
    if (!backup) return
    try {
      const result = await api.restoreNewestBackup({ backup: backup.file })
      this.store.set({ recovery: null, restored: result.restored ? result : null, error: null })
    } catch (error) {
      this.fail(error)
    }
    // Either way, what appInfo says now decides the screen (a newer backup may have to be shown first).
    await this.init()
  }

  setLocale(locale: Locale): void {
    this.showLocale(locale)
    void this.updateSettings({ locale })
  }

  private showLocale(locale: Locale): void {
    saveLocale(locale)
    this.t = translator(locale)
    this.store.set({ locale })
    document.documentElement.lang = locale
    // The suggestions' messages are drawn in the editor in the UI's language.
    if (this.session.pageId !== null && this.editor) this.suggestions.show(this.store.get().suggestions)
  }

  async refreshLists(): Promise<void> {
    try {
      const [editions, pages] = await Promise.all([api.listEditions({}), api.listPages({})])
      this.store.set({ editions, pages })
    } catch (error) {
      this.fail(error)
    }
  }

  /**
   * The edition's title and issue date and its pages' labels as the editor corrected them; only
   * what changed is sent. Resolves to null when saved, else the store's reason, for the dialog to show.
   */
  async saveEditionMetadata(editionId: number, change: { title?: string; issueDate?: string | null }, labels: { pageId: number; label: string }[]): Promise<string | null> {
    try {
      if (change.title !== undefined || change.issueDate !== undefined) await api.setEditionMetadata({ editionId, ...change })
      // The open page's heading shows the new label at once.
      for (const l of labels) this.updatePageSummary(await api.setPageLabel(l))
      return null
    } catch (error) {
      return error instanceof Error ? error.message : String(error)
    } finally {
      await this.refreshLists()
    }
  }

  notify(key: MessageKey, params?: Record<string, string | number>): void {
    this.store.set({ notice: this.t(key, params) })
  }

  fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error)
    this.store.set({ error: this.t('error.generic', { message }) })
  }

  setPanel(panel: Panel): void {
    this.store.set({ panel })
    if (panel === 'history') void this.history.load()
  }

  // ---- pages

  openPage(pageId: number, reveal?: { offset: number; length?: number }): Promise<void> {
    return this.session.open(pageId, reveal)
  }

  /** The page the next/previous-page key would open, or null at either end. */
  neighbourPage(direction: 1 | -1): number | null {
    const { pages, pageId, editions } = this.store.get()
    const ordered = orderPages(editions, pages)
    const at = ordered.findIndex((p) => p.id === pageId)
    return at === -1 ? null : (ordered[at + direction]?.id ?? null)
  }

  async stepPage(direction: 1 | -1): Promise<void> {
    const { pages, pageId, editions } = this.store.get()
    const ordered = orderPages(editions, pages)
    const at = ordered.findIndex((p) => p.id === pageId)
    const next = ordered[at === -1 ? 0 : at + direction]
    if (!next) {
      this.notify(direction === 1 ? 'notice.lastPage' : 'notice.firstPage')
      return
    }
    await this.openPage(next.id)
  }

  updatePageSummary(summary: Partial<PageSummary> & { id: number }): void {
    // Opening a page reports its summary unchanged, mostly: then the 10,000-row list stays as it is.
    const known = this.store.get().pages.find((p) => p.id === summary.id)
    if (known && (Object.keys(summary) as (keyof PageSummary)[]).every((k) => Object.is(known[k], summary[k]))) return
    this.store.set((s) => ({
      pages: s.pages.map((p) => (p.id === summary.id ? { ...p, ...summary } : p)),
      page: s.page && s.page.id === summary.id ? { ...s.page, ...summary } : s.page
    }))
  }

  /** Saves everything now; the caller waits for the store to have it. */
  flush(): Promise<boolean> {
    return this.session.flush()
  }

  // ---- the editor's events

  onChange(changes: readonly TextChange[], byHistory: boolean): void {
    this.structure.onChange(changes, byHistory)
  }

  onCursorLine(line: number): void {
    this.structure.onCursorLine(line)
  }

  accept(id: number): void {
    this.suggestions.accept(id)
  }

  reject(id: number): void {
    this.suggestions.reject(id)
  }

  acceptRule(rule: string): void {
    this.suggestions.acceptRule(rule)
  }
}
