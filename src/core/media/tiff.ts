import zlib from 'node:zlib'

// Baseline TIFF, decoded so that the workbench can draw a TIFF scan (browsers cannot): the first
// image of the file, in strips or tiles, uncompressed, LZW, PackBits or Deflate (with or without
// the horizontal predictor), bilevel, grey (1 to 16 bits), palette or RGB(A). Fax (CCITT) and
// JPEG-in-TIFF compressions are refused with a one-line reason: the scan stays stored as it is.

export interface DecodedImage {
  width: number
  height: number
  /** 1 grey, 3 RGB, 4 RGBA; 8 bits a sample, rows top to bottom, no padding. */
  channels: 1 | 3 | 4
  data: Uint8Array
}

const COMPRESSION: Record<number, string> = { 2: 'CCITT RLE', 3: 'CCITT fax 3', 4: 'CCITT fax 4', 6: 'old JPEG', 7: 'JPEG', 34712: 'JPEG 2000' }

/** Pixels a TIFF may have before it is refused: a 6,000 × 9,000 RGBA scan is 54 M. */
const MAX_PIXELS = 200_000_000

export function decodeTiff(file: Uint8Array): DecodedImage {
  const b = Buffer.from(file.buffer, file.byteOffset, file.byteLength)
  if (b.length < 8) throw new Error('not a TIFF file (too short)')
  const le = b[0] === 0x49 && b[1] === 0x49
  if (!le && !(b[0] === 0x4d && b[1] === 0x4d)) throw new Error('not a TIFF file')
  const u16 = (at: number): number => (le ? b.readUInt16LE(at) : b.readUInt16BE(at))
  const u32 = (at: number): number => (le ? b.readUInt32LE(at) : b.readUInt32BE(at))
  if (u16(2) !== 42) throw new Error(u16(2) === 43 ? 'BigTIFF is not supported' : 'not a TIFF file')
  const ifd = u32(4)
  if (ifd + 2 > b.length) throw new Error('TIFF directory outside the file')
  const tags = new Map<number, number[]>()
  const size: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 6: 1, 7: 1, 8: 2, 9: 4 }
  for (let k = 0, count = u16(ifd); k < count; k++) {
    const e = ifd + 2 + k * 12
    if (e + 12 > b.length) throw new Error('TIFF directory outside the file')
    const tag = u16(e)
    const type = u16(e + 2)
    const n = u32(e + 4)
    const unit = size[type]
    if (!unit) continue
    const bytes = unit * n
    const at = bytes <= 4 ? e + 8 : u32(e + 8)
    if (at + bytes > b.length) throw new Error(`TIFF tag ${tag} outside the file`)
    if (n > 10_000_000) throw new Error(`TIFF tag ${tag} too long`)
    const values: number[] = []
    for (let i = 0; i < n; i++) {
      const p = at + i * unit
      values.push(unit === 1 ? b[p]! : unit === 2 ? u16(p) : u32(p))
    }
    tags.set(tag, values)
  }
  const one = (tag: number, fallback?: number): number => {
    const v = tags.get(tag)?.[0] ?? fallback
    if (v === undefined) throw new Error(`TIFF without tag ${tag}`)
    return v
  }
  const width = one(256)
  const height = one(257)
  if (width === 0 || height === 0 || width * height > MAX_PIXELS) throw new Error(`TIFF of ${width} × ${height} pixels`)
  const compression = one(259, 1)
  if (![1, 5, 8, 32946, 32773].includes(compression)) throw new Error(`TIFF compression ${compression} (${COMPRESSION[compression] ?? 'unknown'}) cannot be shown`)
  const photometric = one(262, 1)
  const spp = one(277, 1)
  const bits = tags.get(258)?.[0] ?? 1
  if (one(284, 1) !== 1) throw new Error('TIFF with separate colour planes cannot be shown')
  const packed = bits < 8
  if (!(packed && spp === 1 && [1, 2, 4].includes(bits)) && bits !== 8 && bits !== 16) throw new Error(`TIFF of ${bits} bits a sample cannot be shown`)
  const predictor = one(317, 1)
  const bytesPerSample = bits === 16 ? 2 : 1

  // strips are tiles as wide as the image
  const tiled = tags.has(322)
  const tileW = tiled ? one(322) : width
  const tileH = tiled ? one(323) : Math.min(one(278, height), height)
  const offsets = tags.get(tiled ? 324 : 273) ?? []
  const counts = tags.get(tiled ? 325 : 279) ?? []
  const across = Math.ceil(width / tileW)
  const down = Math.ceil(height / tileH)
  if (offsets.length < across * down || counts.length < across * down) throw new Error('TIFF with missing strips')
  const rowBytes = packed ? Math.ceil((tileW * bits) / 8) : tileW * spp * bytesPerSample

  // samples as stored, 8 bits each (16-bit ones scaled, packed ones their value)
  const samples = new Uint8Array(width * height * spp)
  for (let t = 0; t < across * down; t++) {
    const start = offsets[t]!
    const end = start + counts[t]!
    if (end > b.length) throw new Error(`TIFF strip ${t} outside the file`)
    const rows = tiled ? tileH : Math.min(tileH, height - Math.floor(t / across) * tileH)
    const raw = decompress(compression, b.subarray(start, end), rowBytes * rows)
    if (predictor === 2 && bits === 8) undoPredictor(raw, rowBytes, rows, spp)
    else if (predictor === 2 && bits === 16) undoPredictor16(raw, rowBytes, rows, spp, le)
    else if (predictor !== 1) throw new Error(`TIFF predictor ${predictor} with ${bits} bits a sample cannot be shown`)
    const x0 = (t % across) * tileW
    const y0 = Math.floor(t / across) * tileH
    for (let r = 0; r < rows && y0 + r < height; r++) {
      const row = r * rowBytes
      for (let x = 0; x < tileW && x0 + x < width; x++) {
        const out = ((y0 + r) * width + x0 + x) * spp
        if (packed) samples[out] = (raw[row + ((x * bits) >> 3)]! >> (8 - bits - ((x * bits) & 7))) & ((1 << bits) - 1)
        else
          for (let s = 0; s < spp; s++) {
            const p = row + (x * spp + s) * bytesPerSample
            samples[out + s] = bytesPerSample === 2 ? Math.round((le ? raw[p]! | (raw[p + 1]! << 8) : (raw[p]! << 8) | raw[p + 1]!) / 257) : raw[p]!
          }
      }
    }
  }

  if (photometric === 0 || photometric === 1) {
    if (packed) for (let i = 0; i < samples.length; i++) samples[i] = Math.round((samples[i]! * 255) / ((1 << bits) - 1))
    if (photometric === 0) for (let i = 0; i < samples.length; i++) samples[i] = 255 - samples[i]!
    if (spp === 1) return { width, height, channels: 1, data: samples }
    // grey with alpha: drop the alpha over white
    const grey = new Uint8Array(width * height)
    for (let i = 0; i < grey.length; i++) grey[i] = samples[i * spp]!
    return { width, height, channels: 1, data: grey }
  }
  if (photometric === 2) {
    if (spp === 3 || spp === 4) return { width, height, channels: spp, data: samples }
    throw new Error(`RGB TIFF with ${spp} samples a pixel cannot be shown`)
  }
  if (photometric === 3) {
    const map = tags.get(320)
    const entries = 1 << bits
    if (bits > 8 || !map || map.length < entries * 3) throw new Error('palette TIFF without its colour map')
    const rgb = new Uint8Array(width * height * 3)
    for (let i = 0; i < width * height; i++) {
      const v = samples[i * spp]!
      rgb[i * 3] = Math.round(map[v]! / 257)
      rgb[i * 3 + 1] = Math.round(map[entries + v]! / 257)
      rgb[i * 3 + 2] = Math.round(map[2 * entries + v]! / 257)
    }
    return { width, height, channels: 3, data: rgb }
  }
  throw new Error(`TIFF colour model ${photometric} (CMYK, YCbCr, Lab…) cannot be shown`)
}

function decompress(compression: number, input: Buffer, expected: number): Uint8Array {
  let out: Uint8Array
  if (compression === 1) out = input
  else if (compression === 5) out = lzw(input, expected)
  else if (compression === 32773) out = packBits(input, expected)
  else out = zlib.inflateSync(input)
  if (out.length >= expected) return out.length === expected ? out : out.subarray(0, expected)
  // a short strip (a truncated file) is padded rather than refused: the scan still shows
  const padded = new Uint8Array(expected)
  padded.set(out)
  return padded
}

function packBits(input: Buffer, expected: number): Uint8Array {
  const out = new Uint8Array(expected)
  let i = 0
  let o = 0
  while (i < input.length && o < expected) {
    const n = (input[i++]! << 24) >> 24
    if (n >= 0) {
      const len = Math.min(n + 1, expected - o, input.length - i)
      out.set(input.subarray(i, i + len), o)
      i += n + 1
      o += len
    } else if (n !== -128) {
      const len = Math.min(1 - n, expected - o)
      out.fill(input[i++] ?? 0, o, o + len)
      o += len
    }
  }
  return out
}

/** TIFF's LZW (MSB first, early change); each table entry is a run of the output already written. */
function lzw(input: Buffer, expected: number): Uint8Array {
  const out = new Uint8Array(expected)
  const starts = new Int32Array(4096)
  const lengths = new Int32Array(4096)
  let o = 0
  let bit = 0
  let width = 9
  let next = 258
  let prev = -1
  let prevStart = 0
  let prevLength = 0
  const total = input.length * 8
  while (bit + width <= total && o < expected) {
    let code = 0
    for (let k = 0; k < width; k++, bit++) code = (code << 1) | ((input[bit >> 3]! >> (7 - (bit & 7))) & 1)
    if (code === 257) break
    if (code === 256) {
      width = 9
      next = 258
      prev = -1
      continue
    }
    const start = o
    if (code < 256) {
      out[o++] = code
    } else if (code < next && prev !== -1) {
      const len = Math.min(lengths[code]!, expected - o)
      out.copyWithin(o, starts[code]!, starts[code]! + len)
      o += len
    } else if (code === next && prev !== -1) {
      // the code being defined: the previous string and its own first byte
      const len = Math.min(prevLength, expected - o)
      out.copyWithin(o, prevStart, prevStart + len)
      o += len
      if (o < expected) out[o++] = out[prevStart]!
    } else {
      throw new Error('corrupt LZW data in the TIFF')
    }
    if (prev !== -1 && next < 4096) {
      starts[next] = prevStart
      lengths[next] = prevLength + 1
      next++
      if (next >= (1 << width) - 1 && width < 12) width++
    }
    prev = code
    prevStart = start
    prevLength = o - start
  }
  return o === expected ? out : out.subarray(0, o)
}

function undoPredictor(raw: Uint8Array, rowBytes: number, rows: number, spp: number): void {
  for (let r = 0; r < rows; r++) {
    const row = r * rowBytes
    for (let i = spp; i < rowBytes; i++) raw[row + i] = (raw[row + i]! + raw[row + i - spp]!) & 0xff
  }
}

function undoPredictor16(raw: Uint8Array, rowBytes: number, rows: number, spp: number, le: boolean): void {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
  for (let r = 0; r < rows; r++) {
    const row = r * rowBytes
    for (let i = spp * 2; i + 1 < rowBytes; i += 2) view.setUint16(row + i, (view.getUint16(row + i, le) + view.getUint16(row + i - spp * 2, le)) & 0xffff, le)
  }
}
