import { changedSpan } from '../../../shared/changedSpan'
import type { FixBatchEntry, Occurrence } from '../../../shared/api'
import { api } from '../api/client'
import type { WorkbenchHost } from './host'
import type { PageSession } from './pageSession'

export type FixScope = 'page' | 'edition' | 'all'

export interface FixState {
  pattern: string
  replacement: string
  scope: FixScope
  occurrences: Occurrence[]
  /** Parallel to occurrences: the ones to fix. */
  chosen: boolean[]
  truncated: boolean
  /** The pattern the occurrences were found for. */
  searched: string | null
}

export interface LastFix {
  batch: FixBatchEntry[]
  occurrences: number
  pattern: string
  replacement: string
}

/**
 * Fix one error everywhere: the concordance of a pattern (from the selection or the suggestion
 * at the cursor), the occurrences the editor keeps, applied one revision a page, undone as one.
 */
export class FixController {
  /** The last few characters the editor replaced by hand on the open page, as pattern → fix. */
  private typed: { pattern: string; replacement: string } | null = null
  private savedText: string | null = null

  constructor(
    private readonly host: WorkbenchHost,
    private readonly session: PageSession
  ) {
    session.listen({
      opened: (detail) => {
        this.typed = null
        this.savedText = detail.revision.text
      },
      saved: () => {
        const text = this.host.port()?.text() ?? null
        if (this.savedText !== null && text !== null) this.typed = typedFix(this.savedText, text) ?? this.typed
        this.savedText = text
      }
    })
  }

  private get state(): FixState | null {
    return this.host.store.get().fix
  }

  private update(patch: Partial<FixState>): void {
    const now = this.state
    if (now) this.host.store.set({ fix: { ...now, ...patch } })
  }

  /** Opens the concordance on the selection, else the suggestion under the cursor, else empty. */
  open(): void {
    const port = this.host.port()
    const selected = port?.selectedText() ?? ''
    let pattern = ''
    let replacement = ''
    if (selected && !selected.includes('\n') && selected.length <= 50) {
      pattern = selected
      replacement = selected
    } else if (port) {
      const id = port.suggestionAt(port.cursorOffset())
      const s = this.host.store.get().suggestions.find((x) => x.id === id)
      if (s && s.original) {
        pattern = s.original
        replacement = s.replacement
      } else if (this.typed) {
        // A correction just typed: where else is the same error?
        pattern = this.typed.pattern
        replacement = this.typed.replacement
      }
    }
    this.host.store.set({ dialog: 'concordance', fix: { pattern, replacement, scope: 'edition', occurrences: [], chosen: [], truncated: false, searched: null } })
    if (pattern) void this.search()
  }

  edit(patch: Partial<Pick<FixState, 'pattern' | 'replacement' | 'scope'>>): void {
    this.update(patch)
    if (patch.scope) void this.search()
  }

  async search(): Promise<void> {
    const fix = this.state
    const page = this.host.store.get().page
    if (!fix || !fix.pattern) return
    // Pending typing first: the concordance reads the stored texts.
    await this.session.flush()
    const id = fix.scope === 'page' ? page?.id : fix.scope === 'edition' ? page?.editionId : undefined
    if (fix.scope !== 'all' && id === undefined) return
    try {
      const found = await api.findOccurrences({ pattern: fix.pattern, scope: fix.scope, ...(id === undefined ? {} : { id }) })
      if (this.state?.pattern !== fix.pattern) return
      this.update({ occurrences: found.occurrences, chosen: found.occurrences.map(() => true), truncated: found.truncated, searched: fix.pattern })
    } catch (error) {
      this.host.fail(error)
    }
  }

  toggle(index: number, value?: boolean): void {
    const fix = this.state
    if (!fix || index < 0 || index >= fix.chosen.length) return
    const chosen = [...fix.chosen]
    chosen[index] = value ?? !chosen[index]
    this.update({ chosen })
  }

  toggleAll(value: boolean): void {
    const fix = this.state
    if (fix) this.update({ chosen: fix.chosen.map(() => value) })
  }

  async apply(): Promise<void> {
    const fix = this.state
    if (!fix || fix.searched !== fix.pattern || fix.pattern === fix.replacement) return
    const occurrences = fix.occurrences.filter((_, i) => fix.chosen[i]).map((o) => ({ pageId: o.pageId, revisionId: o.revisionId, start: o.start }))
    if (occurrences.length === 0) return
    if (!(await this.session.flush())) return
    try {
      const result = await this.session.enqueue(() => api.applyFix({ pattern: fix.pattern, replacement: fix.replacement, occurrences }))
      this.host.store.set({ dialog: null, fix: null, lastFix: { batch: result.batch, occurrences: result.occurrences, pattern: fix.pattern, replacement: fix.replacement } })
      await this.afterChange(result.batch)
      if (result.skipped > 0) this.host.notify('fix.skipped', { count: result.skipped })
    } catch (error) {
      this.host.fail(error)
    }
  }

  async undo(): Promise<void> {
    const last = this.host.store.get().lastFix
    if (!last) return
    if (!(await this.session.flush())) return
    try {
      const result = await this.session.enqueue(() => api.undoFix({ batch: last.batch }))
      this.host.store.set({ lastFix: null })
      await this.afterChange(last.batch)
      this.host.notify(result.skipped > 0 ? 'fix.undonePartly' : 'fix.undone', { count: result.restored, skipped: result.skipped })
    } catch (error) {
      this.host.fail(error)
    }
  }

  /** The open page shows what the store holds now when the batch touched it. */
  private async afterChange(batch: readonly FixBatchEntry[]): Promise<void> {
    if (batch.some((b) => b.pageId === this.session.pageId)) await this.session.reopen()
    void this.host.refreshLists()
  }
}

/** A replacement of one to four characters between two texts (a correction typed), else null. */
export function typedFix(before: string, after: string): { pattern: string; replacement: string } | null {
  const { start, endBefore, endAfter } = changedSpan(before, after)
  const pattern = before.slice(start, endBefore)
  const replacement = after.slice(start, endAfter)
  if (!pattern || !replacement || pattern.length > 4 || replacement.length > 4 || /\s/.test(pattern + replacement)) return null
  // One character alone finds too much (态 → 志): with the next one (or the one before), 态愿 → 志愿;
  // the editor can still widen or narrow the pattern in the concordance.
  let from = start
  let to = endBefore
  if (to - from < 2 && to < before.length && HAN.test(before[to]!)) to++
  else if (to - from < 2 && from > 0 && HAN.test(before[from - 1]!)) from--
  return { pattern: before.slice(from, to), replacement: before.slice(from, start) + replacement + before.slice(endBefore, to) }
}

const HAN = /\p{Script=Han}/u
