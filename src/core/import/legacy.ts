import { TextDecoder } from 'node:util'
import iconv from 'iconv-lite'
import jschardet from 'jschardet'

// Pages that are neither UTF-8 nor marked UTF-16: UTF-16 without its mark, the Chinese legacy
// encodings (GB18030/GBK on the mainland, Big5 in Hong Kong and Taiwan), or an encoding Galley
// does not take, which is named rather than imported as gibberish. Almost any byte string
// decodes as GB18030 (Korean EUC-KR even lands on common hanzi), so a decoding is taken only
// when its text reads like Chinese: nearly all its hanzi among the common ones of that
// encoding, and the detector (jschardet, a port of Mozilla's) does not see another language.

export type LegacyResult = { text: string; encoding: 'gb18030' | 'big5' } | { refused: string }

const gb18030 = new TextDecoder('gb18030', { fatal: true, ignoreBOM: true })
const SAMPLE_BYTES = 64 * 1024

/** Encodings the detector names that Galley refuses, as the editor would know them. */
const FOREIGN: Record<string, string> = {
  SHIFT_JIS: 'Shift-JIS (Japanese)',
  CP932: 'Shift-JIS (Japanese)',
  'EUC-JP': 'EUC-JP (Japanese)',
  'ISO-2022-JP': 'ISO-2022-JP (Japanese)',
  'EUC-KR': 'EUC-KR (Korean)',
  CP949: 'EUC-KR (Korean)',
  JOHAB: 'Johab (Korean)',
  'ISO-2022-KR': 'ISO-2022-KR (Korean)'
}

const EAST_ASIAN = ['GB2312', 'GB18030', 'Big5', 'EUC-KR', 'SHIFT_JIS', 'EUC-JP', 'ISO-2022-JP', 'ISO-2022-KR']

export function decodeLegacy(bytes: Uint8Array): LegacyResult {
  let gb: string | null = null
  try {
    gb = gb18030.decode(bytes)
  } catch {
    gb = null
  }
  // The common case, settled without the detector: GB text whose hanzi are nearly all common
  // and spread over all of GB 2312's level 1 (Korean Hangul in EUC-KR lands only on its first
  // 25 rows, B0–C8; Chinese text has a good share after them).
  if (gb !== null && looksLikeChinese(gb) && commonShare(gb, gbCommon()) >= 0.8 && commonShare(gb, gbCommon(), LATE_ROWS) >= 0.1) {
    return { text: gb, encoding: 'gb18030' }
  }
  const sample = bytes.subarray(0, SAMPLE_BYTES)
  const sampleBuffer = Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength)
  // Only the East Asian probers: the full set costs 30 ms a page, these under 1 ms.
  const guesses = jschardet.detectAll(sampleBuffer, { minimumThreshold: 0, detectEncodings: EAST_ASIAN })
  const top = guesses[0]
  const foreign = top?.encoding ? FOREIGN[top.encoding.toUpperCase()] : undefined
  const confidence = (names: string[]): number => Math.max(0, ...guesses.filter((g) => g.encoding && names.includes(g.encoding.toUpperCase())).map((g) => g.confidence))
  const gbConfidence = confidence(['GB18030', 'GB2312', 'GBK'])
  // Another language only when the detector is sure of it, and surer than of Chinese.
  const elsewhere = foreign !== undefined && top!.confidence >= 0.5 && top!.confidence > gbConfidence

  if (gb !== null && !elsewhere && looksLikeChinese(gb) && commonShare(gb, gbCommon()) >= 0.8) return { text: gb, encoding: 'gb18030' }

  const big5 = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'big5')
  if (!elsewhere && !big5.includes('\ufffd') && looksLikeChinese(big5) && commonShare(big5, big5Common()) >= 0.8) return { text: big5, encoding: 'big5' }

  if (foreign) return { refused: `looks like ${foreign}, an encoding Galley does not take: save it as UTF-8` }
  const other = jschardet.detect(sampleBuffer, { minimumThreshold: 0 })
  if (other.encoding && other.confidence >= 0.5 && !/^(GB|BIG5|UTF|ASCII)/i.test(other.encoding)) {
    return { refused: `looks like ${other.encoding} text, not Chinese: Galley takes UTF-8, UTF-16, GB18030/GBK and Big5` }
  }
  return { refused: 'undecodable bytes (neither UTF-8, UTF-16, GB18030/GBK nor Big5 text)' }
}

/**
 * UTF-16 without its byte-order mark, for bytes that hold zeros (no UTF-8 or GB text does):
 * the byte order whose text is nearly all characters of printed text. (The zero bytes alone
 * do not tell the order: the ideographic space U+3000 and 一 U+4E00 put theirs on the other
 * side from ASCII's.)
 */
export function utf16WithoutMark(bytes: Uint8Array): { text: string; encoding: 'utf-16le' | 'utf-16be' } | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null
  let best: { text: string; encoding: 'utf-16le' | 'utf-16be'; share: number } | null = null
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    let text: string
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes)
    } catch {
      continue
    }
    const share = plausibleShare(text)
    if (share >= 0.95 && (!best || share > best.share)) best = { text, encoding, share }
  }
  return best ? { text: best.text, encoding: best.encoding } : null
}

function sampleOf(text: string): string {
  return text.length > 65536 ? text.slice(0, 65536) : text
}

/** Share of the text's characters (in its first 64K) that `accept` takes. */
function shareOf(text: string, accept: (c: number) => boolean): number {
  let good = 0
  let total = 0
  for (const ch of sampleOf(text)) {
    total++
    if (accept(ch.codePointAt(0)!)) good++
  }
  return total === 0 ? 0 : good / total
}

const isLayout = (c: number): boolean => (c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09

/** Characters of printed text in any of the scripts a page may hold (for UTF-16 guesses). */
function plausibleShare(text: string): number {
  return shareOf(
    text,
    (c) =>
      isLayout(c) ||
      (c >= 0xa0 && c < 0x250) ||
      (c >= 0x2000 && c < 0x2070) ||
      (c >= 0x3000 && c < 0x3100) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xff00 && c <= 0xffef)
  )
}

export function looksLikeChinese(text: string): boolean {
  const share = shareOf(
    text,
    (c) =>
      isLayout(c) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3000 && c <= 0x303f) ||
      (c >= 0xff00 && c <= 0xffef) ||
      (c >= 0x2010 && c <= 0x206f) ||
      c === 0xa0 ||
      c === 0xb7
  )
  return share >= 0.97
}

/** GB 2312 rows C9–D7: the second part of level 1, which EUC-KR's Hangul never decodes to. */
const LATE_ROWS = 0xc9

/**
 * Share of the text's hanzi that are among the common ones (from row `fromRow` on, for GB);
 * 1 when it has none to judge by.
 */
function commonShare(text: string, common: Uint8Array, fromRow = 1): number {
  const sample = sampleOf(text)
  let han = 0
  let hits = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if (c < 0x3400 || c > 0x9fff) continue
    han++
    if (common[c]! >= fromRow) hits++
  }
  return han === 0 ? 1 : hits / han
}

let gbTable: Uint8Array | null = null
let big5Table: Uint8Array | null = null

/** GB 2312's level-1 hanzi (rows B0–D7): the 3,755 characters of everyday mainland text, by row. */
function gbCommon(): Uint8Array {
  if (gbTable) return gbTable
  const table = new Uint8Array(0x10000)
  const decoder = new TextDecoder('gb18030')
  for (let b1 = 0xb0; b1 <= 0xd7; b1++) {
    for (let b2 = 0xa1; b2 <= 0xfe; b2++) table[decoder.decode(new Uint8Array([b1, b2])).charCodeAt(0)] = b1
  }
  return (gbTable = table)
}

/** Big5's frequently used hanzi (A440–C67E): the 5,401 characters of everyday traditional text. */
function big5Common(): Uint8Array {
  if (big5Table) return big5Table
  const table = new Uint8Array(0x10000)
  const bytes: number[] = []
  for (let b1 = 0xa4; b1 <= 0xc6; b1++) {
    for (let b2 = 0x40; b2 <= 0xfe; b2++) {
      if ((b2 > 0x7e && b2 < 0xa1) || (b1 === 0xc6 && b2 > 0x7e)) continue
      bytes.push(b1, b2)
    }
  }
  for (const ch of iconv.decode(Buffer.from(bytes), 'big5')) table[ch.charCodeAt(0)] = 1
  table[0xfffd] = 0
  return (big5Table = table)
}
