// The keyboard map of the workbench, as data: the sheet on `?` and the key handler read the
// same table, so what the sheet shows is what the keys do.
import { LINE_ROLES, type LineRole } from '../../../shared/lineRoles'

export type ShortcutAction =
  | 'nextPage'
  | 'previousPage'
  | 'nextSuggestion'
  | 'previousSuggestion'
  | 'acceptSuggestion'
  | 'approveArticle'
  | 'rejectArticle'
  | 'approvePage'
  | 'splitArticle'
  | 'mergeArticle'
  | 'cycleKind'
  | 'editTitle'
  | 'history'
  | 'search'
  | 'shortcuts'
  | 'importFiles'
  | 'export'
  | 'saveNow'
  | 'fixEverywhere'
  | 'undo'
  | 'redo'
  | 'nextRole'
  | 'previousRole'
  | `role.${LineRole}`

export type ShortcutGroup = 'pages' | 'suggestions' | 'articles' | 'roles' | 'general'

export interface Shortcut {
  action: ShortcutAction
  group: ShortcutGroup
  /** KeyboardEvent.code for letters and digits (layout- and Option-proof), else KeyboardEvent.key. */
  code?: string
  key?: string
  mod?: boolean
  alt?: boolean
  shift?: boolean
  /** False: only when focus is not in the text (single keys that would otherwise type). */
  inText: boolean
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'nextPage', group: 'pages', key: 'PageDown', alt: true, inText: true },
  { action: 'previousPage', group: 'pages', key: 'PageUp', alt: true, inText: true },
  { action: 'approvePage', group: 'pages', code: 'KeyA', alt: true, shift: true, inText: true },
  { action: 'search', group: 'pages', code: 'KeyF', mod: true, shift: true, inText: true },
  { action: 'search', group: 'pages', key: '/', inText: false },
  { action: 'nextSuggestion', group: 'suggestions', key: 'F8', inText: true },
  { action: 'previousSuggestion', group: 'suggestions', key: 'F8', shift: true, inText: true },
  { action: 'acceptSuggestion', group: 'suggestions', key: 'Enter', alt: true, inText: true },
  { action: 'fixEverywhere', group: 'suggestions', code: 'KeyH', mod: true, shift: true, inText: true },
  { action: 'approveArticle', group: 'articles', code: 'KeyA', alt: true, inText: true },
  { action: 'rejectArticle', group: 'articles', code: 'KeyX', alt: true, inText: true },
  { action: 'splitArticle', group: 'articles', code: 'KeyS', alt: true, inText: true },
  { action: 'mergeArticle', group: 'articles', code: 'KeyM', alt: true, inText: true },
  { action: 'cycleKind', group: 'articles', code: 'KeyK', alt: true, inText: true },
  { action: 'editTitle', group: 'articles', key: 'F2', inText: true },
  // Line roles: Alt+1 … Alt+9, Alt+0 in LINE_ROLES' order; Alt+L walks on through them, Alt+Shift+L back.
  ...LINE_ROLES.map((role, i): Shortcut => ({ action: `role.${role}`, group: 'roles', code: `Digit${(i + 1) % 10}`, alt: true, inText: true })),
  { action: 'nextRole', group: 'roles', code: 'KeyL', alt: true, inText: true },
  { action: 'previousRole', group: 'roles', code: 'KeyL', alt: true, shift: true, inText: true },
  { action: 'history', group: 'general', code: 'KeyR', alt: true, inText: true },
  { action: 'saveNow', group: 'general', code: 'KeyS', mod: true, inText: true },
  // One history for the text and the structure (undoHistory.ts), so Monaco's own keys are taken here.
  { action: 'undo', group: 'general', code: 'KeyZ', mod: true, inText: true },
  { action: 'redo', group: 'general', code: 'KeyZ', mod: true, shift: true, inText: true },
  { action: 'redo', group: 'general', code: 'KeyY', mod: true, inText: true },
  { action: 'importFiles', group: 'general', code: 'KeyO', mod: true, inText: true },
  // The desktop menu's File › Export… has the same accelerator.
  { action: 'export', group: 'general', code: 'KeyE', mod: true, inText: true },
  { action: 'shortcuts', group: 'general', key: '?', inText: false },
  { action: 'shortcuts', group: 'general', key: 'F1', inText: true }
]

/** Keys Monaco handles itself; listed on the sheet, not matched here. */
export const EDITOR_KEYS: ReadonlyArray<{ keys: string; label: 'quickFix' | 'find' }> = [
  { keys: 'Ctrl+.', label: 'quickFix' },
  { keys: 'Ctrl+F', label: 'find' }
]

export interface KeyLike {
  key: string
  code: string
  ctrlKey: boolean
  altKey: boolean
  shiftKey: boolean
  metaKey: boolean
}

/** `?` is Shift+/ on most layouts: for printable keys the key itself says whether Shift was down. */
const shiftIsInKey = (key: string): boolean => key.length === 1

export function matchShortcut(event: KeyLike, inText: boolean, isMac = false): ShortcutAction | null {
  const mod = isMac ? event.metaKey : event.ctrlKey
  const otherCtrl = isMac ? event.ctrlKey : event.metaKey
  if (otherCtrl) return null
  for (const s of SHORTCUTS) {
    if (!s.inText && inText) continue
    if (s.code !== undefined ? s.code !== event.code : s.key !== event.key) continue
    if (!!s.mod !== mod || !!s.alt !== event.altKey) continue
    if (!(s.key !== undefined && shiftIsInKey(s.key)) && !!s.shift !== event.shiftKey) continue
    return s.action
  }
  return null
}

/** How a shortcut is written on the sheet. */
export function describeShortcut(s: Shortcut, isMac = false): string {
  const parts: string[] = []
  if (s.mod) parts.push(isMac ? '⌘' : 'Ctrl')
  if (s.alt) parts.push(isMac ? '⌥' : 'Alt')
  if (s.shift) parts.push(isMac ? '⇧' : 'Shift')
  parts.push(s.code ? s.code.replace(/^(Key|Digit)/, '') : s.key === ' ' ? 'Space' : s.key!)
  return parts.join('+')
}
