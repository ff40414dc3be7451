// Loads src/core/typos (TypeScript) under plain Node by bundling it with esbuild (already
// installed with Vite) into .cache/, for the benchmark and ad-hoc runs.
import { loadTyposModules, root } from '../ocr/load-core.mjs'

export { root }

export function loadTyposModule() {
  return loadTyposModules('lookalikes-typos', `export * from './index'`)
}
