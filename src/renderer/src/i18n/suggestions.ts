import type { SuggestionRecord } from '../../../shared/types'
import type { Translate } from './index'
import { zh, type MessageKey } from './zh'

/**
 * A suggestion's explanation in the UI's language, made from its rule and fields. The message
 * core stores is English, for the CLI and the logs; it never reaches the editor's screen.
 */
export function suggestionMessage(t: Translate, s: Pick<SuggestionRecord, 'rule' | 'original' | 'replacement'> & { message?: string }): string {
  const params = { original: s.original, replacement: s.replacement || '∅' }
  const words = s.rule === 'typo' && s.message ? TYPO_WORDS.exec(s.message) : null
  if (words) {
    const key: MessageKey = words[2] === 'is not a word here' ? 'suggestionMessage.typoNotAWord' : 'suggestionMessage.typoDoesNotFit'
    return t(key, { ...params, word: words[1]!, fixed: words[3]! })
  }
  const key = `suggestionMessage.${s.rule}` as MessageKey
  return key in zh ? t(key, params) : t('suggestionMessage.other', params)
}

/**
 * The words a typo's core message names (src/core/typos/suspicious.ts, typoMessage):
 * "末来 is not a word here; 未来 is, and OCR often reads 未 as 末".
 */
const TYPO_WORDS = /^(\S+) (is not a word here|does not fit here); (\S+) is, and OCR often reads \S+ as \S+$/u
