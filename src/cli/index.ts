import { main } from './main'

main(process.argv.slice(2)).then(
  (code) => {
    // serve keeps the process alive through its server; everything else ends here.
    if (code !== -1) process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`galley: ${(error as Error).message}\n`)
    process.exitCode = 1
  }
)
