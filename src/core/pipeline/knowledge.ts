import type { Db } from '../store/database'
import type { DetectOptions } from '../typos'
import { listCorrections, listProtectedTerms, storeNameCounts } from '../store/queries/knowledge'

/** What the editor has taught Galley, as options for typo detection. Read once per batch. */
export function loadKnowledge(db: Db): DetectOptions {
  const corrections = listCorrections(db)
  return {
    protectedTerms: listProtectedTerms(db),
    dictionary: corrections
      .filter((c) => c.decision === 'accepted')
      .map((c) => ({ original: c.original, replacement: c.replacement, contextBefore: c.contextBefore, contextAfter: c.contextAfter })),
    rejected: corrections
      .filter((c) => c.decision === 'rejected')
      .map((c) => ({ original: c.original, replacement: c.replacement, context: c.contextBefore + c.original + c.contextAfter })),
    knownNames: storeNameCounts(db)
  }
}
