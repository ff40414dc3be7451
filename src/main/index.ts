import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron'
import fs from 'node:fs'
import path from 'node:path'
import { openDatabase, StoreError, type Db } from '../core/store/database'
import { backupIfDue, backupTo, newestGoodBackup, pruneBackups, restoreFrom, rollingBackupPath } from '../core/store/backup'
import { createHandlers, dispatch } from '../core/services'
import { structureProposer } from '../core/pipeline/defaultProposer'
import { runSuggestionPass } from '../core/pipeline/suggestionPass'
import { importPaths } from '../core/import/importer'
import { API_METHOD_NAMES, IPC_PREFIX, MENU_CHANNEL, type MenuAction } from '../shared/methodNames'
import { menuTemplate } from './menu'
import { lockDown, lockDownContents } from './security'
import { windowOptions } from './windowOptions'

// The desktop shell: a window, menus and IPC over core. Everything else lives in core.

if (!app.requestSingleInstanceLock()) app.quit()

let window: BrowserWindow | null = null
let db: Db | null = null

const rendererUrl = process.env.ELECTRON_RENDERER_URL
const isAppUrl = (url: string): boolean =>
  rendererUrl ? url.startsWith(rendererUrl) : url.startsWith('file://' + path.join(__dirname, '../renderer'))

function nativeBinding(): string | undefined {
  // Built by scripts/electron-native.mjs for Electron's ABI; node_modules keeps Node's for the tests.
  const file = path.join(app.getAppPath(), '.cache', 'electron-native', 'better_sqlite3.node')
  return fs.existsSync(file) ? file : undefined
}

function send(action: MenuAction): void {
  window?.webContents.send(MENU_CHANNEL, action)
}

async function importFromDialog(folder: boolean): Promise<void> {
  if (!window || !db) return
  const result = await dialog.showOpenDialog(window, {
    title: folder ? 'Import a folder of pages' : 'Import pages',
    properties: folder ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
    filters: folder ? [] : [{ name: 'Page text', extensions: ['txt'] }]
  })
  if (result.canceled || result.filePaths.length === 0) return
  const report = importPaths(db, result.filePaths, { propose: structureProposer() })
  runSuggestionPass(db)
  const failures = report.items.filter((i) => i.status === 'failed')
  if (failures.length > 0) {
    void dialog.showMessageBox(window, {
      type: 'warning',
      message: `${report.imported} imported, ${report.unchanged} unchanged, ${report.failed} failed`,
      detail: failures.map((f) => `${f.source}: ${f.reason}`).join('\n')
    })
  }
  send('import-done')
}

app.whenReady().then(() => {
  const databasePath = path.join(app.getPath('userData'), 'galley.db')
  const binding = nativeBinding()
  try {
    db = openDatabase(databasePath, binding ? { nativeBinding: binding } : {})
  } catch (error) {
    db = offerRestore(databasePath, error as Error, binding)
    if (!db) {
      app.quit()
      return
    }
  }
  void backupIfDue(db, databasePath)
  const handlers = createHandlers({ db, databasePath, mode: 'desktop', propose: structureProposer() })
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
  else void window.loadFile(path.join(__dirname, '../renderer/index.html'))
})

app.on('second-instance', () => {
  if (window?.isMinimized()) window.restore()
  window?.focus()
})

// A damaged database is never replaced silently: the editor chooses, the damaged file is kept aside.
function offerRestore(databasePath: string, error: Error, binding: string | undefined): Db | null {
  const backup = error instanceof StoreError && error.code === 'corrupt' ? newestGoodBackup(databasePath) : null
  if (!backup) {
    dialog.showErrorBox('Galley cannot open its database', error.message)
    return null
  }
  const choice = dialog.showMessageBoxSync({
    type: 'error',
    message: 'Galley cannot open its database',
    detail: `${error.message}\n\nThe newest good backup is ${backup}. Restore it? The damaged file is kept beside it.`,
    buttons: ['Restore the backup', 'Quit'],
    defaultId: 0,
    cancelId: 1
  })
  if (choice !== 0) return null
  restoreFrom(databasePath, backup)
  return openDatabase(databasePath, binding ? { nativeBinding: binding } : {})
}

let quitting = false
app.on('before-quit', (event) => {
  if (quitting || !db) return
  // A rolling backup on quit, then quit for real.
  event.preventDefault()
  quitting = true
  const open = db
  backupTo(open, rollingBackupPath(path.join(app.getPath('userData'), 'galley.db'), 'quit'))
    .then(() => pruneBackups(path.join(app.getPath('userData'), 'galley.db')))
    .catch(() => undefined)
    .finally(() => {
      open.close()
      db = null
      app.quit()
    })
})

app.on('window-all-closed', () => app.quit())
