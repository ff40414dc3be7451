#!/usr/bin/env node
// The galley command: runs the built CLI bundle (npm run build makes it).
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const entry = join(root, 'out', 'main', 'cli.js')
if (!existsSync(entry)) {
  process.stderr.write('galley: the CLI is not built yet; run `npm run build` (or `npm run setup`) in ' + root + '\n')
  process.exit(2)
}
process.env.GALLEY_APP_ROOT ??= root
await import(pathToFileURL(entry).href)
