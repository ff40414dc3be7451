// A GB18030 encoder derived from the platform's decoder: Node ships only decoders for legacy
// encodings and iconv-lite is not a dependency, so we invert TextDecoder('gb18030') over
// its two- and four-byte code space once, on first use.

let table: Uint32Array | null | undefined

function buildTable(): Uint32Array | null {
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder('gb18030')
  } catch {
    return null
  }
  // For each BMP code unit: 0 = unmapped, <= 0xffff a two-byte code, otherwise four bytes.
  const t = new Uint32Array(0x10000)
  const two = new Uint8Array(2)
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      two[0] = lead
      two[1] = trail
      const s = decoder.decode(two)
      if (s.length === 1 && s !== '\ufffd') {
        const c = s.charCodeAt(0)
        if (t[c] === 0) t[c] = (lead << 8) | trail
      }
    }
  }
  const four = new Uint8Array(4)
  for (let b1 = 0x81; b1 <= 0x84; b1++) {
    for (let b2 = 0x30; b2 <= 0x39; b2++) {
      for (let b3 = 0x81; b3 <= 0xfe; b3++) {
        for (let b4 = 0x30; b4 <= 0x39; b4++) {
          four[0] = b1
          four[1] = b2
          four[2] = b3
          four[3] = b4
          const s = decoder.decode(four)
          if (s.length !== 1 || s === '\ufffd') continue
          const c = s.charCodeAt(0)
          if (t[c] === 0) t[c] = ((b1 << 24) | (b2 << 16) | (b3 << 8) | b4) >>> 0
        }
      }
    }
  }
  return t
}

/** Whether this Node can produce GB18030 (it needs full ICU). */
export function gb18030Available(): boolean {
  if (table === undefined) table = buildTable()
  return table !== null
}

/** Encodes BMP text as GB18030; throws on a character it cannot map. */
export function encodeGb18030(text: string): Uint8Array {
  if (!gb18030Available() || !table) throw new Error('GB18030 is not available in this Node build')
  const t = table
  const out = new Uint8Array(text.length * 4)
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) {
      out[n++] = c
      continue
    }
    const code = t[c] ?? 0
    if (code === 0) throw new Error(`no GB18030 code for U+${c.toString(16).padStart(4, '0')}`)
    if (code <= 0xffff) {
      out[n++] = code >>> 8
      out[n++] = code & 0xff
    } else {
      out[n++] = code >>> 24
      out[n++] = (code >>> 16) & 0xff
      out[n++] = (code >>> 8) & 0xff
      out[n++] = code & 0xff
    }
  }
  return out.subarray(0, n)
}
