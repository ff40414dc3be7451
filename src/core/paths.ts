import os from 'node:os'
import path from 'node:path'

/**
 * The folder the desktop app keeps its data in (Electron's userData for an app named Galley),
 * so that the CLI and browser mode find the same database by default.
 */
export function userDataFolder(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Galley')
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Galley')
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'Galley')
}

export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.GALLEY_DB ?? path.join(userDataFolder(env), 'galley.db')
}
