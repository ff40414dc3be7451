// The text FTS5 indexes: every CJK (or other non-Latin) letter becomes a token of its own,
// Latin words and numbers stay whole, punctuation becomes a marker token so that a phrase
// never matches across it, and a line break becomes another marker so that a phrase never
// spans two paragraphs. A query goes through the same transform and is searched as a phrase.

const PUNCT = '\uE000'
const BREAK = '\uE001'

const LETTER = /[\p{L}\p{N}]/u

const enum Kind {
  Word,
  Space,
  Break,
  Letter,
  Punct
}

// Hot on import (every page, every save): a table for the BMP instead of a regex per character.
const kinds = new Uint8Array(0x10000)
for (let c = 0; c < 0x10000; c++) {
  const ch = String.fromCharCode(c)
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) kinds[c] = Kind.Word
  else if (c === 0x0a) kinds[c] = Kind.Break
  else if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x3000 || c === 0xa0) kinds[c] = Kind.Space
  else if (c >= 0xd800 && c <= 0xdfff) kinds[c] = Kind.Letter // surrogate halves: decided per pair below
  else kinds[c] = LETTER.test(ch) ? Kind.Letter : Kind.Punct
}

export function toSearchTokens(text: string): string[] {
  const tokens: string[] = []
  let wordStart = -1
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    const kind = kinds[c]
    if (kind === Kind.Word) {
      if (wordStart < 0) wordStart = i
      continue
    }
    if (wordStart >= 0) {
      tokens.push(text.slice(wordStart, i).toLowerCase())
      wordStart = -1
    }
    if (kind === Kind.Letter) {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const pair = text.slice(i, i + 2)
        tokens.push(LETTER.test(pair) ? pair : PUNCT)
        i++
      } else tokens.push(text[i]!)
    } else if (kind === Kind.Punct) tokens.push(PUNCT)
    else if (kind === Kind.Break && tokens[tokens.length - 1] !== BREAK) tokens.push(BREAK)
  }
  if (wordStart >= 0) tokens.push(text.slice(wordStart).toLowerCase())
  return tokens
}

/**
 * `toSearchTokens(text).join(' ')`, written straight into a buffer: this runs for every page
 * imported and every save, and one string per character was most of its cost.
 */
export function toSearchDocument(text: string): string {
  const n = text.length
  const out = new Uint16Array(2 * n + 1)
  let o = 0
  let inWord = false
  let lastBreak = false
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    const kind = kinds[c]
    if (kind === Kind.Word) {
      if (!inWord) {
        if (o > 0) out[o++] = 0x20
        inWord = true
        lastBreak = false
      }
      out[o++] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c
      continue
    }
    inWord = false
    if (kind === Kind.Space) continue
    if (kind === Kind.Break && lastBreak) continue
    if (o > 0) out[o++] = 0x20
    lastBreak = kind === Kind.Break
    if (kind === Kind.Break) out[o++] = BREAK_CODE
    else if (kind === Kind.Punct) out[o++] = PUNCT_CODE
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const low = text.charCodeAt(i + 1)
      if (low < 0xdc00 || low > 0xdfff) return toSearchTokens(text).join(' ')
      if (LETTER.test(text.slice(i, i + 2))) {
        out[o++] = c
        out[o++] = low
      } else out[o++] = PUNCT_CODE
      i++
    } else {
      // a lone surrogate half: a decoder would replace it, the slow path keeps it
      if (c >= 0xd800 && c <= 0xdfff) return toSearchTokens(text).join(' ')
      out[o++] = c
    }
  }
  return utf16.decode(out.subarray(0, o))
}

const utf16 = new TextDecoder('utf-16le')

const PUNCT_CODE = PUNCT.charCodeAt(0)
const BREAK_CODE = BREAK.charCodeAt(0)

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
