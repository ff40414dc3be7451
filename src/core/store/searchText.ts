// The text FTS5 indexes: every CJK (or other non-Latin) letter becomes a token of its own,
// Latin words and numbers stay whole, punctuation becomes a marker token so that a phrase
// never matches across it, and a line break becomes another marker so that a phrase never
// spans two paragraphs. A query goes through the same transform and is searched as a phrase.

const PUNCT = '\uE000'
const BREAK = '\uE001'

const WORD_CHAR = /[A-Za-z0-9]/
const LETTER = /[\p{L}\p{N}]/u

export function toSearchTokens(text: string): string[] {
  const tokens: string[] = []
  let word = ''
  const flush = (): void => {
    if (word) tokens.push(word.toLowerCase())
    word = ''
  }
  for (const ch of text) {
    if (WORD_CHAR.test(ch)) {
      word += ch
      continue
    }
    flush()
    if (ch === '\n') {
      if (tokens[tokens.length - 1] !== BREAK) tokens.push(BREAK)
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\u3000' || ch === '\u00a0') {
      // white space separates words but is not a token: editors type queries without it
    } else if (LETTER.test(ch)) {
      tokens.push(ch)
    } else {
      tokens.push(PUNCT)
    }
  }
  flush()
  return tokens
}

export function toSearchDocument(text: string): string {
  return toSearchTokens(text).join(' ')
}

/**
 * An FTS5 MATCH expression for a user's query, or null when the query has nothing to search.
 * A trailing Latin word is matched as a prefix, so `PP` finds `PPT`.
 */
export function toMatchExpression(query: string): string | null {
  const tokens = toSearchTokens(query).filter((t) => t !== BREAK)
  while (tokens[0] === PUNCT) tokens.shift()
  while (tokens[tokens.length - 1] === PUNCT) tokens.pop()
  if (tokens.length === 0) return null
  const phrase = `"${tokens.join(' ').replace(/"/g, '""')}"`
  const last = tokens[tokens.length - 1] ?? ''
  return /^[a-z0-9]+$/.test(last) ? `${phrase} *` : phrase
}
