import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importPaths } from '../../src/core/import/importer'
import { mediaFolder, mediaPath, previewPath, previewSize } from '../../src/core/media/mediaStore'
import { setNodeDerivation } from '../../src/core/media/derive'
import { encodePng } from '../../src/core/media/png'
import type { Proposer } from '../../src/core/pipeline/proposal'
import { createHandlers } from '../../src/core/services'
import { openDatabase } from '../../src/core/store/database'
import { listPages } from '../../src/core/store/queries/pages'
import { ApiError } from '../../src/shared/api'
import { tempDir } from '../support/tmp'

// A large scan's preview (core/media/mediaStore.ts): the size core asks the workbench for, what it
// refuses to store, and that the original scan is never touched. The browser's own making of the
// preview is tested in test/ui/scan.test.ts; core's own (with sharp) in scan-derive.test.ts, off
// here: these are the workbench's previews, as where sharp cannot load.
const identity: Proposer = (text) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })

/** The head of a JPEG file of the given size: what core reads of a preview (the browser draws the rest). */
function jpegHead(width: number, height: number): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])
  return Buffer.concat([Buffer.from([0xff, 0xd8]), sof, Buffer.alloc(64, 0), Buffer.from([0xff, 0xd9])])
}

async function storeWithScan(width: number, height: number): Promise<{ api: ReturnType<typeof createHandlers>; dbFile: string; pageId: number }> {
  const input = tempDir()
  fs.writeFileSync(path.join(input, 'p01.png'), encodePng({ width, height, channels: 1, data: new Uint8Array(width * height).fill(230) }))
  fs.writeFileSync(path.join(input, 'p01.txt'), '标题\n\n正文。\n')
  const dbFile = path.join(tempDir(), 'galley.db')
  const db = openDatabase(dbFile)
  expect((await importPaths(db, [input], { propose: identity, edition: '预览' })).imported).toBe(1)
  return { api: createHandlers({ db, databasePath: dbFile, mode: 'browser' }), dbFile, pageId: listPages(db)[0]!.id }
}

describe('scan previews', () => {
  beforeAll(() => setNodeDerivation(false))
  afterAll(() => setNodeDerivation(true))

  it('sizes a preview to 2,048 pixels on the longer side, and none for a scan small enough to draw', () => {
    expect(previewSize(6000, 9000)).toEqual({ width: 1365, height: 2048 })
    expect(previewSize(9000, 6000)).toEqual({ width: 2048, height: 1365 })
    expect(previewSize(2000, 3000)).toBeNull()
    expect(previewSize(null, 9000)).toBeNull()
  })

  it('asks for a preview of a large scan, stores the one it gets beside the scan, and gives it back; the scan is unchanged', async () => {
    const { api, dbFile, pageId } = await storeWithScan(3000, 2400)
    const before = await api.getPageScan({ pageId })
    expect(before.image?.previewWanted).toEqual({ width: 2048, height: 1638 })
    expect(before.image?.preview).toBeNull()
    await expect(Promise.resolve().then(() => api.getPageImage({ pageId, preview: true }))).rejects.toThrow(/no preview yet/)
    const original = mediaPath(mediaFolder(dbFile), before.image!.sha256, 'image/png')
    const hash = createHash('sha256').update(fs.readFileSync(original)).digest('hex')

    const head = jpegHead(2048, 1638)
    expect(await api.putPageScanPreview({ pageId, sha256: before.image!.sha256, dataBase64: head.toString('base64') })).toEqual({ width: 2048, height: 1638 })
    const file = previewPath(mediaFolder(dbFile), before.image!.sha256)
    expect(path.dirname(file)).toBe(path.dirname(original))
    expect(fs.readFileSync(file)).toEqual(head)
    expect((await api.getPageScan({ pageId })).image?.preview).toEqual({ width: 2048, height: 1638 })
    const served = await api.getPageImage({ pageId, preview: true })
    expect(served.mediaType).toBe('image/jpeg')
    expect(Buffer.from(served.bytes)).toEqual(head)
    // the scan itself is as it was imported, and still what getPageImage gives
    expect(createHash('sha256').update(fs.readFileSync(original)).digest('hex')).toBe(hash)
    expect(before.image!.sha256).toBe(hash)
    expect((await api.getPageImage({ pageId })).mediaType).toBe('image/png')
    // nothing half-written is left beside it
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.endsWith('.partial'))).toEqual([])
  })

  it('refuses a preview of the wrong size, not a JPEG, of another scan, or of a small scan, with a reason', async () => {
    const { api, pageId } = await storeWithScan(3000, 2400)
    const sha256 = (await api.getPageScan({ pageId })).image!.sha256
    const put = (bytes: Buffer, sha = sha256): Promise<unknown> => Promise.resolve().then(() => api.putPageScanPreview({ pageId, sha256: sha, dataBase64: bytes.toString('base64') }))
    await expect(put(jpegHead(1024, 819))).rejects.toThrow(/1024 × 819, expected 2048 × 1638/)
    await expect(put(encodePng({ width: 2048, height: 1638, channels: 1, data: new Uint8Array(2048 * 1638) }))).rejects.toThrow(/is a JPEG/)
    await expect(put(jpegHead(2048, 1638), 'f'.repeat(64))).rejects.toMatchObject({ code: 'conflict' })
    await expect(put(jpegHead(2048, 1638), 'f'.repeat(64))).rejects.toBeInstanceOf(ApiError)
    expect((await api.getPageScan({ pageId })).image?.preview).toBeNull()

    const small = await storeWithScan(1200, 1600)
    const scan = (await small.api.getPageScan({ pageId: small.pageId })).image!
    expect(scan.previewWanted).toBeNull()
    await expect(
      Promise.resolve().then(() => small.api.putPageScanPreview({ pageId: small.pageId, sha256: scan.sha256, dataBase64: jpegHead(1200, 1600).toString('base64') }))
    ).rejects.toThrow(/small enough/)
  })
})
