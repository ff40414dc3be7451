// npm start: the desktop app when Electron's runtime is installed, browser mode otherwise.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { spawn, spawnSync } from 'node:child_process'
import { electronBinary, root } from './electron-runtime.mjs'
import { buildElectronNative } from './electron-native.mjs'

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
if (!existsSync(join(root, 'out', 'main', 'cli.js')) || !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  const build = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const passThrough = process.argv.slice(2)
const electron = electronBinary()
if (electron && buildElectronNative()) {
  const child = spawn(electron, [root, ...passThrough], { cwd: root, stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log(
    electron
      ? 'Galley: better-sqlite3 could not be built for Electron here; starting browser mode instead.'
      : 'Galley: no Electron runtime is installed (its download was skipped or failed); starting browser mode instead.'
  )
  const child = spawn(process.execPath, [join(root, 'bin', 'galley.mjs'), 'serve', ...passThrough], { cwd: root, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 0))
}
