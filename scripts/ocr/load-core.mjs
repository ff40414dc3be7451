// Loads Galley's typo detector and confusion model (TypeScript, src/core/typos) under plain Node
// by bundling them with esbuild (installed with Vite at the repository root) into .cache/.
import { build } from 'esbuild'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export async function loadCore() {
  const outdir = join(root, '.cache', 'ocr-bundle')
  mkdirSync(outdir, { recursive: true })
  await build({
    entryPoints: { typos: join(root, 'src', 'core', 'typos', 'index.ts'), confusions: join(root, 'src', 'core', 'typos', 'confusions.ts') },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning'
  })
  process.env.GALLEY_TYPOS_DIR ??= join(root, 'resources', 'typos')
  const stamp = '?t=' + Date.now()
  const typos = await import(pathToFileURL(join(outdir, 'typos.mjs')).href + stamp)
  const confusions = await import(pathToFileURL(join(outdir, 'confusions.mjs')).href + stamp)
  return { typos, confusions }
}

/**
 * The modules of src/core/typos a script names (`contents`: export statements relative to that
 * folder), bundled into .cache/ocr-bundle/NAME.mjs and imported, the typo resources found.
 */
export async function loadTyposModules(name, contents) {
  const outfile = join(root, '.cache', 'ocr-bundle', `${name}.mjs`)
  await build({
    stdin: { contents, resolveDir: join(root, 'src', 'core', 'typos'), loader: 'ts' },
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
