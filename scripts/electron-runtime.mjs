// Where Electron's runtime and an Electron build of better-sqlite3 are, if they are.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = dirname(dirname(fileURLToPath(import.meta.url)))
export const electronDir = join(root, 'node_modules', 'electron')
export const nativeDir = join(root, '.cache', 'electron-native')
export const nativeBinding = join(nativeDir, 'better_sqlite3.node')

/** The Electron executable, or null when its binary was never downloaded. */
export function electronBinary() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

export function electronVersion() {
  return JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version
}
