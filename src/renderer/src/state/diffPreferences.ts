// How the editor likes the diff, in this browser profile: what the working text is compared
// with (the original page, or the proposal after the automatic fixes, where only the editor's
// own changes show), and side by side or inline (the working text takes the whole width).

export type DiffBase = 'original' | 'proposal'

export interface DiffPreferences {
  base: DiffBase
  inline: boolean
}

const STORAGE_KEY = 'galley-diff'

export function loadDiffPreferences(storage: Pick<Storage, 'getItem'> | null = safeStorage()): DiffPreferences {
  try {
    const raw = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null') as Partial<DiffPreferences> | null
    return { base: raw?.base === 'proposal' ? 'proposal' : 'original', inline: raw?.inline === true }
  } catch {
    return { base: 'original', inline: false }
  }
}

export function saveDiffPreferences(prefs: DiffPreferences, storage: Pick<Storage, 'setItem'> | null = safeStorage()): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(prefs))
  } catch {
    // not kept: the choice holds for this session
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}
