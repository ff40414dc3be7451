import { createContext, useContext } from 'react'
import type { AppState } from '../state/appState'
import { useSlice } from '../state/store'
import type { Workbench } from '../state/workbench'
import { translator, type Translate } from '../i18n'

export const WorkbenchContext = createContext<Workbench | null>(null)

export function useWorkbench(): Workbench {
  const wb = useContext(WorkbenchContext)
  if (!wb) throw new Error('useWorkbench outside WorkbenchContext')
  return wb
}

export function useApp<S>(select: (state: AppState) => S): S {
  return useSlice(useWorkbench().store, select)
}

const translators = new Map<string, Translate>()

/** The translate function of the current locale; components re-render when it changes. */
export function useT(): Translate {
  const locale = useApp((s) => s.locale)
  let t = translators.get(locale)
  if (!t) {
    t = translator(locale)
    translators.set(locale, t)
  }
  return t
}
