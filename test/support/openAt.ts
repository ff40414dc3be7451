// A child process for the open race test: waits for the given moment (so that every child
// starts its open together), opens the database with Galley's store and prints the outcome.
import { openDatabase } from '../../src/core/store/database'

const [file, at] = process.argv.slice(2)
while (Date.now() < Number(at)) {
  // spin: a timer's granularity would spread the children out again
}
try {
  openDatabase(file!).close()
  process.stdout.write('ok\n')
} catch (error) {
  process.stdout.write(`${(error as { code?: string }).code ?? ''} ${(error as Error).message}\n`)
}
