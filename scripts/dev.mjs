// npm run dev: electron-vite's dev mode (hot renderer, main restarted on change) where Electron's
// runtime is installed. Without it (its download skipped or refused, as on a build machine),
// browser mode from source: the renderer is built, then `galley serve` runs from the TypeScript
// through tsx, so a restart picks up a change to core, the server or the CLI without a build.
import { join } from 'node:path'
import { spawn, spawnSync } from 'node:child_process'
import { electronBinary, root } from './electron-runtime.mjs'

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const passThrough = process.argv.slice(2)
const run = (command, args) => {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 0))
}

if (electronBinary()) run(npx, ['electron-vite', 'dev', ...passThrough])
else {
  console.log("Galley: no Electron runtime is installed; dev runs browser mode from source (rebuild the renderer with npm run build, restart for other changes).")
  const build = spawnSync(npx, ['electron-vite', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (build.status !== 0) process.exit(build.status ?? 1)
  run(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'index.ts'), 'serve', ...passThrough])
}
