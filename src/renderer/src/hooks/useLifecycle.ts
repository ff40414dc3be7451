import { useEffect } from 'react'
import type { Workbench } from '../state/workbench'

/** Never lose work: save when the tab is hidden, the page is left or the window closes; follow the desktop menu. */
export function useLifecycle(wb: Workbench): void {
  useEffect(() => {
    const flush = (): void => wb.session.flushForUnload()
    // Back in front: another window may have saved the open page meanwhile.
    const check = (): void => void wb.session.checkFresh()
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') flush()
      else check()
    }
    document.addEventListener('visibilitychange', onVisibility)
    window.addEventListener('focus', check)
    window.addEventListener('pagehide', flush)
    window.addEventListener('beforeunload', flush)
    return () => {
      window.removeEventListener('focus', check)
      document.removeEventListener('visibilitychange', onVisibility)
      window.removeEventListener('pagehide', flush)
      window.removeEventListener('beforeunload', flush)
    }
  }, [wb])

  useEffect(() => {
    const shell = window.galleyShell
    if (!shell) return
    return shell.onMenu((action) => {
      switch (action) {
        case 'import-started':
          // The menu's import by path runs as a job: the import dialog follows it.
          wb.store.set({ dialog: 'import' })
          return void wb.imports.followLatest()
        case 'settings':
          return wb.store.set({ dialog: 'settings' })
        case 'export':
          return wb.store.set({ dialog: 'export' })
        case 'shortcuts':
          return wb.store.set({ dialog: 'shortcuts' })
        case 'find':
          document.getElementById('galley-search')?.focus()
          return
        case 'next-page':
          return void wb.stepPage(1)
        case 'previous-page':
          return void wb.stepPage(-1)
      }
    })
  }, [wb])
}
