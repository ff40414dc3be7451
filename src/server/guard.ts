import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

// The loopback server is reachable by every page the user's browser opens: a DNS-rebinding
// page arrives with a foreign Host, a cross-site page with a foreign Origin, and neither can
// read the per-run token, which only the URL printed to the user carries.

export interface GuardConfig {
  port: number
  token: string
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`])
}

export function hostIsAllowed(req: IncomingMessage, config: GuardConfig): boolean {
  const host = req.headers.host
  return host !== undefined && allowedHosts(config.port).has(host.toLowerCase())
}

export function originIsAllowed(req: IncomingMessage, config: GuardConfig): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return true
  return origin === `http://127.0.0.1:${config.port}` || origin === `http://localhost:${config.port}`
}

export function tokenIsValid(req: IncomingMessage, config: GuardConfig): boolean {
  const given = req.headers['x-galley-token']
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(config.token)
  return a.length === b.length && timingSafeEqual(a, b)
}
