// Character classes used by every stage. Code-unit tests, not regexes, because they run
// once per character on pages that may be megabytes long.

export function isHan(c: string | undefined): boolean {
  return c !== undefined && c !== '' && isHanCode(c.charCodeAt(0))
}

/**
 * isHan for a UTF-16 code unit. Loops over a line test codes, not `s[i]`: a one-character string
 * of a Chinese character is a new string each time, and a page has thousands of them.
 */
export function isHanCode(u: number): boolean {
  return (
    (u >= 0x4e00 && u <= 0x9fff) ||
    (u >= 0x3400 && u <= 0x4dbf) ||
    (u >= 0xf900 && u <= 0xfaff) ||
    // high surrogate of the supplementary ideograph planes (U+20000..U+3FFFF)
    (u >= 0xd840 && u <= 0xd8bf) ||
    u === 0x3007
  )
}

/** Full-width punctuation of Chinese typesetting (GB/T 15834). */
export const CJK_PUNCT = '，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』—…·～﹏'
const CJK_PUNCT_SET = new Set(CJK_PUNCT)

export function isCjkPunct(c: string | undefined): boolean {
  return c !== undefined && CJK_PUNCT_SET.has(c)
}

/** Han character or Chinese punctuation: the "Chinese context" for width fixes. */
export function isCjk(c: string | undefined): boolean {
  return isHan(c) || isCjkPunct(c)
}

export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9'
}

export function isAsciiAlnum(c: string | undefined): boolean {
  return c !== undefined && /^[0-9A-Za-z]$/.test(c)
}

/** Marks that end a sentence; a closing quote or bracket may follow them. */
const FINAL = new Set(['。', '！', '？', '…', '!', '?'])
const CLOSERS = new Set(['”', '’', '）', ')', '》', '」', '』', '】', '"', "'"])
/** Punctuation after which a sentence obviously goes on. */
const CONTINUING = new Set(['，', '、', '；', '：', ',', ';', ':', '—', '－', '-', '（', '(', '“', '‘', '《'])

export function endsSentence(s: string): boolean {
  let i = s.length - 1
  while (i >= 0 && CLOSERS.has(s[i]!)) i--
  return i >= 0 && FINAL.has(s[i]!)
}

/** Ends on a closing quote/bracket that does not follow sentence-final punctuation. */
export function endsOnBareCloser(s: string): boolean {
  const last = s[s.length - 1]
  return last !== undefined && CLOSERS.has(last) && !endsSentence(s)
}

export function endsContinuing(s: string): boolean {
  const last = s[s.length - 1]
  return last !== undefined && CONTINUING.has(last)
}

export function startsWithPunct(s: string): boolean {
  const c = s[0]
  return c !== undefined && (c === '，' || c === '、' || c === '。' || c === '；' || c === '：' || c === ',' || c === '！' || c === '？')
}

/** Number of Han characters (a length that ignores Latin, digits, spaces and punctuation). */
export function hanCount(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) if (isHanCode(s.charCodeAt(i))) n++
  return n
}

/** Visible length: characters other than white space. */
export function visibleLength(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 0xa0 && c !== 0x3000) n++
  }
  return n
}

/** White space and punctuation width removed: the form used to compare texts. */
export function comparable(s: string): string {
  return s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '').replace(/[,():;?!]/g, (c) => HALF_TO_FULL[c] ?? c)
}

export const HALF_TO_FULL: Record<string, string> = {
  ',': '，',
  '(': '（',
  ')': '）',
  ':': '：',
  ';': '；',
  '?': '？',
  '!': '！'
}
