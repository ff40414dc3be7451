import os from 'node:os'
import { MessageChannel, type MessagePort, receiveMessageOnPort, type Worker } from 'node:worker_threads'
import { log } from '../log'
import { spawn, workerEntry } from '../workers/pagePool'
import { isHan } from './han'
import type { PositionFinding } from './detect'
import type { TypoModel } from './model'
import { shareModel, type SharedTypoModel } from './sharedModel'

// A long page's detection shared with a thread of its own (typoLane.ts), without making the
// detector asynchronous: both threads take chunks of the page in turn from a counter in shared
// memory, the lane posts each chunk's findings, and this thread waits for the chunks it did not
// take (Atomics.wait) and reads them synchronously (receiveMessageOnPort). A chunk the lane does
// not deliver (it failed, or fell silent) is scored here: the result is the same either way.

/** Characters a chunk holds at least; a chunk ends where a run of hanzi ends. */
const CHUNK = 65_536
/**
 * Threads started beside this one. Each reads the model where this thread keeps it but holds its
 * own copy of the page and its own caches (about 40 MB more on the 20 MB page, whose analysis has
 * to stay within 600 MB): one, even where there are more cores.
 */
const MAX_LANES = 1
/** A lane that delivers no chunk for this long is given up on. */
const SILENCE_MS = 30_000

/** Cells of the shared control array. */
export const NEXT = 0
export const DELIVERED = 1
export const FAILED = 2
export const CELLS = 3

/** What a lane is started with (typoLane.ts). */
export interface LaneData {
  text: string
  skip: Uint8Array
  minEvidence: number
  /** scoreRuns' second pass (the judge's pool), if any. */
  pool: number | undefined
  model: SharedTypoModel
  bounds: Int32Array
  control: Int32Array
  port: MessagePort
}

/** What a lane posts for each chunk it scored. */
export interface LaneChunk {
  chunk: number
  found: PositionFinding[]
}

/** Chunk starts, each at the first character after a run of hanzi; the last entry is text.length. */
export function chunkBounds(text: string, size = CHUNK): Int32Array {
  const starts = [0]
  let at = size
  while (at < text.length) {
    while (at < text.length && isHan(text.charCodeAt(at))) at++
    if (at >= text.length) break
    starts.push(at)
    at += size
  }
  starts.push(text.length)
  return Int32Array.from(starts)
}

/** Lanes started on a text: `finish` scores the chunks no lane took here and returns all the findings in order. */
export interface RunsInLanes {
  finish(here: (from: number, to: number) => PositionFinding[]): PositionFinding[]
  /** After finish: how many chunks the other threads scored. */
  readonly delivered: number
}

/**
 * Starts up to MAX_LANES threads on the runs of the text; they read the model's tables where
 * this thread keeps them (sharedModel.ts) and take chunks until `finish` (which takes chunks
 * here too) has them all. Null where no other thread can help (one core, no worker file, a model
 * that cannot be shared).
 */
export function startRunsInLanes(text: string, skip: Uint8Array, model: TypoModel, minEvidence: number, pool?: number): RunsInLanes | null {
  const lanes = Math.min(MAX_LANES, os.availableParallelism() - 1)
  const entry = lanes >= 1 ? workerEntry('typoLane', __dirname) : null
  if (!entry) return null
  let shared: SharedTypoModel
  try {
    shared = shareModel(model)
  } catch (error) {
    log.warn(`typo lanes: ${(error as Error).message}`)
    return null
  }
  const bounds = chunkBounds(text)
  const chunks = bounds.length - 1
  const control = new Int32Array(new SharedArrayBuffer(4 * CELLS))
  const channels: MessageChannel[] = []
  const workers: Worker[] = []
  try {
    for (let k = 0; k < lanes; k++) {
      const channel = new MessageChannel()
      const data: LaneData = { text, skip, minEvidence, pool, model: shared, bounds, control, port: channel.port2 }
      const worker = spawn(entry, data, [channel.port2])
      worker.unref()
      // A lane's failure is counted in FAILED by the lane itself; the event only keeps it from
      // being reported as an unhandled error.
      worker.on('error', (error) => log.warn(`typo lane: ${error.message}`))
      channels.push(channel)
      workers.push(worker)
    }
  } catch (error) {
    log.warn(`typo lane could not start: ${(error as Error).message}`)
    for (const w of workers) void w.terminate()
    if (workers.length === 0) return null
  }
  const end = (): void => {
    for (const w of workers) void w.terminate()
    for (const { port1 } of channels) port1.close()
  }
  let deliveredInAll = 0
  return {
    get delivered() {
      return deliveredInAll
    },
    finish(here) {
      const parts: (PositionFinding[] | undefined)[] = new Array(chunks)
      let mine = 0
      for (let c = Atomics.add(control, NEXT, 1); c < chunks; c = Atomics.add(control, NEXT, 1)) {
        parts[c] = here(bounds[c]!, bounds[c + 1]!)
        mine++
      }
      // The chunks the lanes took: wait for them while a lane is still working and not silent.
      const read = (): number => {
        let got = 0
        for (const { port1 } of channels)
          for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
            const { chunk, found } = m.message as LaneChunk
            if (parts[chunk] === undefined) got++
            parts[chunk] = found
          }
        return got
      }
      let delivered = read()
      let quietSince = Date.now()
      while (mine + delivered < chunks && Atomics.load(control, FAILED) === 0 && Date.now() - quietSince < SILENCE_MS) {
        Atomics.wait(control, DELIVERED, Atomics.load(control, DELIVERED), 200)
        const got = read()
        if (got > 0) quietSince = Date.now()
        delivered += got
      }
      deliveredInAll = delivered
      end()
      // Whatever a lane took and did not deliver is scored here.
      for (let c = 0; c < chunks; c++) parts[c] ??= here(bounds[c]!, bounds[c + 1]!)
      return parts.flat() as PositionFinding[]
    }
  }
}
