import type { PageSummary } from '../../../shared/types'
import type { MessageKey } from '../i18n'
import type { AppState } from './appState'
import type { EditorPort } from './editorPort'
import type { Store } from './store'

/** What the page session and its controllers share: the app's state, the editor, and how to tell the editor something. */
export interface WorkbenchHost {
  readonly store: Store<AppState>
  port(): EditorPort | null
  notify(key: MessageKey, params?: Record<string, string | number>): void
  fail(error: unknown): void
  /** Merges what is known of a page into the sidebar's row and the open page. */
  updatePageSummary(summary: Partial<PageSummary> & { id: number }): void
  refreshLists(): Promise<void>
}
