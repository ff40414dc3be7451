import fs from 'node:fs'
import path from 'node:path'
import { setLogSink } from './log'

/** A log past this size is moved to galley.log.1 when the app opens it: two files at most. */
const MAX_LOG_BYTES = 5 * 1024 * 1024

/** The app's log: galley.log beside the database. Returns its path. */
export function logToFile(databasePath: string): string {
  const file = path.join(path.dirname(path.resolve(databasePath)), 'galley.log')
  try {
    if (fs.statSync(file).size > MAX_LOG_BYTES) fs.renameSync(file, file + '.1')
  } catch {
    // No log yet: nothing to rotate.
  }
  setLogSink((line) => fs.appendFileSync(file, line + '\n'))
  return file
}
