import tseslint from 'typescript-eslint'
import { builtinModules } from 'node:module'
import path from 'node:path'

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

// What each layer may import of Galley's own source, by folder under src (an allow-list: a
// folder not named is refused). The most specific layer applies; the adapters reach core only
// through its services (core/services), where the one handlers implementation lives; the two
// that serve the renderer's files (browser mode, the desktop app's app:// protocol) share the
// one resolver that keeps a request inside out/renderer (core/rendererFiles).
const SRC = path.resolve(import.meta.dirname, 'src')
const ALLOWED = {
  shared: ['shared'],
  core: ['core', 'shared'],
  server: ['server', 'shared', 'core/services', 'core/log', 'core/rendererFiles'],
  cli: ['cli', 'server', 'shared', 'core/services', 'core/log'],
  main: ['main', 'shared', 'core/services', 'core/log', 'core/rendererFiles'],
  preload: ['preload', 'shared/methodNames'],
  renderer: ['renderer', 'shared']
}
const within = (rel, folder) => rel === folder || rel.startsWith(folder + '/') || rel.startsWith(folder + '.')

const layers = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = path.relative(SRC, context.filename).split(path.sep).join('/')
    const layer = Object.keys(ALLOWED).find((name) => within(file, name))
    if (!layer || file.startsWith('..')) return {}
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return
      const target = path.relative(SRC, path.resolve(path.dirname(context.filename), source)).split(path.sep).join('/')
      if (target.startsWith('..')) return
      if (ALLOWED[layer].some((folder) => within(target, folder))) return
      context.report({ node, message: `src/${layer} may import only ${ALLOWED[layer].map((f) => 'src/' + f).join(', ')}; not src/${target} (see DEVELOPERS.md)` })
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value)
    }
  }
}

// SQL runs only in src/core/store: no statement prepared or executed, and no SQL text, elsewhere.
const SQL_START = '^\\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|WITH)\\s'
const sqlMessage = 'SQL belongs in src/core/store (a query function in store/queries taking the database)'
const noSql = [
  { selector: "CallExpression[callee.property.name=/^(prepare|exec|pragma)$/][arguments.0.type=/^(Literal|TemplateLiteral)$/]", message: sqlMessage },
  { selector: "CallExpression[callee.object.name=/^(db|database|connection|reader)$/][callee.property.name=/^(prepare|exec|pragma)$/]", message: sqlMessage },
  { selector: `Literal[value=/${SQL_START}/]`, message: sqlMessage },
  { selector: `TemplateElement[value.raw=/${SQL_START}/]`, message: sqlMessage }
]

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
    files: ['src/**/*.{ts,tsx}'],
    plugins: { galley: { rules: { layers } } },
    rules: { 'galley/layers': 'error' }
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/core/store/**'],
    rules: { 'no-restricted-syntax': ['error', ...noSql] }
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
