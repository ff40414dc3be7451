import { execFileSync } from 'node:child_process'

/**
 * GB18030 bytes for a string. Node can decode GB18030 but not encode it, so the test asks
 * iconv (glibc, on every Linux machine) and checks the round trip.
 */
export function gb18030Bytes(text: string): Buffer {
  const bytes = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: Buffer.from(text, 'utf8') })
  if (new TextDecoder('gb18030').decode(bytes) !== text) throw new Error('iconv round trip failed')
  return bytes
}
