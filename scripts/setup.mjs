// npm run setup: everything a fresh clone needs, then the app. Works where Electron's runtime
// can be downloaded (desktop app) and where it cannot (browser mode).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname } from 'node:path'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const run = (command, args, env = {}) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' }).status

// 1. Dependencies, without Electron's download, which must not be able to fail the install.
// npm 11 may refuse `npm ci` for other platforms' optional packages missing from the lock
// file; `npm install` from the same lock file is the fallback.
const skip = { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }
const installed =
  (existsSync(join(root, 'package-lock.json')) && run(npm, ['ci', '--no-audit', '--no-fund'], skip) === 0) ||
  run(npm, ['install', '--no-audit', '--no-fund'], skip) === 0
if (!installed) process.exit(1)

// 2. Electron's runtime, where its host can be reached.
const electronInstall = join(root, 'node_modules', 'electron', 'install.js')
const electron = spawnSync(process.execPath, [electronInstall], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' }
})
if (electron.status !== 0) {
  const reason = (electron.stderr || '').split('\n').find((l) => /Error/.test(l)) ?? 'download failed'
  console.log(`Galley: Electron's runtime could not be downloaded (${reason.trim()}); Galley will run in browser mode.`)
}

// 3. Build, then start (start builds better-sqlite3 for Electron when it runs the desktop app).
if (run(npm, ['run', 'build']) !== 0) process.exit(1)
if (process.argv.includes('--no-start')) process.exit(0)
process.exit(run(npm, ['start', '--', ...process.argv.slice(2)]) ?? 0)
