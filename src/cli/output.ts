import fs from 'node:fs'
import { writeJson } from './jsonStream'

export interface Output {
  out: (line: string) => void
  err: (line: string) => void
  json: (value: unknown) => void
}

/** A few milliseconds' pause for writeAll, without a timer (the CLI writes synchronously). */
const pause = new Int32Array(new SharedArrayBuffer(4))
/** The reader went away (`galley … | head`): the rest of the output is dropped, as a pipe's writer does. */
let closed = false

/**
 * Standard output written synchronously, piece by piece: process.stdout queues what a pipe does
 * not take at once, and a reader slower than the analysis of a 20 MB page then held the whole
 * JSON in memory (+50–110 MB). A pipe the process was given non-blocking answers EAGAIN: wait
 * and write the rest.
 */
function writeAll(fd: number, text: string): void {
  if (closed) return
  const bytes = Buffer.from(text, 'utf8')
  for (let at = 0; at < bytes.length; ) {
    try {
      at += fs.writeSync(fd, bytes, at)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EPIPE') {
        closed = true
        return
      }
      if (code !== 'EAGAIN') throw error
      Atomics.wait(pause, 0, 0, 2)
    }
  }
}

export const consoleOutput: Output = {
  out: (line) => writeAll(1, line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  json: (value) => writeJson(value, (chunk) => writeAll(1, chunk))
}

/** A progress line on stderr, shown only once a batch has run for more than a second. */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now()
  let lastShown = 0
  let shown = false
  return {
    update(done: number, total: number): void {
      const now = Date.now()
      const every = stream.isTTY ? 250 : 1000
      if (now - started < 1000 || (now - lastShown < every && done < total)) return
      lastShown = now
      shown = true
      const line = `${label} ${done}/${total} (${Math.round((done / Math.max(total, 1)) * 100)}%)`
      if (stream.isTTY) stream.write(`\r${line}`)
      else stream.write(line + '\n')
    },
    finish(): void {
      if (shown && stream.isTTY) stream.write('\n')
    }
  }
}

export function table(rows: string[][]): string[] {
  const width = (s: string): number => {
    let w = 0
    for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1
    return w
  }
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))))
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell)))).join('  '))
}
