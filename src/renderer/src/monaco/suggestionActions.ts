import type { editor, IDisposable, languages } from 'monaco-editor/esm/vs/editor/editor.api'
import type { SuggestionRecord } from '../../../shared/types'
import type { EditorEvents } from '../state/editorPort'
import { ruleLabel, type Translate } from '../i18n'
import { monaco } from './setup'

export interface SuggestionSource {
  isWorkingModel(model: editor.ITextModel): boolean
  suggestionsIn(startOffset: number, endOffset: number): SuggestionRecord[]
  countOfRule(rule: string): number
  translate(): Translate
  actions(): Pick<EditorEvents, 'accept' | 'reject' | 'acceptRule'>
}

const ACCEPT = 'galley.suggestion.accept'
const REJECT = 'galley.suggestion.reject'
const ACCEPT_RULE = 'galley.suggestion.acceptRule'

/** Quick fixes (Ctrl+.) on every suggestion marker: accept, accept all of its kind, reject. */
export function registerSuggestionActions(source: SuggestionSource): IDisposable {
  const disposables: IDisposable[] = [
    monaco.editor.registerCommand(ACCEPT, (_accessor, id: number) => source.actions().accept(id)),
    monaco.editor.registerCommand(REJECT, (_accessor, id: number) => source.actions().reject(id)),
    monaco.editor.registerCommand(ACCEPT_RULE, (_accessor, rule: string) => source.actions().acceptRule(rule)),
    monaco.languages.registerCodeActionProvider('plaintext', {
      provideCodeActions(model, range, context): languages.CodeActionList {
        if (!source.isWorkingModel(model)) return { actions: [], dispose: () => undefined }
        const t = source.translate()
        const start = model.getOffsetAt(range.getStartPosition())
        const end = model.getOffsetAt(range.getEndPosition())
        const diagnostics = context.markers.filter((m) => m.source === 'Galley')
        const actions: languages.CodeAction[] = []
        const rules = new Set<string>()
        for (const s of source.suggestionsIn(start, end)) {
          const title = t('suggestions.fix', { original: s.original, replacement: s.replacement })
          actions.push({ title, kind: 'quickfix', isPreferred: actions.length === 0, diagnostics, command: { id: ACCEPT, title, arguments: [s.id] } })
          const rejectTitle = t('suggestions.rejectOne')
          actions.push({ title: rejectTitle, kind: 'quickfix', diagnostics, command: { id: REJECT, title: rejectTitle, arguments: [s.id] } })
          const count = source.countOfRule(s.rule)
          if (count > 1 && !rules.has(s.rule)) {
            rules.add(s.rule)
            const allTitle = t('suggestions.fixAll', { rule: ruleLabel(t, s.rule), count })
            actions.push({ title: allTitle, kind: 'quickfix', diagnostics, command: { id: ACCEPT_RULE, title: allTitle, arguments: [s.rule] } })
          }
        }
        return { actions, dispose: () => undefined }
      }
    })
  ]
  return { dispose: () => disposables.forEach((d) => d.dispose()) }
}
