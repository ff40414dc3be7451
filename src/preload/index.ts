import { contextBridge, ipcRenderer } from 'electron'
import { API_METHOD_NAMES, IPC_PREFIX, MENU_CHANNEL, type MenuAction } from '../shared/methodNames'

// The renderer gets one named function a method and nothing else of Electron.
const api: Record<string, (args: unknown) => Promise<unknown>> = {}
for (const method of API_METHOD_NAMES) {
  api[method] = (args: unknown) => ipcRenderer.invoke(IPC_PREFIX + method, args)
}

contextBridge.exposeInMainWorld('galley', Object.freeze(api))
contextBridge.exposeInMainWorld(
  'galleyShell',
  Object.freeze({
    onMenu: (listener: (action: MenuAction) => void): (() => void) => {
      const wrapped = (_event: unknown, action: MenuAction): void => listener(action)
      ipcRenderer.on(MENU_CHANNEL, wrapped)
      return () => ipcRenderer.removeListener(MENU_CHANNEL, wrapped)
    }
  })
)
