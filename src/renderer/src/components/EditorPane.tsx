import { useEffect, useLayoutEffect, useRef } from 'react'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import { WorkbenchEditor } from '../monaco/workbenchEditor'

/** The diff editor: original on the left (read-only), working text on the right. */
export function EditorPane(): React.JSX.Element {
  const wb = useWorkbench()
  const t = useT()
  const host = useRef<HTMLDivElement>(null)
  const pageId = useApp((s) => s.pageId)
  const editor = useRef<WorkbenchEditor | null>(null)

  useEffect(() => {
    const instance = new WorkbenchEditor(host.current!, wb, () => wb.t)
    editor.current = instance
    wb.attach(instance)
    // Read-only window onto the working text for the UI tests (Monaco renders only visible lines).
    ;(window as unknown as { galleyDebug?: object }).galleyDebug = { workingText: () => instance.text(), cursorOffset: () => instance.cursorOffset() }
    return () => {
      wb.attach(null)
      instance.dispose()
      editor.current = null
    }
  }, [wb])

  const open = pageId !== null
  useLayoutEffect(() => {
    if (open) editor.current?.shown()
  }, [open])

  return (
    <div className="editor-pane">
      <div className={pageId === null ? 'editor-heads hidden' : 'editor-heads'}>
        <span>{t('editor.original')}</span>
        <span>{t('editor.working')}</span>
      </div>
      <div className={pageId === null ? 'editor-host hidden' : 'editor-host'} ref={host} data-testid="diff-editor" />
      {pageId === null && <p className="empty editor-empty">{t('toolbar.noPage')}</p>}
    </div>
  )
}
