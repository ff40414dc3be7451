import { useEffect } from 'react'
import { matchShortcut, type ShortcutAction } from '../state/shortcuts'
import type { Workbench } from '../state/workbench'
import type { LineRole } from '../../../shared/lineRoles'

const isMac = /Mac|iPhone|iPad/.test(navigator.platform)

/** Focus is "in the text" in the editor and in form fields: single-key shortcuts must not fire there. */
function focusInText(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || !el.closest) return false
  return !!el.closest('input, textarea, select, [contenteditable="true"], .monaco-editor')
}

function inFormField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el?.closest) return false
  if (el.closest('.monaco-editor .find-widget')) return true
  return !!el.closest('input, textarea, select, [contenteditable="true"]') && !el.closest('.monaco-editor')
}

export function runAction(wb: Workbench, action: ShortcutAction): void {
  const state = wb.store.get()
  switch (action) {
    case 'nextPage':
      return void wb.stepPage(1)
    case 'previousPage':
      return void wb.stepPage(-1)
    case 'nextSuggestion':
      return wb.suggestions.goto(1)
    case 'previousSuggestion':
      return wb.suggestions.goto(-1)
    case 'acceptSuggestion':
      return wb.suggestions.acceptAtCursor()
    case 'approveArticle':
      return void wb.structure.setStatus(undefined, 'approved')
    case 'rejectArticle':
      return void wb.structure.setStatus(undefined, 'rejected')
    case 'approvePage':
      return void wb.structure.approvePage()
    case 'splitArticle':
      return void wb.structure.split()
    case 'mergeArticle':
      return void wb.structure.merge()
    case 'cycleKind':
      return void wb.structure.cycleKind()
    case 'editTitle':
      return wb.structure.editTitle()
    case 'history':
      return wb.setPanel(state.panel === 'history' ? 'articles' : 'history')
    case 'search':
      document.getElementById('galley-search')?.focus()
      return
    case 'shortcuts':
      return wb.store.set({ dialog: state.dialog === 'shortcuts' ? null : 'shortcuts' })
    case 'importFiles':
      return wb.store.set({ dialog: 'import' })
    case 'export':
      return wb.store.set({ dialog: 'export' })
    case 'saveNow':
      return void wb.flush()
    case 'fixEverywhere':
      return wb.fix.open()
    case 'undo':
      return void wb.structure.undo()
    case 'redo':
      return void wb.structure.redo()
    case 'nextRole':
      return void wb.structure.cycleRole(1)
    case 'previousRole':
      return void wb.structure.cycleRole(-1)
    default:
      return void wb.structure.setRole(action.slice('role.'.length) as LineRole)
  }
}

/** One key handler for the window, ahead of Monaco (capture phase). */
export function useShortcuts(wb: Workbench): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.isComposing) return
      const dialog = wb.store.get().dialog
      if (event.key === 'Escape' && dialog) {
        wb.store.set({ dialog: null })
        event.preventDefault()
        return
      }
      const action = matchShortcut(event, focusInText(event.target), isMac)
      if (!action) return
      // A form field (a title being typed, the search box) keeps its own undo.
      if ((action === 'undo' || action === 'redo') && inFormField(event.target)) return
      if (dialog && action !== 'shortcuts') return
      event.preventDefault()
      event.stopPropagation()
      runAction(wb, action)
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [wb])
}
