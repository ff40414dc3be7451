import path from 'node:path'
import type { Worker } from 'node:worker_threads'
import { ApiError, type ApiErrorBody } from '../../shared/api'
import type { OpenOptions } from '../store/database'
import { spawn, workerEntry } from '../workers/pagePool'

// Calls too long for the thread that answers every other call (a save of a text of millions of
// characters: its typo detection takes seconds) run on a worker thread with a connection of
// its own to the same database. WAL lets the answering thread go on reading meanwhile; SQLite
// orders the writes.

export interface CallWorkerConfig {
  databasePath: string
  mode: 'desktop' | 'browser'
  open: OpenOptions
}

export type CallReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ApiErrorBody }

export interface CallWorker {
  call(method: string, args: unknown): Promise<unknown>
  close(): Promise<void>
}

/** Started on the first call; null where no worker can be started (the caller runs the call itself). */
export function callWorker(config: CallWorkerConfig): CallWorker | null {
  const entry = workerEntry('callWorkerThread', __dirname)
  if (!entry) return null
  let worker: Worker | null = null
  let nextId = 1
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  const fail = (error: Error): void => {
    for (const waiting of pending.values()) waiting.reject(error)
    pending.clear()
    worker = null
  }
  const start = (): Worker => {
    const started = spawn(path.isAbsolute(entry) ? entry : path.resolve(entry), config)
    started.unref()
    started.on('message', (reply: CallReply) => {
      const waiting = pending.get(reply.id)
      pending.delete(reply.id)
      if (!waiting) return
      if (reply.ok) waiting.resolve(reply.result)
      else waiting.reject(new ApiError(reply.error.code, reply.error.message))
    })
    started.on('error', fail)
    started.on('exit', (code) => fail(new ApiError('failed', `the worker for long calls stopped (exit code ${code})`)))
    return started
  }
  return {
    call(method, args) {
      worker ??= start()
      const id = nextId++
      const target = worker
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject })
        target.postMessage({ id, method, args })
      })
    },
    async close() {
      const running = worker
      worker = null
      if (running) await running.terminate()
    }
  }
}
