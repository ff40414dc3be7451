import type { SuggestionRecord } from '../../../shared/types'
import { api } from '../api/client'
import type { WorkbenchHost } from './host'
import type { PageSession } from './pageSession'

export interface SuggestionPlace {
  line: number
  before: string
  after: string
}

/** Characters of context shown either side of a suggestion in the panel. */
const CONTEXT = 8

/** The open page's suggestions: placed in the text, accepted or rejected from the editor, the panel or the keyboard. */
export class SuggestionsController {
  constructor(
    private readonly host: WorkbenchHost,
    private readonly session: PageSession
  ) {
    session.listen({
      opened: (detail) => this.show(detail.suggestions),
      saved: (result) => this.receive(result.suggestions)
    })
  }

  private get list(): SuggestionRecord[] {
    return this.host.store.get().suggestions
  }

  /** Places the list in the editor; the panel shows what could be placed. */
  show(list: readonly SuggestionRecord[]): void {
    const port = this.host.port()
    this.host.store.set({ suggestions: port ? port.setSuggestions(list) : [...list] })
  }

  /** A save's list: drawn again only when it is another list. */
  private receive(list: readonly SuggestionRecord[]): void {
    const current = this.list
    const same = list.length === current.length && list.every((s, i) => s.id === current[i]!.id)
    if (same || !this.host.port()) return
    this.show(list)
  }

  private drop(ids: readonly number[]): void {
    const gone = new Set(ids)
    this.show(this.list.filter((s) => !gone.has(s.id)))
    const pageId = this.session.pageId
    if (pageId !== null) this.host.updatePageSummary({ id: pageId, openSuggestions: this.list.length })
  }

  accept(id: number): void {
    this.acceptMany([id])
  }

  acceptRule(rule: string): void {
    this.acceptMany(this.list.filter((s) => s.rule === rule).map((s) => s.id))
  }

  acceptAtCursor(): void {
    const port = this.host.port()
    const id = port?.suggestionAt(port.cursorOffset()) ?? null
    if (id === null) this.host.notify('notice.noSuggestionHere')
    else this.accept(id)
  }

  /** Applies the edits in the editor (one undo step), then records the decisions. */
  acceptMany(ids: readonly number[]): void {
    const port = this.host.port()
    if (!port || ids.length === 0) return
    const byId = new Map(this.list.map((s) => [s.id, s]))
    const edits: Array<{ id: number; start: number; end: number; text: string }> = []
    let floor = -1
    const placed = ids
      .map((id) => ({ id, range: port.suggestionRange(id) }))
      .filter((x): x is { id: number; range: { start: number; end: number } } => x.range !== null)
      .sort((a, b) => a.range.start - b.range.start)
    for (const { id, range } of placed) {
      if (range.start < floor) continue
      edits.push({ id, start: range.start, end: range.end, text: byId.get(id)?.replacement ?? '' })
      floor = range.end
    }
    if (edits.length === 0) return
    port.applyEdits(edits)
    const decided = edits.map((e) => e.id)
    this.drop(decided)
    void this.decide(decided, 'accepted')
  }

  reject(id: number): void {
    this.rejectMany([id])
  }

  rejectRule(rule: string): void {
    this.rejectMany(this.list.filter((s) => s.rule === rule).map((s) => s.id))
  }

  rejectMany(ids: readonly number[]): void {
    if (ids.length === 0) return
    this.drop(ids)
    void this.decide(ids, 'rejected')
  }

  private decide(ids: readonly number[], decision: 'accepted' | 'rejected'): Promise<void> {
    return this.session
      .enqueue(async () => {
        if (ids.length === 1) await api.decideSuggestion({ suggestionId: ids[0]!, decision })
        else await api.decideSuggestions({ suggestionIds: [...ids], decision })
      })
      .catch((error: unknown) => this.host.fail(error))
  }

  /** Puts the cursor on the suggestion (selected) in the text. */
  reveal(id: number): void {
    const port = this.host.port()
    const range = port?.suggestionRange(id)
    if (!port || !range) return
    port.revealOffset(range.start, range.end - range.start)
  }

  /** Where each placed suggestion is now: its line (1-based) and the characters around it. */
  places(): Map<number, SuggestionPlace> {
    const port = this.host.port()
    const out = new Map<number, SuggestionPlace>()
    if (!port) return out
    const text = port.text()
    const lineStarts = [0]
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1)
    for (const s of this.list) {
      const range = port.suggestionRange(s.id)
      if (!range) continue
      let lo = 0
      let hi = lineStarts.length - 1
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1
        if (lineStarts[mid]! <= range.start) lo = mid
        else hi = mid - 1
      }
      const lineStart = lineStarts[lo]!
      const lineEnd = lo + 1 < lineStarts.length ? lineStarts[lo + 1]! - 1 : text.length
      out.set(s.id, {
        line: lo + 1,
        before: text.slice(Math.max(lineStart, range.start - CONTEXT), range.start),
        after: text.slice(range.end, Math.min(lineEnd, range.end + CONTEXT))
      })
    }
    return out
  }

  goto(direction: 1 | -1): void {
    this.host.port()?.gotoSuggestion(direction)
  }
}
