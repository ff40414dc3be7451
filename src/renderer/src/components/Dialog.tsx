import { useEffect, useRef } from 'react'

/** A modal with a title; Escape is handled by the window key handler. */
export function Dialog({ title, onClose, children, wide }: { title: string; onClose: (() => void) | undefined; children: React.ReactNode; wide?: boolean }): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    box.current?.focus()
    return () => previous?.focus?.()
  }, [])
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose?.()}>
      <div className={wide ? 'dialog wide' : 'dialog'} role="dialog" aria-modal="true" aria-label={title} tabIndex={-1} ref={box}>
        <header>
          <h2>{title}</h2>
          {onClose && (
            <button className="close" onClick={onClose} aria-label="×">
              ×
            </button>
          )}
        </header>
        {children}
      </div>
    </div>
  )
}
