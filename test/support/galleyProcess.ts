/* eslint-disable @typescript-eslint/no-explicit-any -- API bodies are checked by the tests that read them */
import fs from 'node:fs'
import path from 'node:path'
import { spawn, type ChildProcess } from 'node:child_process'
import Database from 'better-sqlite3'

export const ROOT = path.resolve(__dirname, '../..')
export const BIN = path.join(ROOT, 'bin', 'galley.mjs')

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(ROOT, 'out', 'main', 'cli.js'))) {
    throw new Error('out/main/cli.js is missing: run `npm run build` (npm test does it) before these tests')
  }
}

/** Runs the built galley command as a real child process. */
export function galley(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } })
}

export function collect(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (stdout += c))
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c))
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })))
}

/** Starts `galley serve` and resolves with its URL and token once it listens. */
export async function serve(db: string): Promise<{ child: ChildProcess; port: number; token: string }> {
  const child = galley(['serve', '--port', '0', '--no-open', '--db', db])
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      out += c
      const m = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+)/.exec(out)
      if (m) resolve({ child, port: Number(m[1]), token: m[2]! })
    })
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)))
  })
}

export async function callApi(port: number, token: string, method: string, args: unknown): Promise<{ status: number; body: { ok: boolean; result?: any; error?: { code: string; message: string } } }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Galley-Token': token },
    body: JSON.stringify(args)
  })
  return { status: res.status, body: (await res.json()) as never }
}

/** Galley's invariants on a database file, read by a fresh connection. */
export function invariants(file: string): { integrity: string; pages: number; indexed: number; broken: number; revisions: number } {
  const db = new Database(file)
  try {
    const integrity = (db.prepare('PRAGMA integrity_check').pluck().all() as string[]).join('; ')
    const pages = db.prepare('SELECT COUNT(*) FROM pages').pluck().get() as number
    const indexed = db.prepare('SELECT COUNT(*) FROM page_search').pluck().get() as number
    const revisions = db.prepare('SELECT COUNT(*) FROM revisions').pluck().get() as number
    // A page is whole when its current revision exists and belongs to it, and it has at least its import revision.
    const broken = db
      .prepare(
        `SELECT COUNT(*) FROM pages p WHERE p.current_revision_id IS NULL
           OR NOT EXISTS (SELECT 1 FROM revisions r WHERE r.id = p.current_revision_id AND r.page_id = p.id)
           OR NOT EXISTS (SELECT 1 FROM page_search s WHERE s.rowid = p.id)`
      )
      .pluck()
      .get() as number
    return { integrity, pages, indexed, broken, revisions }
  } finally {
    db.close()
  }
}
