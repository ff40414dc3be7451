// Galley's one logger, instead of silent catches: what failed and was worked around is written
// where a person can find it. Plain JavaScript (the analysis uses it and stays free of Node's
// modules): by default to stderr through the console, which is where the CLI logs; the app,
// desktop or browser mode, sends it to galley.log beside its database (logFile.ts), and page
// workers pass their lines to the thread that started them (workers/pageWorker.ts).
// GALLEY_LOG=debug|info|warn|error sets the level (info by default).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export type LogSink = (line: string) => void

const consoleSink: LogSink = (line) => console.error(line)

let sink: LogSink = consoleSink
let threshold: LogLevel = levelFrom(globalThis.process?.env?.GALLEY_LOG) ?? 'info'

function levelFrom(value: string | undefined): LogLevel | null {
  return value && value in RANK ? (value as LogLevel) : null
}

function write(level: LogLevel, message: string, error?: unknown): void {
  if (RANK[level] < RANK[threshold]) return
  let reason = ''
  if (error instanceof Error) {
    reason = `: ${error.message}`
    // An error is a fault in Galley: its trace says where.
    if (level === 'error' && error.stack) reason += `\n${error.stack.split('\n').slice(1, 8).join('\n')}`
  } else if (error !== undefined) reason = `: ${String(error)}`
  logLine(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${reason}`)
}

/** Writes a line already formatted (a worker's, passed on). */
export function logLine(line: string): void {
  try {
    sink(line)
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

/** Where lines go from now on; without a sink, back to stderr. */
export function setLogSink(next?: LogSink): void {
  sink = next ?? consoleSink
}
