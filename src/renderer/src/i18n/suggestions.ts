import type { SuggestionRecord } from '../../../shared/types'
import type { Translate } from './index'
import { zh, type MessageKey } from './zh'

/**
 * A suggestion's explanation in the UI's language, made from its rule and fields. The message
 * core stores is English, for the CLI and the logs; it never reaches the editor's screen.
 */
export function suggestionMessage(t: Translate, s: Pick<SuggestionRecord, 'rule' | 'original' | 'replacement'>): string {
  const key = `suggestionMessage.${s.rule}` as MessageKey
  const params = { original: s.original, replacement: s.replacement || '∅' }
  return key in zh ? t(key, params) : t('suggestionMessage.other', params)
}
