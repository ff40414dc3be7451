import { useEffect, useLayoutEffect, useRef } from 'react'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import { WorkbenchEditor } from '../monaco/workbenchEditor'

/** The diff editor: original on the left (read-only), working text on the right. */
export function EditorPane(): React.JSX.Element {
  const wb = useWorkbench()
  const t = useT()
  const host = useRef<HTMLDivElement>(null)
  const pageId = useApp((s) => s.pageId)
  const diff = useApp((s) => s.diff)
  const editor = useRef<WorkbenchEditor | null>(null)

  useEffect(() => {
    const instance = new WorkbenchEditor(host.current!, wb, () => wb.t)
    editor.current = instance
    wb.attach(instance)
    // Read-only window onto the working text for the UI tests (Monaco renders only visible lines).
    ;(window as unknown as { galleyDebug?: object }).galleyDebug = { workingText: () => instance.text(), cursorOffset: () => instance.cursorOffset(), selectedLines: () => instance.selectedLines() }
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
      <div className={`editor-heads${pageId === null ? ' hidden' : ''}${diff.inline ? ' inline' : ''}`}>
        <span className="diff-controls">
          <label>
            {t('diff.base')}{' '}
            <select data-testid="diff-base" value={diff.base} onChange={(e) => wb.setDiff({ base: e.target.value === 'proposal' ? 'proposal' : 'original' })}>
              <option value="original">{t('diff.base.original')}</option>
              <option value="proposal">{t('diff.base.proposal')}</option>
            </select>
          </label>
          <button data-testid="diff-inline" aria-pressed={diff.inline} onClick={() => wb.setDiff({ inline: !diff.inline })}>
            {diff.inline ? t('diff.sideBySide') : t('diff.inline')}
          </button>
        </span>
        {!diff.inline && <span>{t('editor.working')}</span>}
      </div>
      <div className={pageId === null ? 'editor-host hidden' : 'editor-host'} ref={host} data-testid="diff-editor" />
      {pageId === null && <p className="empty editor-empty">{t('toolbar.noPage')}</p>}
    </div>
  )
}
