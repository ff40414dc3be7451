// Builds better-sqlite3 for Electron's ABI into .cache/electron-native, leaving the Node build in
// node_modules alone: the tests run on Node, the desktop app on Electron, and both keep working.
import { cpSync, copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { nativeBinding, nativeDir, root, electronVersion } from './electron-runtime.mjs'

export function buildElectronNative({ force = false } = {}) {
  const version = electronVersion()
  const stamp = join(nativeDir, 'electron-version')
  if (!force && existsSync(nativeBinding) && existsSync(stamp) && readFileSync(stamp, 'utf8') === version) return true
  const work = join(nativeDir, 'better-sqlite3')
  rmSync(work, { recursive: true, force: true })
  mkdirSync(nativeDir, { recursive: true })
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true, filter: (p) => !p.includes(`${join('better-sqlite3', 'build')}`) })
  const gyp = process.env.npm_config_node_gyp
  const [command, args] = gyp ? [process.execPath, [gyp]] : ['node-gyp', []]
  const result = spawnSync(
    command,
    [...args, 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' }
  )
  if (result.status !== 0) return false
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), nativeBinding)
  writeFileSync(stamp, version)
  return true
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(buildElectronNative({ force: process.argv.includes('--force') }) ? 0 : 1)
}
