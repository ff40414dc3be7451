import { Buffer, isUtf8, transcode } from 'node:buffer'
import { TextDecoder } from 'node:util'
import { MAX_PAGE_BYTES } from '../../shared/limits'

// Detects the encoding of a page file and decodes it, or says in a few words why it cannot.

export { MAX_PAGE_BYTES }

export type PageEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030'

export interface DecodedPage {
  text: string
  encoding: PageEncoding
}

export class DecodeError extends Error {
  override name = 'DecodeError'
}

const decoders = {
  utf8: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }),
  utf16le: new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }),
  utf16be: new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true }),
  gb18030: new TextDecoder('gb18030', { fatal: true, ignoreBOM: true })
}

export function decodePage(bytes: Uint8Array): DecodedPage {
  if (bytes.length === 0) throw new DecodeError('empty file')
  if (bytes.length > MAX_PAGE_BYTES) {
    throw new DecodeError(`file too large (${(bytes.length / 1024 / 1024).toFixed(1)} MB, the limit is 20 MB)`)
  }
  const decoded = decodeByMarks(bytes)
  if (decoded.text.includes('\u0000')) throw new DecodeError('binary file (contains NUL characters)')
  if (!looksLikeText(decoded.text)) throw new DecodeError(`binary file (control characters in ${decoded.encoding} text)`)
  if (decoded.text.trim() === '') throw new DecodeError('empty file (only white space)')
  return decoded
}

function decodeByMarks(bytes: Uint8Array): DecodedPage {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strict(decoders.utf8, bytes.subarray(3), 'UTF-8 (with BOM)'), encoding: 'utf-8-bom' }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16(decoders.utf16le, bytes, 'LE'), encoding: 'utf-16le' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16(decoders.utf16be, bytes, 'BE'), encoding: 'utf-16be' }
  if (bytes.includes(0)) throw new DecodeError('binary file (contains NUL bytes)')
  // Validating first and then decoding without checks is several times faster than a fatal
  // TextDecoder, and almost every page is UTF-8.
  if (isUtf8(bytes)) return { text: utf8Text(bytes), encoding: 'utf-8' }
  // not UTF-8: the Chinese legacy encodings are next
  let text: string
  try {
    text = decoders.gb18030.decode(bytes)
  } catch {
    throw new DecodeError('undecodable bytes (neither UTF-8 nor GB18030/GBK)')
  }
  // Almost any byte string is valid GB18030; real Chinese text stays within the common
  // characters, while binary data decodes to rare ones.
  if (!looksLikeChinese(text)) throw new DecodeError('undecodable bytes (neither UTF-8 nor GB18030/GBK text)')
  return { text, encoding: 'gb18030' }
}

/**
 * Valid UTF-8 as a string. V8's own UTF-8 decoding is slow for text that is mostly not ASCII:
 * converting to UTF-16 first and taking those code units as they are is several times faster
 * for a Chinese page. Node without ICU has no transcode: then V8 decodes.
 */
function utf8Text(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  try {
    return transcode(buffer, 'utf8', 'utf16le').toString('utf16le')
  } catch {
    return buffer.toString('utf8')
  }
}

function strict(decoder: TextDecoder, bytes: Uint8Array, label: string): string {
  try {
    return decoder.decode(bytes)
  } catch {
    throw new DecodeError(`undecodable bytes (invalid ${label})`)
  }
}

function utf16(decoder: TextDecoder, bytes: Uint8Array, order: 'LE' | 'BE'): string {
  if (bytes.length % 2 !== 0) throw new DecodeError(`undecodable bytes (UTF-16 ${order} with an odd number of bytes)`)
  return strict(decoder, bytes.subarray(2), `UTF-16 ${order}`)
}

// Tabs, line and form feeds are text; other C0/C1 controls in any number are not.
function looksLikeText(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text
  let controls = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c < 0xa0)) controls++
  }
  return controls <= Math.max(2, sample.length * 0.001)
}

function looksLikeChinese(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text
  let common = 0
  let total = 0
  for (const ch of sample) {
    const c = ch.codePointAt(0) ?? 0
    total++
    if (
      (c >= 0x20 && c < 0x7f) ||
      c === 0x0a ||
      c === 0x0d ||
      c === 0x09 ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3000 && c <= 0x303f) ||
      (c >= 0xff00 && c <= 0xffef) ||
      (c >= 0x2010 && c <= 0x206f) ||
      c === 0xa0 ||
      c === 0xb7
    ) {
      common++
    }
  }
  return total > 0 && common / total >= 0.97
}

export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}
