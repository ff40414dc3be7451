import { writeJson } from './jsonStream'

export interface Output {
  out: (line: string) => void
  err: (line: string) => void
  json: (value: unknown) => void
}

export const consoleOutput: Output = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  json: (value) => writeJson(value, (chunk) => process.stdout.write(chunk))
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
