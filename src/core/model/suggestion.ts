import type { SuggestionRecord } from '../../shared/types'

// A suggested fix as the detections propose it, before the store gives it an id and a page.
export type SuggestionInput = Omit<SuggestionRecord, 'id' | 'pageId' | 'revisionId' | 'status'>
