// File and folder names that are valid on Windows, macOS and Linux, keep Chinese titles
// readable, are bounded in length, never collide, and come out the same on every run
// (they depend only on the exported data, in its fixed order).

// Windows forbids <>:"/\|? and *; controls are invalid or hostile everywhere; bidi and
// zero-width marks make names that look alike but differ.
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g
const SPACES = /[\s\u3000]+/g
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i

/** Names are kept well under the 255-byte limit so that folder + name fit Windows paths too. */
export const MAX_NAME_BYTES = 120

const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8')

/** Cuts at a code point boundary so that the UTF-8 form fits in `maxBytes`. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text
  let out = ''
  let bytes = 0
  for (const ch of text) {
    const n = utf8Length(ch)
    if (bytes + n > maxBytes) break
    out += ch
    bytes += n
  }
  return out
}

/**
 * One path component made safe: reserved characters become `_`, white space `_`, no leading
 * dot or dash, no trailing dot or space, no device name, at most `maxBytes` of UTF-8.
 */
export function safeName(raw: string, fallback: string, maxBytes = MAX_NAME_BYTES): string {
  let name = raw.normalize('NFC').replace(INVISIBLE, '').replace(FORBIDDEN, '_').replace(SPACES, '_')
  name = name.replace(/_+/g, '_')
  name = trimEnds(truncateUtf8(trimEnds(name), maxBytes))
  if (name === '' || /^_*$/.test(name)) name = fallback
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`
  return name
}

function trimEnds(name: string): string {
  return name.replace(/^[._\- ]+/, '').replace(/[. _]+$/, '')
}

/**
 * Hands out names unique within one folder. Case-insensitive and normalisation-insensitive,
 * as Windows and macOS compare names; a clash gets `~2`, `~3`… in the order names are asked for.
 */
export class NameRegistry {
  private readonly taken = new Set<string>()

  claim(stem: string, extension = ''): string {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? stem : `${stem}~${n}`
      const key = (candidate + extension).normalize('NFC').toLowerCase()
      if (this.taken.has(key)) continue
      this.taken.add(key)
      return candidate + extension
    }
  }
}
