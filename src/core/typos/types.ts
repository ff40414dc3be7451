export type TypoRule = 'typo' | 'name-variant' | 'dictionary'

export interface TypoSuggestion {
  rule: TypoRule
  /** UTF-16 offsets into the text passed in. */
  start: number
  end: number
  original: string
  replacement: string
  /** 0..1 */
  confidence: number
  message: string
  alternatives?: string[]
}

export interface DictionaryEntry {
  original: string
  replacement: string
  contextBefore?: string
  contextAfter?: string
}

export interface RejectedFix {
  original: string
  replacement: string
  /** Text around the rejected occurrence, containing `original` (see suggestionContext). */
  context: string
  /**
   * The same context split around `original`, when known: a rejected character fix is then
   * not offered again for the same word anywhere (the word is found in these).
   */
  contextBefore?: string
  contextAfter?: string
}

export interface DetectOptions {
  /** Never flagged, wherever they occur. */
  protectedTerms?: string[]
  /** Learned fixes: suggested (rule `dictionary`) wherever `original` occurs in context. */
  dictionary?: DictionaryEntry[]
  /** Fixes the editor rejected in a given context: not suggested there again. */
  rejected?: RejectedFix[]
  /** Person names seen across the edition, with counts (from extractNames over its pages). */
  knownNames?: Map<string, number>
  /**
   * Text the editor approved in this publication (its approved pages): a word read there too
   * is a word of the publication, not a misreading.
   */
  knownText?: string
  /**
   * The page is set in traditional script (typos/variants.ts). Decided from the text passed when
   * not given; a part of a page (the lines an edit changed) takes its page's (isTraditionalPage).
   */
  traditional?: boolean
}

export interface NameOccurrence {
  name: string
  start: number
  end: number
}

export interface NameVariant {
  variant: string
  preferred: string
  confidence: number
}
