import type { MenuItemConstructorOptions } from 'electron'
import type { MenuAction } from '../shared/methodNames'

export interface MenuHandlers {
  importFiles: () => void
  importFolder: () => void
  send: (action: MenuAction) => void
  isMac: boolean
}

/** The menus an editor expects; page actions go to the renderer, which owns the workflow. */
export function menuTemplate(h: MenuHandlers): MenuItemConstructorOptions[] {
  return [
    ...(h.isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+O', click: h.importFiles },
        { label: 'Import Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: h.importFolder },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => h.send('export') },
        { type: 'separator' },
        { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => h.send('settings') },
        { type: 'separator' },
        h.isMac ? { role: 'close' } : { role: 'quit' }
      ]
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Find in Archive', accelerator: 'CmdOrCtrl+Shift+F', click: () => h.send('find') },
        { label: 'Next Page', accelerator: 'Alt+PageDown', click: () => h.send('next-page') },
        { label: 'Previous Page', accelerator: 'Alt+PageUp', click: () => h.send('previous-page') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' }
      ]
    },
    {
      role: 'help',
      submenu: [{ label: 'Keyboard Shortcuts', accelerator: 'F1', click: () => h.send('shortcuts') }]
    }
  ]
}
