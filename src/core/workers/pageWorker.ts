// A worker thread for the two costly steps of bringing pages in: reading, decoding and analysing
// them for the importer, and detecting suspicious characters for the suggestion pass. Both run
// beside the database writes instead of before each of them.
import fs from 'node:fs'
import path from 'node:path'
import { parentPort } from 'node:worker_threads'
import { structureProposer, toSuggestionInput } from '../pipeline/propose'
import { setLogSink } from '../log'
import { detectSuspicious, type DetectOptions } from '../typos'
import { preparePage, type Prepared } from '../import/prepare'
import type { WorkerLog, WorkerReply, WorkerRequest } from './workerProtocol'

const port = parentPort
if (port) {
  // What the analysis logs here goes to the log of the thread that started the worker.
  setLogSink((line) => port.postMessage({ log: line } satisfies WorkerLog))
  const known = new Set<string>()
  const propose = structureProposer()
  const isKnown = (sha256: string): boolean => known.has(sha256)
  let knowledge: DetectOptions = {}
  const reply = (message: WorkerReply): void => port.postMessage(message)
  port.on('message', (message: WorkerRequest) => {
    switch (message.type) {
      case 'known':
        for (const hash of message.hashes) known.add(hash)
        return
      case 'knowledge':
        knowledge = message.knowledge
        return
      case 'detect':
        try {
          reply({ id: message.id, typos: detectSuspicious(message.text, knowledge).map(toSuggestionInput) })
        } catch (error) {
          reply({ id: message.id, error: (error as Error).message })
        }
        return
      case 'prepare': {
        let prepared: Prepared
        try {
          const bytes = 'bytes' in message ? message.bytes : fs.readFileSync(message.path)
          const name = 'bytes' in message ? message.name : path.basename(message.path)
          prepared = preparePage(bytes, isKnown, propose, name, message.edition ?? null)
        } catch (error) {
          prepared = { status: 'failed', reason: `cannot read file: ${(error as Error).message}` }
        }
        reply({ id: message.id, prepared })
      }
    }
  })
}
