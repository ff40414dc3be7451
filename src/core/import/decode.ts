import { Buffer, isUtf8, transcode } from 'node:buffer'
import { decodeLegacy, utf16WithoutMark } from './legacy'
import { TextDecoder } from 'node:util'
import { MAX_PAGE_BYTES } from '../../shared/limits'

// Detects the encoding of a page file and decodes it, or says in a few words why it cannot.

export { MAX_PAGE_BYTES }

export type PageEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5'

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
  utf16be: new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true })
}

/** Visible text: anything but white space and the invisible format characters OCR leaves. */
const VISIBLE = /[^\s\u200b-\u200f\u2060-\u2064\ufeff\u00ad]/

export function decodePage(bytes: Uint8Array): DecodedPage {
  if (bytes.length === 0) throw new DecodeError('empty file')
  if (bytes.length > MAX_PAGE_BYTES) {
    throw new DecodeError(`file too large (${(bytes.length / 1024 / 1024).toFixed(1)} MB, the limit is 20 MB)`)
  }
  const decoded = decodeByMarks(bytes)
  if (decoded.text.includes('\u0000')) throw new DecodeError('binary file (contains NUL characters)')
  if (!looksLikeText(decoded.text)) throw new DecodeError(`binary file (control characters in ${decoded.encoding} text)`)
  if (!VISIBLE.test(decoded.text)) throw new DecodeError('blank page (only white space or invisible characters)')
  return decoded
}

function decodeByMarks(bytes: Uint8Array): DecodedPage {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strict(decoders.utf8, bytes.subarray(3), 'UTF-8 (with BOM)'), encoding: 'utf-8-bom' }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16(decoders.utf16le, bytes, 'LE'), encoding: 'utf-16le' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16(decoders.utf16be, bytes, 'BE'), encoding: 'utf-16be' }
  if (bytes.includes(0)) {
    const wide = utf16WithoutMark(bytes)
    if (wide) return wide
    throw new DecodeError('binary file (contains NUL bytes)')
  }
  // Validating first and then decoding without checks is several times faster than a fatal
  // TextDecoder, and almost every page is UTF-8.
  if (isUtf8(bytes)) return { text: utf8Text(bytes), encoding: 'utf-8' }
  const legacy = decodeLegacy(bytes)
  if ('refused' in legacy) throw new DecodeError(legacy.refused)
  return legacy
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

// Tabs, line and form feeds are text; a few other C0/C1 controls (an OCR engine's stray escape)
// are tolerated, many are not.
function looksLikeText(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text
  let controls = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c < 0xa0)) controls++
  }
  return controls <= 2 + sample.length * 0.01
}

export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}
