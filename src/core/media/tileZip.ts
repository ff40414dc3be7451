import fs from 'node:fs'
import zlib from 'node:zlib'

// A scan's Deep Zoom pyramid is kept as one zip file (libvips' dzsave writes it: its .dzi and its
// tiles, stored uncompressed) instead of ~300 files a scan: a store of 1,000 large scans is 1,000
// files to back up and restore, not 300,000 (bench step scanStore; README). A tile is read from
// the file where the zip's central directory says it is. Only what dzsave writes is read: no
// ZIP64, stored or deflated entries.

interface Entry {
  /** Offset of the entry's local header. */
  offset: number
  compressedSize: number
  size: number
  method: number
}

interface ZipIndex {
  size: number
  mtimeMs: number
  entries: Map<string, Entry>
}

export class ZipError extends Error {
  override name = 'ZipError'
}

/** Indexes of the last few pyramids read (an editor pages back and forth). */
const indexes = new Map<string, ZipIndex>()
const KEPT = 8
const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length)
  const read = fs.readSync(fd, buffer, 0, length, position)
  if (read !== length) throw new ZipError('the tile file ends too early')
  return buffer
}

function indexOf(fd: number, file: string): ZipIndex {
  const stat = fs.fstatSync(fd)
  const kept = indexes.get(file)
  if (kept && kept.size === stat.size && kept.mtimeMs === stat.mtimeMs) return kept
  // the end of central directory record is in the last 22 + 65,535 bytes (its comment's length)
  const tailLength = Math.min(stat.size, 22 + 0xffff)
  const tail = readAt(fd, stat.size - tailLength, tailLength)
  let at = -1
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i
      break
    }
  }
  if (at === -1) throw new ZipError('not a zip file (no central directory)')
  const count = tail.readUInt16LE(at + 10)
  const directorySize = tail.readUInt32LE(at + 12)
  const directoryOffset = tail.readUInt32LE(at + 16)
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipError('ZIP64 is not read here')
  if (directoryOffset + directorySize > stat.size) throw new ZipError('the central directory is outside the file')
  const directory = readAt(fd, directoryOffset, directorySize)
  const entries = new Map<string, Entry>()
  let p = 0
  for (let k = 0; k < count; k++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL) throw new ZipError('a damaged central directory')
    const nameLength = directory.readUInt16LE(p + 28)
    const extraLength = directory.readUInt16LE(p + 30)
    const commentLength = directory.readUInt16LE(p + 32)
    entries.set(directory.toString('utf8', p + 46, p + 46 + nameLength), {
      method: directory.readUInt16LE(p + 10),
      compressedSize: directory.readUInt32LE(p + 20),
      size: directory.readUInt32LE(p + 24),
      offset: directory.readUInt32LE(p + 42)
    })
    p += 46 + nameLength + extraLength + commentLength
  }
  const index = { size: stat.size, mtimeMs: stat.mtimeMs, entries }
  indexes.delete(file)
  indexes.set(file, index)
  if (indexes.size > KEPT) indexes.delete(indexes.keys().next().value!)
  return index
}

/** The bytes of the entry `name` of the zip `file`, or null when it has none. Throws a ZipError when the file is damaged; fs errors (a missing file) as they are. */
export function readZipEntry(file: string, name: string): Buffer | null {
  const fd = fs.openSync(file, 'r')
  try {
    const entry = indexOf(fd, file).entries.get(name)
    if (!entry) return null
    const local = readAt(fd, entry.offset, 30)
    if (local.readUInt32LE(0) !== LOCAL) throw new ZipError(`a damaged entry (${name})`)
    const start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28)
    const data = readAt(fd, start, entry.compressedSize)
    if (entry.method === 0) return data
    if (entry.method === 8) return zlib.inflateRawSync(data)
    throw new ZipError(`entry ${name} is compressed with method ${entry.method}`)
  } finally {
    fs.closeSync(fd)
  }
}
