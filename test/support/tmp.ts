import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'

const made: string[] = []

/** A fresh temp folder, removed after the test. */
export function tempDir(prefix = 'galley-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** A temp folder for a whole suite (beforeAll); the caller removes it with removeDir. */
export function suiteDir(prefix = 'galley-suite-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true })
}

afterEach(() => {
  while (made.length) fs.rmSync(made.pop()!, { recursive: true, force: true })
})

export const SAMPLES = path.resolve(__dirname, '../../../shared/samples')
