import type { SearchHit } from '../../../shared/types'
import { api } from '../api/client'
import type { WorkbenchHost } from './host'
import type { PageSession } from './pageSession'

/** Search over the store's saved text, and opening what it found. */
export class SearchController {
  private ticket = 0

  constructor(
    private readonly host: WorkbenchHost,
    private readonly session: PageSession
  ) {}

  async search(query: string): Promise<void> {
    const ticket = ++this.ticket
    this.host.store.set({ searchQuery: query })
    const q = query.trim()
    if (!q) {
      this.host.store.set({ searchHits: null })
      return
    }
    try {
      // The store indexes saved text: what was just typed must be in it.
      await this.session.flush()
      const hits = await api.search({ query: q, limit: 200 })
      if (ticket === this.ticket) this.host.store.set({ searchHits: hits })
    } catch (error) {
      this.host.fail(error)
    }
  }

  openHit(hit: SearchHit): void {
    void this.session.open(hit.pageId, { offset: hit.offset, length: hit.matchLength })
  }
}
