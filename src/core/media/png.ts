import zlib from 'node:zlib'
import type { DecodedImage } from './tiff'

// A plain PNG of decoded pixels (no filters, fast deflate): what the workbench is given for a
// scan a browser cannot draw. Speed matters more than size: it goes over loopback or IPC.

export function encodePng(image: DecodedImage): Buffer {
  const { width, height, channels, data } = image
  const rowBytes = width * channels
  const raw = Buffer.alloc((rowBytes + 1) * height)
  for (let y = 0; y < height; y++) {
    // filter byte 0 (none), then the row
    raw.set(data.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = channels === 1 ? 0 : channels === 3 ? 2 : 6
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0))
  ])
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(body.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(body, zlib.crc32(type)) >>> 0, 0)
  return Buffer.concat([head, body, crc])
}
