import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/core/store/database'
import { createHandlers } from '../../src/core/services'
import { startServer, type RunningServer } from '../../src/server/server'
import { removeDir, suiteDir } from '../support/tmp'
import { resolveStatic } from '../../src/server/static'

const identity = (text: string) => ({ workingText: text, reason: 'import', articles: [], suggestions: [], analyzerVersion: 0 })

function request(
  server: RunningServer,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string }
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: options.path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      }
    )
    req.on('error', reject)
    if (options.body) req.write(options.body)
    req.end()
  })
}

describe('browser-mode server', () => {
  let server: RunningServer
  let db: Db
  let root: string
  let dir: string

  beforeAll(async () => {
    dir = suiteDir('galley-server-')
    root = path.join(dir, 'renderer')
    fs.mkdirSync(root)
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Galley</title>')
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve')
    db = openDatabase(path.join(dir, 'g.db'))
    server = await startServer({ handlers: createHandlers({ db, databasePath: 'g.db', mode: 'browser', propose: identity }), rendererRoot: root })
  })
  afterAll(async () => {
    await server.close()
    db.close()
    removeDir(dir)
  })

  const call = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    request(server, {
      path: `/api/${method}`,
      method: 'POST',
      headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', 'X-Galley-Token': server.token, ...headers },
      body: JSON.stringify(body)
    })

  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
  })

  it('serves the renderer with a strict CSP and no CORS headers', async () => {
    const res = await request(server, { path: '/', headers: { Host: `127.0.0.1:${server.port}` } })
    expect(res.status).toBe(200)
    expect(res.body).toContain('Galley')
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/)
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-eval/)
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('answers API calls that carry the token', async () => {
    const res = await call('listEditions', {})
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ ok: true, result: [] })
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('refuses calls without the token, with a wrong one, from a foreign origin or host', async () => {
    expect((await call('listEditions', {}, { 'X-Galley-Token': '' })).status).toBe(403)
    // One character off: the last one changed, never to itself (a token ending in x made this pass once in 64 runs).
    const wrong = server.token.slice(0, -1) + (server.token.endsWith('x') ? 'y' : 'x')
    expect((await call('listEditions', {}, { 'X-Galley-Token': wrong })).status).toBe(403)
    expect((await call('listEditions', {}, { Origin: 'http://evil.example' })).status).toBe(403)
    expect((await call('listEditions', {}, { Host: 'evil.example:80' })).status).toBe(403)
    const noToken = await request(server, {
      path: '/api/importFiles',
      method: 'POST',
      headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ files: [{ name: 'a.txt', dataBase64: Buffer.from('社区新闻').toString('base64') }] })
    })
    expect(noToken.status).toBe(403)
    expect((db.prepare('SELECT COUNT(*) AS n FROM pages').get() as { n: number }).n).toBe(0)
  })

  it('refuses a rebinding Host even for static files', async () => {
    expect((await request(server, { path: '/', headers: { Host: 'attacker.example' } })).status).toBe(403)
  })

  it('validates arguments and changes nothing on a malformed call', async () => {
    const res = await call('importFiles', { files: [{ name: 'a.txt' }] })
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body).error.code).toBe('invalid-argument')
    expect((await call('getPage', { pageId: 'one' })).status).toBe(400)
    expect((await call('getPage', { pageId: 1, extra: true })).status).toBe(400)
    expect((await call('noSuchMethod', {})).status).toBe(404)
    expect((db.prepare('SELECT COUNT(*) AS n FROM pages').get() as { n: number }).n).toBe(0)
  })

  it('imports uploaded contents', async () => {
    const res = await call('importFiles', { files: [{ name: '02版.txt', folder: '晚报', dataBase64: Buffer.from('社区新闻。').toString('base64') }] })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body).result.imported).toBe(1)
    const pages = JSON.parse((await call('listPages', {})).body).result
    expect(pages).toHaveLength(1)
  })

  it('never serves files outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      const res = await request(server, { path: p, headers: { Host: `127.0.0.1:${server.port}` } })
      expect(res.body).not.toContain('do not serve')
    }
    expect(resolveStatic(root, '/../secret.txt')).toBe(path.join(root, 'secret.txt'))
    expect(resolveStatic(root, '/%00')).toBeNull()
  })
})
