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
import { editionEvidence } from '../analysis'
import type { LearntRule } from '../../shared/types'
import { proposePageAgain, ruleIndex, type ReproposalSetting } from '../learning/reproposal'

/** A line read once to load the typo model and whatever else the first detection loads. */
const WARM_TEXT = '本报讯 记者从市政府获悉，今年全市新建社区服务中心十二个。'

const port = parentPort
if (port) {
  // What the analysis logs here goes to the log of the thread that started the worker.
  setLogSink((line) => port.postMessage({ log: line } satisfies WorkerLog))
  const known = new Set<string>()
  const propose = structureProposer()
  const isKnown = (sha256: string): boolean => known.has(sha256)
  let knowledge: DetectOptions = {}
  let reproposal: { setting: ReproposalSetting; rules: Map<string, LearntRule> } | null = null
  const reply = (message: WorkerReply): void => port.postMessage(message)
  port.on('message', (message: WorkerRequest) => {
    switch (message.type) {
      case 'known':
        for (const hash of message.hashes) known.add(hash)
        return
      case 'knowledge':
        knowledge = message.knowledge
        return
      case 'warm':
        // a kept pool (learning/reproposalPool.ts) readies its workers before the pages come
        try {
          detectSuspicious(WARM_TEXT)
        } catch (error) {
          port.postMessage({ log: `page worker could not warm up: ${(error as Error).message}` } satisfies WorkerLog)
        }
        return
      case 'detect':
        try {
          reply({ id: message.id, typos: detectSuspicious(message.text, knowledge).map(toSuggestionInput) })
        } catch (error) {
          reply({ id: message.id, error: (error as Error).message })
        }
        return
      case 'reproposalSetting':
        reproposal = { setting: message.setting, rules: ruleIndex(message.setting.rules) }
        return
      case 'repropose':
        try {
          if (!reproposal) throw new Error('no re-proposal setting was sent')
          const { setting, rules } = reproposal
          const texts = message.edition.map((t) => t.replace(/\r\n?/g, '\n'))
          const evidence = texts.length >= 2 ? editionEvidence(texts) : null
          reply({ id: message.id, reproposed: message.pages.map((page) => proposePageAgain(page, setting, rules, evidence)) })
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
