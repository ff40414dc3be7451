import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron'
import fs from 'node:fs'
import path from 'node:path'
import { dispatch } from '../core/services'
import { openAppSession, type AppSession } from '../core/services/session'
import { API_METHOD_NAMES, IPC_PREFIX, MENU_CHANNEL, type MenuAction } from '../shared/methodNames'
import { menuTemplate } from './menu'
import { lockDown, lockDownContents } from './security'
import { windowOptions } from './windowOptions'
import { APP_INDEX, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler, isAppUrl as isAppUrlOf } from './appProtocol'

// The desktop shell: a window, menus and IPC over core. Everything else lives in core.

if (!app.requestSingleInstanceLock()) app.quit()
// Before ready: app:// is a secure standard scheme (see appProtocol.ts).
protocol.registerSchemesAsPrivileged(APP_SCHEME_PRIVILEGES)

let window: BrowserWindow | null = null
let appSession: AppSession | null = null

const rendererUrl = process.env.ELECTRON_RENDERER_URL
const isAppUrl = (url: string): boolean => isAppUrlOf(url, rendererUrl)

function nativeBinding(): string | undefined {
  // Built by scripts/electron-native.mjs for Electron's ABI; node_modules keeps Node's for the tests.
  const file = path.join(app.getAppPath(), '.cache', 'electron-native', 'better_sqlite3.node')
  return fs.existsSync(file) ? file : undefined
}

function send(action: MenuAction): void {
  window?.webContents.send(MENU_CHANNEL, action)
}

async function importFromDialog(folder: boolean): Promise<void> {
  if (!window || !appSession) return
  const result = await dialog.showOpenDialog(window, {
    title: folder ? 'Import a folder of pages' : 'Import pages',
    properties: folder ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
    filters: folder ? [] : [{ name: 'Page text', extensions: ['txt'] }]
  })
  if (result.canceled || result.filePaths.length === 0) return
  // A job like the window's uploads, on workers: the window shows its progress and may cancel it.
  try {
    if (appSession.startImportFromPaths(result.filePaths)) send('import-started')
  } catch (error) {
    // Refused before it started (imports already under way): said, nothing written.
    void dialog.showMessageBox(window, { type: 'warning', message: (error as Error).message })
  }
}

app.whenReady().then(() => {
  protocol.handle(APP_SCHEME, appProtocolHandler(path.join(__dirname, '../renderer')))
  const databasePath = path.join(app.getPath('userData'), 'galley.db')
  const binding = nativeBinding()
  // A damaged database opens the app in recovery, as in browser mode: the window explains and
  // offers the newest good backup, and only the editor's choice puts it in place.
  appSession = openAppSession({
    databasePath,
    mode: 'desktop',
    open: binding ? { nativeBinding: binding } : {},
    backups: true,
    logFile: true
  })
  const handlers = appSession.handlers
  for (const method of API_METHOD_NAMES) {
    ipcMain.handle(IPC_PREFIX + method, (event, args: unknown) => {
      if (!isAppUrl(event.senderFrame?.url ?? '')) {
        return { ok: false, error: { code: 'failed', message: 'refused: call from outside the app' } }
      }
      return dispatch(handlers, method, args)
    })
  }
  lockDown(session.defaultSession, isAppUrl)
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents))

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        importFiles: () => void importFromDialog(false),
        importFolder: () => void importFromDialog(true),
        send,
        isMac: process.platform === 'darwin'
      })
    )
  )

  window = new BrowserWindow(windowOptions(path.join(__dirname, '../preload/index.js')))
  window.once('ready-to-show', () => window?.show())
  if (rendererUrl) void window.loadURL(rendererUrl)
  else void window.loadURL(APP_INDEX)
})

app.on('second-instance', () => {
  if (window?.isMinimized()) window.restore()
  window?.focus()
})

let quitting = false
app.on('before-quit', (event) => {
  if (quitting || !appSession) return
  // The session's backup on quit (none of a database in recovery), then quit for real.
  event.preventDefault()
  quitting = true
  void appSession.quit().finally(() => {
    appSession = null
    app.quit()
  })
})

app.on('window-all-closed', () => app.quit())
