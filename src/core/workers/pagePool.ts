import type { EditionEvidence } from '../analysis'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Transferable, Worker } from 'node:worker_threads'
import type { DetectOptions } from '../typos'
import type { SuggestionInput } from '../model/suggestion'
import type { Prepared } from '../import/prepare'
import type { WorkerLog, WorkerReply, WorkerRequest } from './workerProtocol'
import type { PageForReproposal, ReproposalOutcome, ReproposalSetting } from '../learning/reproposal'
import { log, logLine } from '../log'

/** A page to prepare, with the evidence of its edition when the batch holds other pages of it. */
export type PageJob = ({ path: string } | { bytes: Uint8Array; name?: string }) & { edition?: EditionEvidence | null }

/** Worker threads preparing pages (see pageWorker.ts); a job a worker cannot finish is rejected. */
export interface PagePool {
  readonly size: number
  /** Workers still running (a kept pool with none left is started again). */
  readonly live: number
  prepare(job: PageJob): Promise<Prepared>
  /** Hashes of pages the store holds already: the workers skip their analysis. */
  addKnown(hashes: readonly string[]): void
  /** What the editor has taught, for the detections that follow. */
  setKnowledge(knowledge: DetectOptions): void
  detect(text: string): Promise<SuggestionInput[]>
  /** What the pages proposed again next are proposed with (learning/reproposal.ts). */
  setReproposal(setting: ReproposalSetting): void
  /**
   * Pages of one edition proposed again, with the original texts of the edition (its evidence).
   * `lanes`: how many of the workers to give such batches to (the first ones), so that a thread
   * that writes the outcomes meanwhile keeps a core of its own.
   */
  repropose(edition: string[], pages: PageForReproposal[], lanes?: number): Promise<ReproposalOutcome[]>
  /** Loads in every worker what the first detection would (a kept pool, readied before its pages come). */
  warm(): void
  /** Whether the workers keep the process alive: a kept pool lets it end while it waits for work. */
  hold(held: boolean): void
  close(): Promise<void>
}

interface Slot {
  worker: Worker
  pending: Map<number, { resolve: (reply: WorkerReply) => void; reject: (e: Error) => void }>
  alive: boolean
}

/**
 * Workers beside a busy main thread (the importer writes while they analyse): one core each
 * for them and for the writer. When the main thread only waits (the typo pass), every core.
 */
export function defaultWorkerCount(mainThreadBusy = true): number {
  const cores = os.availableParallelism()
  return Math.max(1, Math.min(4, mainThreadBusy ? cores - 1 : cores))
}

/** Starts `count` page workers, or returns null when no worker can be started here. */
export function startPagePool(count = defaultWorkerCount(), entry = workerEntry()): PagePool | null {
  if (!entry) return null
  const slots: Slot[] = []
  for (let i = 0; i < count; i++) {
    let worker: Worker
    try {
      worker = spawn(entry)
    } catch (error) {
      // Fewer workers (or none: the callers then work on their own thread).
      log.warn(`page worker ${i + 1} of ${count} could not start`, error)
      break
    }
    const slot: Slot = { worker, pending: new Map(), alive: true }
    worker.on('message', (reply: WorkerReply | WorkerLog) => {
      if ('log' in reply) return logLine(reply.log)
      const waiting = slot.pending.get(reply.id)
      slot.pending.delete(reply.id)
      if ('error' in reply) waiting?.reject(new Error(reply.error))
      else waiting?.resolve(reply)
    })
    const fail = (error: Error): void => {
      slot.alive = false
      for (const waiting of slot.pending.values()) waiting.reject(error)
      slot.pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`page worker stopped (exit code ${code})`)))
    slots.push(slot)
  }
  if (slots.length === 0) return null
  let nextId = 1
  const send = (slot: Slot, message: WorkerRequest): void => slot.worker.postMessage(message)
  const broadcast = (message: WorkerRequest): void => {
    for (const slot of slots) if (slot.alive) send(slot, message)
  }
  // To the least busy live worker (of the first `lanes`).
  const request = (make: (id: number) => WorkerRequest, lanes = slots.length): Promise<WorkerReply> => {
    const live = slots.filter((s) => s.alive).slice(0, Math.max(1, lanes))
    if (live.length === 0) return Promise.reject(new Error('no page worker is running'))
    const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a))
    const id = nextId++
    return new Promise<WorkerReply>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject })
      send(slot, make(id))
    })
  }
  return {
    size: slots.length,
    get live() {
      return slots.filter((s) => s.alive).length
    },
    async prepare(job) {
      const edition = job.edition ?? null
      const reply = await request((id) =>
        'path' in job ? { type: 'prepare', id, path: job.path, edition } : { type: 'prepare', id, bytes: job.bytes, edition, ...(job.name !== undefined ? { name: job.name } : {}) }
      )
      if (!('prepared' in reply)) throw new Error('page worker answered a different question')
      return reply.prepared
    },
    addKnown(hashes) {
      if (hashes.length > 0) broadcast({ type: 'known', hashes: [...hashes] })
    },
    setKnowledge(knowledge) {
      broadcast({ type: 'knowledge', knowledge })
    },
    async detect(text) {
      const reply = await request((id) => ({ type: 'detect', id, text }))
      if (!('typos' in reply)) throw new Error('page worker answered a different question')
      return reply.typos
    },
    setReproposal(setting) {
      broadcast({ type: 'reproposalSetting', setting })
    },
    async repropose(edition, pages, lanes) {
      const reply = await request((id) => ({ type: 'repropose', id, edition, pages }), lanes)
      if (!('reproposed' in reply)) throw new Error('page worker answered a different question')
      return reply.reproposed
    },
    warm() {
      broadcast({ type: 'warm' })
    },
    hold(held) {
      for (const slot of slots) {
        if (held) slot.worker.ref()
        else slot.worker.unref()
      }
    },
    async close() {
      await Promise.all(slots.map((slot) => slot.worker.terminate()))
    }
  }
}

/**
 * Where the worker's code is: built beside this module's bundle (out/main/pageWorker.js), or the
 * TypeScript source when running from source (tests, bench), loaded through tsx.
 */
export function workerEntry(name = 'pageWorker', sourceDir = __dirname): string | null {
  // Some loaders run this module from a data: URL: then there is no file to start, and the
  // callers analyse on their own thread.
  if (!path.isAbsolute(__dirname)) return null
  if (__filename.endsWith('.ts')) return path.join(sourceDir, `${name}.ts`)
  for (const dir of [__dirname, path.dirname(__dirname)]) {
    const file = path.join(dir, `${name}.js`)
    if (fs.existsSync(file)) return file
  }
  return null
}

export function spawn(entry: string, workerData?: unknown, transferList?: Transferable[]): Worker {
  if (!entry.endsWith('.ts')) return new Worker(entry, { workerData, transferList })
  const bootstrap = `const { createRequire } = require('node:module');
require(createRequire(${JSON.stringify(entry)}).resolve('tsx/cjs/api')).register();
require(${JSON.stringify(entry)});`
  return new Worker(bootstrap, { eval: true, workerData, transferList })
}
