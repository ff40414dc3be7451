import fs from 'node:fs'
import path from 'node:path'

// Galley's one logger, instead of silent catches: what failed and was worked around is written
// somewhere a person can find it. The CLI logs to stderr (the default); the app, desktop or
// browser mode, to galley.log beside its database (logToFile). GALLEY_LOG sets the level.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }
/** A log past this size is moved to galley.log.1 when the app opens it: two files at most. */
const MAX_LOG_BYTES = 5 * 1024 * 1024

type Sink = (line: string) => void

const stderrSink: Sink = (line) => process.stderr.write(line + '\n')

let sink: Sink = stderrSink
let threshold: LogLevel = levelFrom(process.env.GALLEY_LOG) ?? 'info'

function levelFrom(value: string | undefined): LogLevel | null {
  return value && value in RANK ? (value as LogLevel) : null
}

function write(level: LogLevel, message: string, error?: unknown): void {
  if (RANK[level] < RANK[threshold]) return
  const reason = error === undefined ? '' : `: ${error instanceof Error ? error.message : String(error)}`
  try {
    sink(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${reason}`)
  } catch {
    // A log that cannot be written (disk full, stderr closed) must not fail what it reports on.
  }
}

export const log = {
  debug: (message: string, error?: unknown) => write('debug', message, error),
  info: (message: string, error?: unknown) => write('info', message, error),
  warn: (message: string, error?: unknown) => write('warn', message, error),
  error: (message: string, error?: unknown) => write('error', message, error)
}

export function setLogLevel(level: LogLevel): void {
  threshold = level
}

/** The app's log file: galley.log beside the database. Returns its path. */
export function logToFile(databasePath: string): string {
  const file = path.join(path.dirname(path.resolve(databasePath)), 'galley.log')
  try {
    if (fs.statSync(file).size > MAX_LOG_BYTES) fs.renameSync(file, file + '.1')
  } catch {
    // No log yet: nothing to rotate.
  }
  sink = (line) => fs.appendFileSync(file, line + '\n')
  return file
}

export function logToStderr(): void {
  sink = stderrSink
}
