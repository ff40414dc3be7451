import path from 'node:path'
import { spawn } from 'node:child_process'
import { openAppSession } from '../../core/services/session'
import { startServer } from '../../server/server'
import { UsageError } from '../args'
import { EXIT, type Command } from '../command'

export const serveCommand: Command = {
  name: 'serve',
  summary: 'browser mode: serve the app on 127.0.0.1 and open it in the browser',
  usage: 'galley serve [--port N] [--no-open] [--db PATH]',
  options: { port: { type: 'string' }, 'no-open': { type: 'boolean', default: false } },
  run: async ({ values, output, databasePath }) => {
    const port = values.port === undefined ? 4870 : Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a number from 0 to 65535')
    // A database that cannot be used still gets the app, which explains and offers the newest good backup.
    const session = openAppSession({ databasePath, mode: 'browser', backups: true, logFile: true })
    const handlers = session.handlers
    const appRoot = process.env.GALLEY_APP_ROOT ?? process.cwd()
    const rendererRoot = process.env.GALLEY_RENDERER ?? path.join(appRoot, 'out', 'renderer')
    let server
    try {
      server = await startServer({ handlers, rendererRoot, port })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || values.port !== undefined) throw error
      server = await startServer({ handlers, rendererRoot, port: 0 })
    }
    output.out(`Galley is running in browser mode at ${server.url}`)
    output.out(`database: ${databasePath}`)
    output.out('press Ctrl+C to stop')
    const recovery = session.recovery()
    if (recovery) {
      output.err(`galley: ${recovery.message}`)
      if (recovery.backup) output.err(`galley: the app offers to restore the newest good backup, ${recovery.backup.file} (the damaged file is kept aside)`)
      else if (recovery.restorable) output.err('galley: there is no good backup to restore; the app shows this and changes nothing')
    }
    if (!values['no-open'] && !process.env.CI) openBrowser(server.url)
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        // The app's backup on quit, as the desktop app takes it.
        void server
          .close()
          .then(() => session.quit())
          .then(resolve)
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    return EXIT.ok
  }
}

function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]]
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return
  try {
    const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true })
    child.on('error', () => undefined)
    child.unref()
  } catch {
    // no browser to open: the printed URL is enough
  }
}
