/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are checked by the tests that read them */
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/core/store/database'
import { createHandlers } from '../../src/core/services'
import { startServer, MAX_BODY_BYTES, type RunningServer } from '../../src/server/server'
import { generateArchive } from '../../bench/synthetic'
import { openAppSession } from '../../src/core/services/session'
import { removeDir, suiteDir } from '../support/tmp'

// Browser mode against careless and hostile callers: a real server on 127.0.0.1 over a real
// SQLite file, with the standard analysis (on worker threads).

const PROSE = '本报讯（记者 王小明）城南街道启动老旧小区改造，三个社区试点加装电梯。'

function post(server: RunningServer, urlPath: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: urlPath,
        method: 'POST',
        headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', 'X-Galley-Token': server.token, ...headers }
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () => {
          let parsed: unknown = text
          try {
            parsed = JSON.parse(text)
          } catch {
            // not JSON: kept as text for the assertion's message
          }
          resolve({ status: res.statusCode ?? 0, body: parsed })
        })
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

const call = (server: RunningServer, method: string, args: unknown) => post(server, `/api/${method}`, JSON.stringify(args))
const upload = (name: string, bytes: Buffer | string) => ({ name, dataBase64: Buffer.from(bytes).toString('base64') })

describe('browser mode with hostile callers', () => {
  let dir: string
  let db: Db
  let server: RunningServer

  beforeAll(async () => {
    dir = suiteDir('galley-hostile-server-')
    fs.mkdirSync(path.join(dir, 'renderer'))
    db = openDatabase(path.join(dir, 'g.db'))
    server = await startServer({ handlers: createHandlers({ db, databasePath: path.join(dir, 'g.db'), mode: 'browser' }), rendererRoot: path.join(dir, 'renderer') })
  })
  afterAll(async () => {
    await server.close()
    db.close()
    removeDir(dir)
  })

  it('answers a malformed method name with 400, not 500', async () => {
    for (const bad of ['/api/%', '/api/%E0%A4%A']) {
      const res = await post(server, bad, '{}')
      expect(res.status, bad).toBe(400)
      expect(res.body.error.message).toMatch(/malformed/)
    }
  })

  it('answers a save for a page that does not exist with 404, and refuses a lone surrogate with 400', async () => {
    const missing = await call(server, 'saveRevision', { pageId: 987654, baseRevisionId: 1, text: 'x' })
    expect(missing.status).toBe(404)
    expect(missing.body.error.message).toMatch(/page 987654 does not exist/)

    const imported = await call(server, 'importFiles', { files: [upload('surrogate_01.txt', PROSE)], edition: '代理' })
    const pageId = imported.body.result.items[0].pageId as number
    const page = await call(server, 'getPage', { pageId })
    const before = (await call(server, 'listRevisions', { pageId })).body.result.length
    // JSON carries the lone surrogate as an escape; stored, it would become U+FFFD.
    const body = `{"pageId":${pageId},"baseRevisionId":${page.body.result.revision.id},"text":"前文\\ud800后文"}`
    const res = await post(server, '/api/saveRevision', body)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/surrogate/)
    expect((await call(server, 'listRevisions', { pageId })).body.result.length).toBe(before)
    // A pair is a character, and is saved.
    const pair = `{"pageId":${pageId},"baseRevisionId":${page.body.result.revision.id},"text":"前文\\ud83d\\ude00后文"}`
    expect((await post(server, '/api/saveRevision', pair)).status).toBe(200)
  })

  it('refuses a body that is not UTF-8 with 400', async () => {
    const res = await post(server, '/api/listEditions', Buffer.from([0x7b, 0xff, 0x7d]))
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/UTF-8/)
  })

  it('fails one bad file alone: invalid base64, a file over 20 MB; the rest of the batch is imported', async () => {
    const tooLarge = Buffer.alloc(22.6 * 1024 * 1024, 'a')
    const res = await call(server, 'importFiles', {
      files: [upload('good_01.txt', `${PROSE}\n第一段。`), { name: 'broken_02.txt', dataBase64: '5pys5oql6K6v!!!' }, upload('huge_03.txt', tooLarge), upload('good_04.txt', `${PROSE}\n第四段。`)],
      edition: '批次'
    })
    expect(res.status).toBe(200)
    const items = res.body.result.items as { source: string; status: string; reason?: string }[]
    expect(items.map((i) => [i.source, i.status])).toEqual([
      ['good_01.txt', 'imported'],
      ['broken_02.txt', 'failed'],
      ['huge_03.txt', 'failed'],
      ['good_04.txt', 'imported']
    ])
    expect(items[1]!.reason).toMatch(/not valid base64/)
    expect(items[2]!.reason).toMatch(/too large \(22\.6 MB, the limit is 20 MB\)/)
  })

  it('refuses a body over the limit with 413 before reading it all, and keeps answering', async () => {
    expect(MAX_BODY_BYTES).toBeGreaterThan(Math.ceil((20 * 1024 * 1024 * 4) / 3))
    expect(MAX_BODY_BYTES).toBeLessThan(40 * 1024 * 1024)
    const big = Buffer.alloc(MAX_BODY_BYTES + 1024, 0x20)
    const res = await post(server, '/api/importFiles', big)
    expect(res.status).toBe(413)
    expect(res.body.error.message).toMatch(/larger than \d+ MB/)
    expect((await call(server, 'listEditions', {})).status).toBe(200)
  })

  it('keeps answering other calls while a large upload is decoded and analysed', async () => {
    const parts: string[] = []
    let size = 0
    for (const page of generateArchive({ seed: 21, pages: 2000 })) {
      parts.push(page.text)
      size += Buffer.byteLength(page.text)
      if (size > 6e6) break
    }
    let finished = false
    const importing = call(server, 'importFiles', { files: [upload('large_01.txt', parts.join('\n\n'))], edition: '大版' }).finally(() => (finished = true))
    // Analysed on this thread, the page held every other call until it was stored: none was
    // answered before the upload's own answer.
    let answeredMeanwhile = 0
    while (!finished) {
      const res = await call(server, 'listEditions', {})
      expect(res.status).toBe(200)
      if (!finished) answeredMeanwhile++
    }
    const res = await importing
    expect(res.body.result?.imported, JSON.stringify(res.body).slice(0, 300)).toBe(1)
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(3)
  }, 180_000)
})

describe('browser mode with a giant save', () => {
  it('keeps answering other calls while a save of millions of characters is checked and stored', async () => {
    const dir = suiteDir('galley-giant-save-')
    fs.mkdirSync(path.join(dir, 'renderer'))
    const session = openAppSession({ databasePath: path.join(dir, 'g.db'), mode: 'browser' })
    const server = await startServer({ handlers: session.handlers, rendererRoot: path.join(dir, 'renderer') })
    try {
      const imported = await call(server, 'importFiles', { files: [upload('giant_01.txt', `${PROSE}\n`)], edition: '巨' })
      const pageId = imported.body.result.items[0].pageId as number
      const page = await call(server, 'getPage', { pageId })
      const parts: string[] = []
      let size = 0
      for (const p of generateArchive({ seed: 8, pages: 3000 })) {
        parts.push(p.text)
        size += p.text.length
        if (size > 1e6) break
      }
      const text = parts.join('\n\n')
      let finished = false
      const saving = call(server, 'saveRevision', { pageId, baseRevisionId: page.body.result.revision.id, text }).finally(() => (finished = true))
      // Saved on this thread, the text's typo detection held every other call until it was done.
      let answeredMeanwhile = 0
      while (!finished) {
        const res = await call(server, 'getPage', { pageId })
        expect(res.status).toBe(200)
        if (!finished) answeredMeanwhile++
      }
      const saved = await saving
      expect(saved.status, JSON.stringify(saved.body).slice(0, 300)).toBe(200)
      expect(answeredMeanwhile).toBeGreaterThanOrEqual(3)
      // The save is the page's current text, as this thread's connection reads it.
      const after = await call(server, 'getPage', { pageId })
      expect(after.body.result.revision.id).toBe(saved.body.result.revisionId)
      expect(after.body.result.revision.text).toBe(text)
      // A stale save is still refused as a conflict, whichever thread runs it.
      const stale = await call(server, 'saveRevision', { pageId, baseRevisionId: page.body.result.revision.id, text: text + '。' })
      expect(stale.status).toBe(409)
    } finally {
      await server.close()
      session.close()
      removeDir(dir)
    }
  }, 300_000)
})
