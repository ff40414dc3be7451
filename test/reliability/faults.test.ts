import fs from 'node:fs'
import path from 'node:path'
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeArchive } from '../../bench/synthetic'
import { main } from '../../src/cli/main'
import type { Output } from '../../src/cli/output'
import { MARKER } from '../../src/core/export'
import { openAppSession } from '../../src/core/services/session'
import { LATEST_VERSION } from '../../src/core/store/migrations'
import { assertBuilt, callApi, collect, galley, invariants, serve } from '../support/galleyProcess'
import { damagedDatabase } from '../support/damage'
import { removeDir, suiteDir } from '../support/tmp'

// A careless user and a busy machine, with real processes and real files: commands aimed at the
// wrong folder or file, a restore or a backup against a database another process is using, three
// processes creating one database at once, exports stopped midway. Nothing Galley did not write
// may be lost, and nothing acknowledged may go astray.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A process that opens a database (argv[1]) as Galley's connections do and keeps it open until killed. */
const HOLD_OPEN = `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))})
const db = new Database(process.argv[1])
db.pragma('journal_mode = WAL')
db.pragma('user_version')
process.stdout.write('open\\n')
setInterval(() => undefined, 1000)`

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), json: (v) => stdout.push(JSON.stringify(v)) }
}

/** Every file under `dir` with a hash of its bytes, to show that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const name of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const file = path.join(dir, name)
    if (fs.statSync(file).isFile()) files[name] = createHash('sha256').update(fs.readFileSync(file)).digest('hex')
  }
  return files
}

function userVersion(file: string): number {
  const db = new Database(file, { readonly: true })
  try {
    return db.pragma('user_version', { simple: true }) as number
  } finally {
    db.close()
  }
}

describe('faults: the wrong target, a database in use, racing processes, stopped exports', () => {
  let dir: string
  let archive: string
  /** A store with a few hundred pages, imported once and copied for each test. */
  let seeded: string
  beforeAll(async () => {
    assertBuilt()
    dir = suiteDir('galley-faults-')
    archive = path.join(dir, 'archive')
    writeArchive(archive, { seed: 14, pages: 240 })
    seeded = path.join(dir, 'seed', 'galley.db')
    const imported = await collect(galley(['import', archive, '--db', seeded]))
    expect(imported.code, imported.stderr).toBe(0)
  }, 120_000)
  afterAll(() => removeDir(dir))

  /** A copy of the seeded store in a folder of its own, as a user's data folder would be. */
  const freshStore = (name: string): string => {
    const folder = path.join(dir, name)
    fs.mkdirSync(folder, { recursive: true })
    const file = path.join(folder, 'galley.db')
    const src = new Database(seeded, { readonly: true })
    src.prepare('VACUUM INTO ?').run(file)
    src.close()
    return file
  }

  it('three processes creating the same new database at once all succeed (the migration re-checks the version under the write lock)', async () => {
    const pages = path.join(dir, 'race-pages')
    writeArchive(pages, { seed: 3, pages: 4 })
    for (let round = 0; round < 4; round++) {
      const db = path.join(dir, `race-${round}.db`)
      const runs = await Promise.all([0, 1, 2].map(() => collect(galley(['import', pages, '--db', db]))))
      for (const run of runs) {
        expect(run.stderr).not.toMatch(/already exists|not a Galley database|locked/)
        expect(run.code, run.stderr).toBe(0)
      }
      expect(userVersion(db)).toBe(LATEST_VERSION)
      expect(invariants(db)).toMatchObject({ integrity: 'ok', pages: 4, indexed: 4, broken: 0 })
    }
  })

  it('export --force refuses the folder that holds the database and its backups, and any folder it did not write', async () => {
    const db = freshStore('data')
    const data = path.dirname(db)
    expect((await collect(galley(['backup', '--db', db]))).code).toBe(0)
    fs.writeFileSync(path.join(data, 'notes.md'), '# mine\n')
    const before = snapshot(data)
    expect(Object.keys(before).some((f) => f.startsWith('backups'))).toBe(true)

    const refused = await collect(galley(['export', '--all', '--include-unapproved', '--out', data, '--force', '--db', db]))
    expect(refused.code).toBe(1)
    expect(refused.stderr.trim().split('\n')).toEqual([
      `galley export: ${data} is not a folder galley export wrote (it has no ${MARKER} marker); --force replaces only such a folder`
    ])
    expect(snapshot(data)).toEqual(before)
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.data.'))).toEqual([])

    // An export folder the user then put a file into is no longer only Galley's.
    const out = path.join(dir, 'exported')
    expect((await collect(galley(['export', '--all', '--include-unapproved', '--format', 'txt', '--out', out, '--db', db]))).code).toBe(0)
    fs.copyFileSync(db, path.join(out, 'copy.db'))
    const added = await collect(galley(['export', '--all', '--include-unapproved', '--format', 'txt', '--out', out, '--force', '--db', db]))
    expect(added.code).toBe(1)
    expect(added.stderr).toMatch(/holds copy\.db, which galley export did not write/)
    expect(fs.existsSync(path.join(out, 'copy.db'))).toBe(true)
    fs.rmSync(path.join(out, 'copy.db'))
    expect((await collect(galley(['export', '--all', '--include-unapproved', '--format', 'json', '--out', out, '--force', '--db', db]))).code).toBe(0)
    expect(fs.readdirSync(out).sort()).toEqual([MARKER, 'json', 'manifest.json'])
  })

  it('every command that reads a database refuses a path where there is none, and creates nothing', async () => {
    const missing = path.join(dir, 'typo', 'galey.db')
    const checked = await collect(galley(['check', '--db', missing]))
    expect(checked.code).toBe(1)
    expect(checked.stdout).toBe('')
    expect(checked.stderr.trim()).toBe(`galley: no database at ${missing} (galley import creates one)`)
    const backup = path.join(dir, 'typo-backup.db')
    fs.copyFileSync(seeded, backup)
    const commands = [
      ['editions'],
      ['pages'],
      ['show', '1'],
      ['search', '社区'],
      ['suggestions', '--page', '1'],
      ['approve', '--page', '1'],
      ['export', '--all', '--out', path.join(dir, 'typo-export')],
      ['backup'],
      ['backup', '--out', path.join(dir, 'typo-out.db')],
      ['restore', backup]
    ]
    for (const args of commands) {
      const o = capture()
      expect(await main([...args, '--db', missing], o), args.join(' ')).toBe(1)
      expect(o.stderr.join('\n'), args.join(' ')).toMatch(new RegExp(`^galley: no database at ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `))
    }
    expect(fs.existsSync(path.dirname(missing))).toBe(false)
    expect(fs.existsSync(path.join(dir, 'typo-export'))).toBe(false)
    expect(fs.existsSync(path.join(dir, 'typo-out.db'))).toBe(false)
  })

  it('restore refuses while galley serve or the app has the database open; saves keep going to the database; a killed server does not block it', async () => {
    const db = freshStore('restore')
    const backup = path.join(dir, 'restore-backup.db')
    expect((await collect(galley(['backup', '--out', backup, '--db', db]))).code).toBe(0)

    const server = await serve(db)
    const exited = collect(server.child)
    const call = (method: string, args: unknown) => callApi(server.port, server.token, method, args)
    const [first] = (await call('listPages', {})).body.result as { id: number }[]
    const page = (await call('getPage', { pageId: first!.id })).body.result
    const refused = await collect(galley(['restore', backup, '--db', db]))
    expect(refused.code).toBe(1)
    expect(refused.stderr.trim()).toBe(
      `galley: the database ${db} is open in another Galley process (the desktop app, galley serve or a running command); close it first`
    )
    expect(fs.readdirSync(path.dirname(db)).filter((n) => n.includes('before-restore') || n.includes('.restoring-'))).toEqual([])
    // The save acknowledged after the refused restore is in the database, not in a file set aside.
    const text = `${page.revision.text}\n恢复被拒之后的编辑`
    const saved = await call('saveRevision', { pageId: first!.id, baseRevisionId: page.revision.id, text })
    expect(saved.body.ok).toBe(true)
    server.child.kill('SIGKILL')
    await exited
    const after = new Database(db, { readonly: true })
    expect(after.prepare('SELECT text FROM revisions WHERE id = ?').pluck().get(saved.body.result.revisionId)).toBe(text)
    after.close()

    // The app's session (this process) holds it the same way; a CLI restore sees it.
    const session = openAppSession({ databasePath: db, mode: 'browser' })
    expect(session.recovery()).toBeNull()
    const whileApp = await collect(galley(['restore', backup, '--db', db]))
    expect(whileApp.code).toBe(1)
    expect(whileApp.stderr).toMatch(/is open in another Galley process/)
    session.close()

    // Nothing holds it now (the killed server's lock went with its process): the restore goes through.
    const restored = await collect(galley(['restore', backup, '--db', db]))
    expect(restored.code, restored.stderr).toBe(0)
    expect(restored.stdout).toMatch(/the previous database is kept as .*before-restore-/)
    expect(invariants(db)).toMatchObject({ integrity: 'ok', broken: 0 })
  })

  it('the app in recovery does not put a backup in place while another process has the damaged file open', async () => {
    const folder = path.join(dir, 'recovery')
    fs.mkdirSync(folder)
    const { file, backup } = await damagedDatabase(folder, new Date(Date.UTC(2024, 0, 2)))
    // A process that still has the file open (an import that began before the damage, say).
    const holder = spawn(process.execPath, ['-e', HOLD_OPEN, file], { stdio: ['ignore', 'pipe', 'inherit'] })
    const holderExited = new Promise((r) => holder.once('exit', r))
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()))
    const session = openAppSession({ databasePath: file, mode: 'browser' })
    try {
      expect(session.recovery()).toMatchObject({ problem: 'damaged', backup: { file: backup } })
      await expect(Promise.resolve().then(() => session.handlers.restoreNewestBackup({ backup: backup! }))).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/^restoreNewestBackup: the database .* is open in another Galley process/)
      })
      expect(fs.readdirSync(folder).filter((n) => n.includes('before-restore'))).toEqual([])
      holder.kill('SIGKILL')
      await holderExited
      const restored = await session.handlers.restoreNewestBackup({ backup: backup! })
      expect(restored.restored).toMatchObject({ file: backup })
      expect(session.recovery()).toBeNull()
    } finally {
      session.close()
      holder.kill('SIGKILL')
    }
  })

  it('backup --out never writes onto the live database or its WAL, asks before replacing a file, and never leaves half a backup', async () => {
    const db = freshStore('backup')
    const server = await serve(db)
    const exited = collect(server.child)
    const call = (method: string, args: unknown) => callApi(server.port, server.token, method, args)
    const pages = (await call('listPages', {})).body.result as { id: number }[]
    const acknowledged = new Map<number, string>()
    let saving = true
    const saves = (async () => {
      for (let i = 0; saving; i++) {
        const pageId = pages[i % pages.length]!.id
        const page = (await call('getPage', { pageId })).body.result
        const text = `${page.revision.text}\n备份时的编辑${i}`
        const saved = await call('saveRevision', { pageId, baseRevisionId: page.revision.id, text })
        if (saved.body.ok) acknowledged.set(saved.body.result.revisionId, text)
      }
    })()
    try {
      // The same folder through a symbolic link is the same file too.
      const linked = path.join(dir, 'backup-linked')
      fs.symlinkSync(path.dirname(db), linked)
      for (const target of [db, `${db}-wal`, `${db}-shm`, path.join(linked, 'galley.db'), path.join(linked, 'galley.db-wal')]) {
        const refused = await collect(galley(['backup', '--out', target, '--force', '--db', db]))
        expect(refused.code, target).toBe(1)
        expect(refused.stderr.trim().split('\n'), target).toHaveLength(1)
        expect(refused.stderr).toMatch(/the database being backed up; write the backup to another file/)
      }
      // A hard link is the same file under another name.
      const link = path.join(dir, 'backup-link.db')
      fs.linkSync(db, link)
      expect((await collect(galley(['backup', '--out', link, '--force', '--db', db]))).code).toBe(1)
      fs.rmSync(link)

      const existing = path.join(dir, 'existing-backup.db')
      fs.writeFileSync(existing, 'not yet a backup')
      const asked = await collect(galley(['backup', '--out', existing, '--db', db]))
      expect(asked.code).toBe(1)
      expect(asked.stderr.trim()).toBe(`galley backup: ${existing} already exists (use --force to replace it)`)
      expect(fs.readFileSync(existing, 'utf8')).toBe('not yet a backup')
      expect((await collect(galley(['backup', '--out', existing, '--force', '--db', db]))).code).toBe(0)
      expect(invariants(existing).integrity).toBe('ok')

      // Another database in use by a process is not a file to replace either.
      const other = freshStore('backup-other')
      const otherServer = await serve(other)
      const otherExited = collect(otherServer.child)
      const inUse = await collect(galley(['backup', '--out', other, '--force', '--db', db]))
      expect(inUse.code).toBe(1)
      expect(inUse.stderr).toMatch(/the file .* is open in another Galley process/)
      otherServer.child.kill('SIGTERM')
      await otherExited

      // Killed at any moment, a backup leaves the old file or a whole backup, never half of one.
      const original = fs.readFileSync(existing)
      let midway = 0
      const partials = (): string[] => fs.readdirSync(dir).filter((n) => n.startsWith('.existing-backup.db.partial-'))
      for (let i = 0; i < 8; i++) {
        const child = galley(['backup', '--out', existing, '--force', '--db', db])
        const done = collect(child)
        let exited = false
        void done.then(() => (exited = true))
        // Kill it while it writes (its temporary file is there), or at the latest when it is about to finish.
        const deadline = Date.now() + 10_000
        while (!exited && partials().length === 0 && Date.now() < deadline) await sleep(1)
        await sleep(i * 3)
        if (partials().length > 0) midway++
        child.kill('SIGKILL')
        await done
        const now = fs.readFileSync(existing)
        if (!now.equals(original)) expect(invariants(existing).integrity).toBe('ok')
      }
      console.log(`faults: 8 backups killed, ${midway} while writing; the target was the old file or a whole backup after each`)
      expect(midway).toBeGreaterThan(0)
      // A killed backup's temporary file is removed by the next backup to the same name; a look-alike that is not a database stays.
      const dead = spawnSync(process.execPath, ['-e', '']).pid!
      const stray = path.join(dir, `.existing-backup.db.partial-${dead}-0badcafe`)
      const notOurs = path.join(dir, `.existing-backup.db.partial-${dead}-0ddba11a`)
      fs.copyFileSync(existing, stray)
      fs.writeFileSync(notOurs, 'a note that only looks like a temporary file')
      expect((await collect(galley(['backup', '--out', existing, '--force', '--db', db]))).code).toBe(0)
      const left = fs.readdirSync(dir).filter((n) => n.startsWith('.existing-backup.db.'))
      expect(left).toEqual([path.basename(notOurs)])
    } finally {
      saving = false
      await saves
    }
    server.child.kill('SIGTERM')
    await exited
    expect(invariants(db)).toMatchObject({ integrity: 'ok', broken: 0 })
    const after = new Database(db, { readonly: true })
    for (const [id, text] of acknowledged) expect(after.prepare('SELECT text FROM revisions WHERE id = ?').pluck().get(id)).toBe(text)
    after.close()
    expect(acknowledged.size).toBeGreaterThan(0)
  })

  it('a stopped export cleans up: SIGTERM removes its own staging folder, a later export removes a killed one, and nothing else', async () => {
    const db = freshStore('exports')
    const parent = path.join(dir, 'export-parent')
    fs.mkdirSync(parent)
    const out = path.join(parent, 'edition')
    const exportArgs = ['export', '--all', '--include-unapproved', '--out', out, '--db', db]
    const underWay = async (): Promise<string> => {
      const deadline = Date.now() + 30_000
      for (;;) {
        const staging = fs.readdirSync(parent).find((n) => n.startsWith('.edition.partial-'))
        if (staging && fs.existsSync(path.join(parent, staging, MARKER))) return staging
        if (Date.now() > deadline) throw new Error('the export never started')
        await sleep(5)
      }
    }

    const terminated = galley(exportArgs)
    const termDone = collect(terminated)
    await underWay()
    terminated.kill('SIGTERM')
    const term = await termDone
    expect(term.stderr).toMatch(/export cancelled; nothing was written/)
    expect(term.code).toBe(1)
    expect(fs.readdirSync(parent)).toEqual([])

    const killed = galley(exportArgs)
    const killDone = collect(killed)
    const debris = await underWay()
    killed.kill('SIGKILL')
    await killDone
    expect(fs.readdirSync(parent)).toEqual([debris])
    // Look-alikes that are not Galley's: no marker, or a live process's.
    const dead = spawnSync(process.execPath, ['-e', '']).pid!
    const unmarked = path.join(parent, `.edition.partial-${dead}-0badcafe`)
    fs.mkdirSync(unmarked)
    fs.writeFileSync(path.join(unmarked, 'thesis.txt'), 'mine')
    const live = path.join(parent, `.edition.partial-${process.pid}-0ddba11a`)
    fs.mkdirSync(live)
    fs.writeFileSync(path.join(live, MARKER), JSON.stringify({ writtenBy: 'Galley 0.1.0' }))

    const again = await collect(galley([...exportArgs.slice(0, -4), '--format', 'txt', '--out', out, '--db', db]))
    expect(again.code, again.stderr).toBe(0)
    expect(fs.readdirSync(parent).sort()).toEqual([path.basename(unmarked), path.basename(live), 'edition'].sort())
    expect(fs.readFileSync(path.join(unmarked, 'thesis.txt'), 'utf8')).toBe('mine')
  })
})
