/**
 * Monaco cancels its own pending work (hover, word highlight, view-state restore) when the model
 * changes or the editor is disposed, and some of those paths reject a promise nobody awaits with
 * `Canceled: Canceled` (microsoft/monaco-editor#4702, #4904, #5135). Monaco's own error filter
 * treats that as harmless; the browser reports it as an unhandled rejection, which would hide real
 * faults among noise. Only that exact signature is swallowed: every other error still surfaces.
 */
export function isMonacoCancellation(reason: unknown): boolean {
  return (
    typeof reason === 'object' &&
    reason !== null &&
    (reason as { name?: unknown }).name === 'Canceled' &&
    (reason as { message?: unknown }).message === 'Canceled'
  )
}

let installed = false

export function suppressMonacoCancellations(target: Window = window): void {
  if (installed) return
  installed = true
  target.addEventListener('unhandledrejection', (event) => {
    if (isMonacoCancellation(event.reason)) event.preventDefault()
  })
  target.addEventListener(
    'error',
    (event) => {
      if (isMonacoCancellation(event.error)) {
        event.preventDefault()
        event.stopImmediatePropagation()
      }
    },
    true
  )
}
