// A thread that scores chunks of a long page for the detector on another thread (lanes.ts):
// it takes that thread's model, reading its tables in place (sharedModel.ts), takes the next
// chunk from the shared counter until none is left, and posts each chunk's findings.
import { workerData } from 'node:worker_threads'
import { CELLS, DELIVERED, FAILED, NEXT, type LaneChunk, type LaneData } from './lanes'
import { scoreRuns, type PositionFinding } from './detect'
import { adoptModel } from './sharedModel'

const data = workerData as LaneData | undefined
if (data && data.control.length >= CELLS) {
  const { text, skip, minEvidence, pool, model: shared, bounds, control, port } = data
  const chunks = bounds.length - 1
  try {
    const model = adoptModel(shared)
    const seen = new Map<string, PositionFinding[]>()
    for (let c = Atomics.add(control, NEXT, 1); c < chunks; c = Atomics.add(control, NEXT, 1)) {
      const found = scoreRuns(text, skip, model, minEvidence, bounds[c]!, bounds[c + 1]!, seen, pool)
      port.postMessage({ chunk: c, found } satisfies LaneChunk)
      Atomics.add(control, DELIVERED, 1)
      Atomics.notify(control, DELIVERED)
    }
  } catch {
    // The thread that started this lane scores what it did not deliver.
    Atomics.store(control, FAILED, 1)
    Atomics.notify(control, DELIVERED)
  }
  // End the thread now, model and all: the thread that started it goes on synchronously and
  // would otherwise leave it standing (its memory beside the rest of the work) until its
  // event loop next turns.
  process.exit(0)
}
