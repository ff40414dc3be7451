import { useEffect } from 'react'
import { droppedFiles, offerDropped } from '../importing/dropped'
import type { Workbench } from '../state/workbench'

/** Files and folders dropped anywhere on the window open the import dialog, which imports them at once. */
export function useDropImport(wb: Workbench): void {
  useEffect(() => {
    const carriesFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') ?? false
    const over = (e: DragEvent): void => {
      if (!carriesFiles(e)) return
      // without this the browser opens the dropped file in place of the app
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const drop = (e: DragEvent): void => {
      if (!carriesFiles(e) || !e.dataTransfer) return
      e.preventDefault()
      // an editor drop of text stays Monaco's; only files come here
      const state = wb.store.get()
      if (state.recovery) return
      droppedFiles(e.dataTransfer).then(
        (files) => {
          if (files.length === 0) return
          offerDropped(files)
          if (wb.store.get().dialog !== 'import') wb.store.set({ dialog: 'import' })
        },
        (error: unknown) => wb.fail(error)
      )
    }
    window.addEventListener('dragover', over)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragover', over)
      window.removeEventListener('drop', drop)
    }
  }, [wb])
}
