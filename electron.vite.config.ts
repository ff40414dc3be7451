import { resolve } from 'node:path'
import { defineConfig, externalizeDepsPlugin } from 'electron-vite'
import react from '@vitejs/plugin-react'

// One build for the three Electron parts; the CLI (and through it browser mode) is a second
// entry of the main build, so it runs under plain Node with the same bundled core.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/index.ts'),
          // The importer's worker threads load this file by name, beside the entry that starts them.
          pageWorker: resolve(__dirname, 'src/core/workers/pageWorker.ts'),
          // Long calls (giant saves) run on a thread of their own with this file (callWorker.ts).
          callWorkerThread: resolve(__dirname, 'src/core/services/callWorkerThread.ts'),
          // A long page's typo detection shares its chunks with this thread (typos/lanes.ts).
          typoLane: resolve(__dirname, 'src/core/typos/typoLane.ts')
        }
      }
    }
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot require modules: it must be one self-contained file.
        output: { format: 'cjs', inlineDynamicImports: true }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      chunkSizeWarningLimit: 5000,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    },
    worker: { format: 'es' }
  }
})
