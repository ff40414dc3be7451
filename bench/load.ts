// Load on browser mode's read API: N connections for S seconds against a real server over a
// real database, through autocannon. Used by the bench and, briefly, by the tests.
import { createRequire } from 'node:module'
import { openDatabase } from '../src/core/store/database'
import { createHandlers } from '../src/core/services'
import { structureProposer } from '../src/core/pipeline/defaultProposer'
import { startServer } from '../src/server/server'

interface AutocannonResult {
  requests: { average: number; total: number }
  latency: { p50: number; p99: number; average: number }
  errors: number
  timeouts: number
  non2xx: number
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>

export interface LoadResult {
  connections: number
  seconds: number
  requests: number
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  errors: number
  non2xx: number
}

export async function loadTest(dbPath: string, rendererRoot: string, connections = 50, seconds = 30): Promise<LoadResult> {
  const autocannon = createRequire(__filename)('autocannon') as Autocannon
  const db = openDatabase(dbPath)
  const server = await startServer({
    handlers: createHandlers({ db, databasePath: dbPath, mode: 'browser', propose: structureProposer() }),
    rendererRoot
  })
  try {
    const pageIds = db.prepare('SELECT id FROM pages ORDER BY id LIMIT 200').pluck().all() as number[]
    const headers = { 'content-type': 'application/json', 'x-galley-token': server.token, host: `127.0.0.1:${server.port}` }
    const requests = [
      ...pageIds.slice(0, 20).map((pageId) => ({ method: 'POST', path: '/api/getPage', headers, body: JSON.stringify({ pageId }) })),
      { method: 'POST', path: '/api/listEditions', headers, body: '{}' },
      { method: 'POST', path: '/api/listPages', headers, body: JSON.stringify({ editionId: 1 }) },
      { method: 'POST', path: '/api/search', headers, body: JSON.stringify({ query: '社区', limit: 20 }) }
    ]
    const result = await autocannon({ url: `http://127.0.0.1:${server.port}`, connections, duration: seconds, requests })
    return {
      connections,
      seconds,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx
    }
  } finally {
    await server.close()
    db.close()
  }
}
