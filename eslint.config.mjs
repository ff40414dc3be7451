import tseslint from 'typescript-eslint'
import { builtinModules } from 'node:module'

// Layers, one direction (see DEVELOPERS.md):
//   src/shared    contract and plain types     imports nothing of ours but shared
//   src/core      the domain, plain Node         no electron, react, DOM
//   src/server, src/cli, src/main              adapters over core
//   src/preload   the bridge                     electron + shared only
//   src/renderer  the UI                         shared + its own files; no Node, no store
const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]
const uiPackages = ['electron', 'electron/*', 'react', 'react/*', 'react-dom', 'react-dom/*', 'monaco-editor', 'monaco-editor/*', '@monaco-editor/*']
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'fetch', 'alert']

const restrict = (paths, patterns, message) => ({
  'no-restricted-imports': ['error', { paths: paths.map((name) => ({ name, message })), patterns: patterns.map((group) => ({ group: [group], message })) }]
})

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench-results/**', '.cache/**', 'resources/**', '.prof/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off'
    }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict([...nodeModules, 'better-sqlite3'], [...uiPackages, '**/core/**', '**/main/**', '**/renderer/**', '**/server/**', '**/cli/**'], 'src/shared is the contract: plain TypeScript only')
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      ...restrict(['electron', 'react', 'react-dom', 'monaco-editor'], [...uiPackages, '**/main/**', '**/renderer/**', '**/server/**', '**/cli/**', '**/preload/**'], 'src/core is the domain: no Electron, React, DOM or adapters'),
      'no-restricted-globals': ['error', ...domGlobals.map((name) => ({ name, message: 'src/core runs under plain Node: no DOM' }))]
    }
  },
  {
    // Only the store module opens SQLite.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/store/**'],
    rules: restrict(['electron', 'react', 'react-dom', 'monaco-editor', 'better-sqlite3'], [...uiPackages, '**/main/**', '**/renderer/**', '**/server/**', '**/cli/**', '**/preload/**'], 'src/core: only src/core/store talks to better-sqlite3; no Electron, React or adapters')
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: restrict([...nodeModules, 'better-sqlite3', 'electron'], ['**/core/**', '**/main/**', '**/server/**', '**/cli/**', '**/preload/**', 'better-sqlite3/*'], 'the renderer talks to Galley only through the typed API (src/renderer/src/api)')
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict(['better-sqlite3', ...nodeModules], ['**/core/**', '**/renderer/**', '**/server/**', '**/cli/**'], 'the preload is a thin bridge: electron and the shared method names only')
  },
  {
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts'],
    rules: restrict(['electron', 'react', 'react-dom', 'better-sqlite3'], ['**/renderer/**', '**/main/**', '**/core/store/migrations/**'], 'adapters go through core (its store module opens SQLite); they never run Electron or React')
  }
)
