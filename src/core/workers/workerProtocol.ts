import type { EditionEvidence } from '../analysis'
import type { DetectOptions } from '../typos'
import type { SuggestionInput } from '../model/suggestion'
import type { Prepared } from '../import/prepare'
import type { PageForReproposal, ReproposalOutcome, ReproposalSetting } from '../learning/reproposal'

/** Messages between the main thread and its page workers (pageWorker.ts). */
export type WorkerRequest =
  | { type: 'known'; hashes: string[] }
  | { type: 'prepare'; id: number; path: string; edition?: EditionEvidence | null }
  | { type: 'prepare'; id: number; bytes: Uint8Array; name?: string; edition?: EditionEvidence | null }
  | { type: 'knowledge'; knowledge: DetectOptions }
  | { type: 'detect'; id: number; text: string }
  /** Load now what the first detection would load (the typo model), so that it is ready when pages come. */
  | { type: 'warm' }
  | { type: 'reproposalSetting'; setting: ReproposalSetting }
  /** Pages of one edition proposed again; `edition`: the original texts its evidence is read from. */
  | { type: 'repropose'; id: number; edition: string[]; pages: PageForReproposal[] }

export type WorkerReply =
  | { id: number; prepared: Prepared }
  | { id: number; typos: SuggestionInput[] }
  | { id: number; reproposed: ReproposalOutcome[] }
  | { id: number; error: string }

/** A log line of the worker's, for the starting thread's log (its file, in the app). */
export interface WorkerLog {
  log: string
}
