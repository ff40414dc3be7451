import { describe, expect, it } from 'vitest'
import { decodePage, DecodeError, normalizeNewlines } from '../../src/core/import/decode'
import { gb18030Bytes } from '../support/gb18030'

const TEXT = '本报讯（记者 王小明）城南街道启动老旧小区改造, 3.5万元。\r\n第二段。'

describe('decodePage', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodePage(Buffer.from(TEXT, 'utf8'))).toEqual({ text: TEXT, encoding: 'utf-8' })
    expect(decodePage(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]))).toEqual({ text: TEXT, encoding: 'utf-8-bom' })
  })

  it('decodes UTF-8 exactly as the standard decoder does, beyond the BMP and at page size', () => {
    const mixed = `${TEXT}\n𠮷野家 😀 é ü ß \u{10FFFF} \ufeff中文\n`.repeat(400)
    const bytes = Buffer.from(mixed, 'utf8')
    const decoded = decodePage(bytes)
    expect(decoded.text).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes))
    expect(decoded.text).toBe(mixed)
  })

  it('reads UTF-16 LE and BE with BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])
    expect(decodePage(le)).toEqual({ text: TEXT, encoding: 'utf-16le' })
    const be = Buffer.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()]))
    expect(decodePage(be)).toEqual({ text: TEXT, encoding: 'utf-16be' })
  })

  it('reads GB18030 / GBK', () => {
    expect(decodePage(gb18030Bytes(TEXT))).toEqual({ text: TEXT, encoding: 'gb18030' })
  })

  it.each([
    ['empty', Buffer.alloc(0), /empty file/],
    ['white space only', Buffer.from(' \n\n \r\n'), /blank page/],
    ['binary with NUL bytes', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]), /binary/],
    ['control characters', Buffer.from('ab\u0001\u0002\u0003\u0004\u0005\u0006cd'), /binary/],
    ['undecodable bytes', Buffer.from([0xff, 0xff, 0xfe, 0x80, 0x81, 0xff, 0x30]), /undecodable/],
    ['odd-length UTF-16', Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]), /odd number of bytes/]
  ])('refuses %s with a reason', (_name, bytes, reason) => {
    expect(() => decodePage(bytes)).toThrow(DecodeError)
    expect(() => decodePage(bytes)).toThrow(reason)
  })

  it('refuses files over 20 MB', () => {
    expect(() => decodePage(Buffer.alloc(20 * 1024 * 1024 + 1, 0x61))).toThrow(/too large/)
  })

  it('normalises CRLF and CR to LF', () => {
    expect(normalizeNewlines('a\r\nb\rc\n')).toBe('a\nb\nc\n')
  })
})
