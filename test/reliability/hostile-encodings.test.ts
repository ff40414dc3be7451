import fs from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodePage, DecodeError } from '../../src/core/import/decode'
import { openDatabase } from '../../src/core/store/database'
import { importPaths } from '../../src/core/import/importer'
import { structureProposer } from '../../src/core/pipeline/defaultProposer'
import { getPageRow } from '../../src/core/store/queries/pages'
import { tempDir } from '../support/tmp'

// Decoding says what it saw: files in encodings Galley does not take are refused by name,
// never imported as gibberish; odd but honest text is taken; folders report what they skip.
// The texts are written for these tests.

const ZH = '本报讯 城南街道今天启动老旧小区改造工程，三个社区试点加装电梯，居民可以在社区服务中心报名参加。\n记者了解到，改造工作将在年底前完成，涉及道路、绿化和停车设施。\n'.repeat(6)
const ZH_TW = '本報訊 臺北市政府今天宣布，將在明年擴大推動社區營造計畫，讓更多居民參與地方發展與環境保護工作。\n記者了解，相關經費已經編列完成，各區公所將陸續舉辦說明會。\n'.repeat(6)
const JA = '東京都内の商店街では、新しい取り組みとして地域の住民が集まる交流会が開かれました。参加者は「とても楽しかった」と話しています。\n'.repeat(6)
const KO = '서울시는 오늘 시민들을 위한 새로운 문화 공간을 열었다고 밝혔습니다. 많은 시민들이 참여하여 행사를 즐겼습니다.\n'.repeat(6)

function refusal(bytes: Uint8Array): string {
  try {
    decodePage(bytes)
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError)
    return (error as Error).message
  }
  throw new Error('the bytes were taken')
}

describe('decoding says what it saw', () => {
  it('refuses Japanese and Korean encodings by name instead of importing GB18030 gibberish', () => {
    expect(refusal(iconv.encode(JA, 'shift_jis'))).toMatch(/^looks like Shift-JIS \(Japanese\)/)
    expect(refusal(iconv.encode(JA, 'euc-jp'))).toMatch(/^looks like EUC-JP \(Japanese\)/)
    expect(refusal(iconv.encode(KO, 'euc-kr'))).toMatch(/^looks like EUC-KR \(Korean\)/)
  })

  it('imports Big5 (Hong Kong, Taiwan) as text, and GB18030 as before', () => {
    const big5 = decodePage(iconv.encode(ZH_TW, 'big5'))
    expect(big5).toEqual({ text: ZH_TW, encoding: 'big5' })
    const gb = decodePage(iconv.encode(ZH, 'gb18030'))
    expect(gb).toEqual({ text: ZH, encoding: 'gb18030' })
    // A short GB page still reads as GB.
    expect(decodePage(iconv.encode('社区新闻：城南街道加装电梯。', 'gb18030')).encoding).toBe('gb18030')
  })

  it('recognises UTF-16 without a byte-order mark, both byte orders', () => {
    expect(decodePage(Buffer.from(ZH, 'utf16le'))).toEqual({ text: ZH, encoding: 'utf-16le' })
    expect(decodePage(Buffer.from(ZH, 'utf16le').swap16())).toEqual({ text: ZH, encoding: 'utf-16be' })
  })

  it('takes text with a few stray control characters, and refuses control characters in bulk', () => {
    const stray = ZH.slice(0, 100) + '\u001b' + ZH.slice(100, 200) + '\u0007\u0008' + ZH.slice(200)
    expect(decodePage(Buffer.from(stray)).text).toBe(stray)
    expect(refusal(Buffer.from(Array.from({ length: 200 }, (_, i) => String.fromCharCode(1 + (i % 8))).join('')))).toMatch(/^binary file/)
  })

  it('refuses pages of only white space and zero-width characters as blank', () => {
    for (const blank of [' \n\u3000\t', '\u200b\u200b\n\u200c\u200d', '\ufeff\u2060 \u00ad']) {
      expect(refusal(Buffer.from(blank))).toMatch(/^blank page/)
    }
  })

  it('reports what a folder holds besides pages: links, FIFOs, names that are not UTF-8', async () => {
    const dir = tempDir()
    const folder = path.join(dir, 'pages')
    const elsewhere = path.join(dir, 'elsewhere')
    fs.mkdirSync(folder)
    fs.mkdirSync(elsewhere)
    fs.writeFileSync(path.join(folder, 'a_01.txt'), ZH)
    fs.writeFileSync(path.join(elsewhere, 'real.txt'), ZH.replace('三个', '四个'))
    fs.symlinkSync(path.join(elsewhere, 'real.txt'), path.join(folder, 'b_02.txt'))
    fs.symlinkSync(path.join(dir, 'missing.txt'), path.join(folder, 'c_03.txt'))
    fs.symlinkSync(elsewhere, path.join(folder, 'd_linked-folder'))
    execFileSync('mkfifo', [path.join(folder, 'e_05.txt')])
    // A name with a byte that is not UTF-8 (Latin-1 é).
    const badName = Buffer.concat([Buffer.from(folder + '/f_06_caf'), Buffer.from([0xe9]), Buffer.from('.txt')])
    fs.writeFileSync(badName, ZH.replace('三个', '五个'))

    const db = openDatabase(path.join(dir, 'g.db'))
    const report = await importPaths(db, [folder], { propose: structureProposer() })
    db.close()
    const line = (name: string) => report.items.find((i) => i.source.includes(name))
    expect(line('a_01.txt')?.status).toBe('imported')
    expect(line('b_02.txt')).toMatchObject({ status: 'imported', source: `${path.join(folder, 'b_02.txt')} (a link to ${fs.realpathSync(path.join(elsewhere, 'real.txt'))})` })
    expect(line('c_03.txt')).toMatchObject({ status: 'failed', reason: 'skipped: a link whose target does not exist' })
    expect(line('d_linked-folder')).toMatchObject({ status: 'failed', reason: 'skipped: a link to a folder (not followed)' })
    expect(line('e_05.txt')).toMatchObject({ status: 'failed', reason: 'skipped: a FIFO (named pipe), not a regular file' })
    expect(line('f_06_caf')).toMatchObject({ status: 'failed', reason: 'the name is not valid UTF-8 (rename it to import it)' })
    expect(report.items.some((i) => /ENOENT|no such file/.test(i.reason ?? ''))).toBe(false)
    expect(report.imported).toBe(2)
  })

  it('stores a Big5 page with its encoding, its text as decoded', async () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'tw_01.txt'), iconv.encode(ZH_TW, 'big5'))
    fs.writeFileSync(path.join(dir, 'jp_02.txt'), iconv.encode(JA, 'shift_jis'))
    const db = openDatabase(path.join(dir, 'g.db'))
    const report = await importPaths(db, [dir], { propose: structureProposer() })
    const tw = report.items.find((i) => i.source.endsWith('tw_01.txt'))!
    expect(tw).toMatchObject({ status: 'imported', encoding: 'big5' })
    expect(getPageRow(db, tw.pageId!)?.originalText).toBe(ZH_TW)
    expect(report.items.find((i) => i.source.endsWith('jp_02.txt'))).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^looks like Shift-JIS/) })
    db.close()
  })
})
