// The worker thread of callWorker.ts: the same handlers over a connection of its own.
import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from '../store/database'
import { createHandlers, dispatch } from '.'
import type { CallReply, CallWorkerConfig } from './callWorker'

const port = parentPort
if (port) {
  const config = workerData as CallWorkerConfig
  // The app opened (and migrated) the database already: no backup, no migration here.
  const db = openDatabase(config.databasePath, { ...config.open, noBackup: true })
  const handlers = createHandlers({ db, databasePath: config.databasePath, mode: config.mode })
  // One call at a time, in the order they came.
  let queue = Promise.resolve()
  port.on('message', (message: { id: number; method: string; args: unknown }) => {
    queue = queue.then(async () => {
      const outcome = await dispatch(handlers, message.method, message.args)
      const reply: CallReply = outcome.ok ? { id: message.id, ok: true, result: outcome.result } : { id: message.id, ok: false, error: outcome.error }
      port.postMessage(reply)
    })
  })
}
