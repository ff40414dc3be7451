import { api } from '../api/client'
import type { WorkbenchHost } from './host'
import type { PageSession } from './pageSession'

/** The open page's revisions: listed while the history panel shows, compared, restored. */
export class HistoryController {
  constructor(
    private readonly host: WorkbenchHost,
    private readonly session: PageSession
  ) {
    session.listen({
      opened: () => {
        this.host.store.set({ revisions: [], comparing: null })
        if (this.shown()) void this.load()
        void this.showBase()
      },
      saved: () => {
        if (this.shown()) void this.load()
      }
    })
  }

  private shown(): boolean {
    return this.host.store.get().panel === 'history'
  }

  async load(): Promise<void> {
    const pageId = this.session.pageId
    if (pageId === null) return
    try {
      const revisions = await api.listRevisions({ pageId })
      if (this.session.pageId === pageId) this.host.store.set({ revisions })
    } catch (error) {
      this.host.fail(error)
    }
  }

  /**
   * The left side as the editor chose it: the original page, or the proposal (the revision the
   * import made, after the automatic fixes), so that only the editor's own changes show.
   */
  async showBase(): Promise<void> {
    const pageId = this.session.pageId
    const { diff, comparing } = this.host.store.get()
    if (pageId === null || comparing) return
    if (diff.base === 'original') {
      this.host.port()?.compareWith(null)
      return
    }
    try {
      const revisions = await api.listRevisions({ pageId })
      // Newest first: the newest revision Galley wrote (the analysis' proposal) before the editor's.
      const proposal = revisions.find((r) => r.author === 'galley')
      if (!proposal) return
      const revision = await api.getRevision({ revisionId: proposal.id })
      const now = this.host.store.get()
      if (this.session.pageId === pageId && !now.comparing && now.diff.base === 'proposal') this.host.port()?.compareWith(revision.text)
    } catch (error) {
      this.host.fail(error)
    }
  }

  async compare(revisionId: number | null): Promise<void> {
    if (revisionId === null) {
      this.host.store.set({ comparing: null })
      await this.showBase()
      return
    }
    try {
      const revision = await api.getRevision({ revisionId })
      this.host.port()?.compareWith(revision.text)
      this.host.store.set({ comparing: { id: revision.id, createdAt: revision.createdAt } })
    } catch (error) {
      this.host.fail(error)
    }
  }

  async restore(revisionId: number): Promise<void> {
    const pageId = this.session.pageId
    if (pageId === null) return
    if (!(await this.session.flush())) return
    try {
      const baseRevisionId = this.session.revisionId!
      const restored = await this.session.enqueue(() => api.restoreRevision({ pageId, revisionId, baseRevisionId }))
      await this.session.reopen()
      if (restored.articlesReset > 0) this.host.notify('history.restoredReset', { id: revisionId, count: restored.articlesReset })
      else this.host.notify('history.restored', { id: revisionId })
      void this.host.refreshLists()
    } catch (error) {
      this.host.fail(error)
    }
  }
}
