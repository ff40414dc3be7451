// Loads src/core/typos (TypeScript) under plain Node by bundling it with esbuild (already
// installed with Vite) into .cache/, for the benchmark and ad-hoc runs.
import { build } from 'esbuild'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export async function loadTyposModule() {
  const outdir = join(root, '.cache', 'typos-bundle')
  mkdirSync(outdir, { recursive: true })
  const outfile = join(outdir, 'typos.mjs')
  await build({
    entryPoints: [join(root, 'src', 'core', 'typos', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning'
  })
  process.env.GALLEY_TYPOS_DIR ??= join(root, 'resources', 'typos')
  return import(pathToFileURL(outfile).href + '?t=' + Date.now())
}
