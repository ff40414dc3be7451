// Safe fixes: white space and punctuation width. Both are idempotent, so the cleaned page is a
// fixed point, and both leave numbers, times, addresses, URLs and Latin words alone.
import { HALF_TO_FULL, isAsciiAlnum, isCjk, isCjkPunct, isDigit, isHan, isHanCode } from './chars'
import { ROLE } from './cues'
import { log } from '../log'

const ODD_SPACE = /[\t\u00a0\u3000\u2000-\u200a\u202f\u205f]/g
const ZERO_WIDTH = /[\u200b\u200c\u200d\ufeff]/g
/** Anything fixWhitespaceLine could change: white space trim() removes, odd spaces, zero widths. */
const ANY_SPACE = /[\s\u200b\u200c\u200d\ufeff]/
const PROTECTED_TOKEN = /(?:https?:\/\/|www\.)[!-~]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g

function protectedMask(line: string): Uint8Array | null {
  let mask: Uint8Array | null = null
  PROTECTED_TOKEN.lastIndex = 0
  for (let m = PROTECTED_TOKEN.exec(line); m; m = PROTECTED_TOKEN.exec(line)) {
    mask ??= new Uint8Array(line.length)
    mask.fill(1, m.index, m.index + m[0].length)
  }
  return mask
}

function prevVisible(s: string, i: number): string | undefined {
  for (let j = i - 1; j >= 0; j--) if (s[j] !== ' ') return s[j]
  return undefined
}
function nextVisible(s: string, i: number): string | undefined {
  for (let j = i + 1; j < s.length; j++) if (s[j] !== ' ') return s[j]
  return undefined
}

const PAREN = /[()]/g

/** Where each half-width `(` or `)` would go, paired so that a pair converts as a whole. */
function parenDecisions(line: string, mask: Uint8Array | null): Map<number, boolean> {
  const out = new Map<number, boolean>()
  PAREN.lastIndex = 0
  for (let m = PAREN.exec(line); m; m = PAREN.exec(line)) {
    const i = m.index
    const c = m[0]
    if (mask?.[i]) continue
    if (c === ')' && out.has(i)) continue
    if (c === '(') {
      let close = -1
      for (let j = i + 1; j < line.length && j <= i + 80; j++) {
        if (line[j] === '(' || line[j] === '（') break
        if (line[j] === ')') {
          close = j
          break
        }
      }
      if (close >= 0) {
        const inner = line.slice(i + 1, close)
        let hasHan = false
        for (let k = 0; k < inner.length && !hasHan; k++) hasHan = isHanCode(inner.charCodeAt(k))
        const chinese = hasHan || ((isCjk(prevVisible(line, i)) || isCjk(nextVisible(line, close))) && !/^[\d\s+\-.]*$/.test(inner))
        out.set(i, chinese)
        out.set(close, chinese)
        continue
      }
    }
    out.set(i, isCjk(prevVisible(line, i)) || isCjk(nextVisible(line, i)))
  }
  return out
}

const HALF_MARK = /[,():;?!]/g

/** Half-width punctuation in Chinese context -> full width; how many were changed. */
export function fixWidthLine(line: string): { text: string; changed: number } {
  if (!/[,():;?!]/.test(line)) return { text: line, changed: 0 }
  const mask = protectedMask(line)
  const parens = line.includes('(') || line.includes(')') ? parenDecisions(line, mask) : null
  // built from slices, not character by character: a line may be megabytes long
  const parts: string[] = []
  let from = 0
  let changed = 0
  // Only the few half-width marks matter: jump from one to the next instead of visiting every
  // character (most of a page is Chinese).
  HALF_MARK.lastIndex = 0
  for (let m = HALF_MARK.exec(line); m; m = HALF_MARK.exec(line)) {
    const i = m.index
    const c = m[0]
    const full = HALF_TO_FULL[c]
    if (full === undefined || mask?.[i]) continue
    const prev = prevVisible(line, i)
    const next = nextVisible(line, i)
    let convert: boolean
    if (c === '(' || c === ')') convert = parens?.get(i) ?? false
    else if (c === ',' || c === ':' || c === ';') {
      // 1,200 and 8:30 stay; so does anything with Latin/digits on both sides
      convert = !(isDigit(prev) && isDigit(next)) && (isCjk(prev) || (isCjk(next) && !(c === ':' && isAsciiAlnum(prev) && isDigit(next))))
    } else convert = isCjk(prev) || (isCjk(next) && !isAsciiAlnum(prev))
    if (convert) {
      parts.push(line.slice(from, i), full)
      from = i + 1
      changed++
    }
  }
  if (changed === 0) return { text: line, changed }
  parts.push(line.slice(from))
  return { text: parts.join(''), changed }
}

/** Count of Chinese full-width marks that have a half-width twin (，（）：；？！). */
export function fullWidthMarks(line: string): number {
  let n = 0
  FULL_MARK.lastIndex = 0
  while (FULL_MARK.test(line)) n++
  return n
}
const FULL_MARK = /[，（）：；？！]/g

// Bylines keep the space between role and names and between names; so does a credit after
// the last sentence (`。 本报记者 王小明`).
const BYLINE_SPAN = new RegExp(`\\s?${ROLE}(?:\\s*[:：/／]?\\s*[\\u4e00-\\u9fff·]{2,5})(?:\\s+[\\u4e00-\\u9fff·]{2,5}){0,6}(?:\\s+摄)?`, 'g')
const CREDIT_SPAN = /\s[\u4e00-\u9fff·]{2,5}(?:\s+[\u4e00-\u9fff·]{2,5}){0,3}\s*[/／]?\s*摄[）)]?$/

/** Prose, as opposed to a title, label or byline whose inner spaces are meaningful. */
function isProse(line: string): boolean {
  return /[，。；,;]/.test(line) || (line.length > 24 && /[、！？!?：:]/.test(line))
}

const SPACE = 0x20
const [OPEN_DOUBLE, CLOSE_DOUBLE, OPEN_SINGLE, CLOSE_SINGLE, OPEN_TITLE, CLOSE_TITLE] = [...'“”‘’《》'].map((c) => c.charCodeAt(0))

/** Leading/trailing/odd white space; stray spaces between Chinese characters in prose. */
export function fixWhitespaceLine(line: string): string {
  // Most lines have no white space at all: one scan instead of two replacements and a trim.
  if (!ANY_SPACE.test(line)) return line
  let s = line.replace(ODD_SPACE, ' ').replace(ZERO_WIDTH, '')
  s = s.trim()
  if (!s.includes(' ')) return s
  s = s.replace(/ {2,}/g, ' ')
  if (!isProse(s)) return s
  let keep: Uint8Array | null = null
  const markKeep = (from: number, to: number): void => {
    keep ??= new Uint8Array(s.length)
    keep.fill(1, from, to)
  }
  BYLINE_SPAN.lastIndex = 0
  for (let m = BYLINE_SPAN.exec(s); m; m = BYLINE_SPAN.exec(s)) markKeep(m.index, m.index + m[0].length)
  const tailFrom = Math.max(0, s.length - 60)
  const credit = CREDIT_SPAN.exec(s.slice(tailFrom))
  if (credit) markKeep(tailFrom + credit.index, s.length)
  const parts: string[] = []
  let from = 0
  // a space inside quotes or title marks belongs to what is quoted (`“传承精神 接受教育”`)
  let quoted = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === OPEN_DOUBLE || c === OPEN_TITLE || c === OPEN_SINGLE) quoted++
    else if ((c === CLOSE_DOUBLE || c === CLOSE_TITLE || c === CLOSE_SINGLE) && quoted > 0) quoted--
    if (c === SPACE && quoted === 0 && !(keep as Uint8Array | null)?.[i]) {
      const prev = s[i - 1]
      const next = s[i + 1]
      if ((isHan(prev) && isHan(next)) || isCjkPunct(prev) || isCjkPunct(next)) {
        parts.push(s.slice(from, i))
        from = i + 1
      }
    }
  }
  parts.push(s.slice(from))
  return parts.join('')
}

/** Both fixes for one line; `width` false leaves punctuation as it is. */
export function fixLine(line: string, width: boolean): string {
  const spaced = fixWhitespaceLine(line)
  return width ? fixWhitespaceLine(fixWidthLine(spaced).text) : spaced
}

/** White space + punctuation width, for a single block of text (one or more lines). */
export function applySafeFixes(text: string): string {
  try {
    return String(text)
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((l) => fixLine(l, true))
      .join('\n')
  } catch (error) {
    log.error('safe fixes failed on a block of text; it is kept as it was', error)
    return String(text)
  }
}

/**
 * A page is already full-width when it has no half-width mark in Chinese context, or so few next
 * to its full-width ones that they are deliberate or not worth an automatic change.
 * `half`: marks a width fix would change; `full`: full-width marks already there.
 */
export function looksFullWidth(half: number, full: number): boolean {
  return half === 0 || full >= 10 * half
}
