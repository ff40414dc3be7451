import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../..')
const eslint = new ESLint({ cwd: root })

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`)
}

describe('layer lint rule', () => {
  it.each([
    ['src/core/x.ts', "import { app } from 'electron'\nexport const a = app"],
    ['src/core/x.ts', "import React from 'react'\nexport const a = React"],
    ['src/core/x.ts', 'export const a = document.title'],
    ['src/core/import/x.ts', "import Database from 'better-sqlite3'\nexport const a = Database"],
    ['src/renderer/src/x.ts', "import fs from 'node:fs'\nexport const a = fs"],
    ['src/renderer/src/x.ts', "import path from 'path'\nexport const a = path"],
    ['src/renderer/src/x.ts', "import Database from 'better-sqlite3'\nexport const a = Database"],
    ['src/renderer/src/x.ts', "import { openDatabase } from '../../core/store/database'\nexport const a = openDatabase"],
    ['src/shared/x.ts', "import fs from 'node:fs'\nexport const a = fs"],
    // The adapters reach core only through its services.
    ['src/cli/commands/x.ts', "import { listPages } from '../../core/store/queries/pages'\nexport const a = listPages"],
    ['src/cli/x.ts', "import { importPaths } from '../core/import/importer'\nexport const a = importPaths"],
    ['src/main/x.ts', "import { backupIfDue } from '../core/store/backup'\nexport const a = backupIfDue"],
    ['src/server/x.ts', "import { analyzePage } from '../core/analysis'\nexport const a = analyzePage"],
    ['src/server/x.ts', "import { main } from '../cli/main'\nexport const a = main"],
    ['src/preload/x.ts', "import { apiArgs } from '../shared/api'\nexport const a = apiArgs"]
  ])('fails %s importing what its layer must not', async (file, code) => {
    const found = await problems(file, code)
    expect(found.some((p) => /no-restricted-(imports|globals)|galley\/layers/.test(p))).toBe(true)
  })

  it.each([
    ['src/core/export/x.ts', "import type { Db } from '../store/database'\nexport const f = (db: Db) => db.prepare('SELECT 1').get()"],
    ['src/core/services/x.ts', "import type { Db } from '../store/database'\nexport const f = (db: Db, sql: string) => db.exec(sql)"],
    ['src/core/import/x.ts', "export const q = `SELECT id FROM pages WHERE sha256 = ?`"],
    ['src/core/x.ts', "export const q = 'INSERT INTO pages (id) VALUES (1)'"],
    ['src/cli/commands/x.ts', "import type { Db } from '../../core/services/local'\nexport const f = (db: Db) => db.pragma('user_version')"]
  ])('fails SQL in %s, outside src/core/store', async (file, code) => {
    const found = await problems(file, code)
    expect(found.some((p) => p.startsWith('no-restricted-syntax: SQL belongs in src/core/store'))).toBe(true)
  })

  it.each([
    ['src/core/store/x.ts', "import Database from 'better-sqlite3'\nexport const a = Database"],
    ['src/core/x.ts', "import fs from 'node:fs'\nexport const a = fs"],
    ['src/renderer/src/x.ts', "import type { GalleyApi } from '../../shared/api'\nexport type A = GalleyApi"],
    ['src/cli/commands/x.ts', "import { localServices } from '../../core/services/local'\nexport const a = localServices"],
    ['src/core/store/queries/x.ts', "import type { Db } from '../database'\nexport const f = (db: Db) => db.prepare('SELECT 1').get()"],
    ['src/core/analysis/x.ts', "export const f = (s: string) => /^(\\d+)/.exec(s)"]
  ])('allows %s its own dependencies', async (file, code) => {
    expect(await problems(file, code)).toEqual([])
  })
})

describe('the analysis workers', () => {
  it('load no store code: the domain types they share live in core/model', async () => {
    const { build } = await import('esbuild')
    const result = await build({
      entryPoints: [path.join(root, 'src/core/workers/pageWorker.ts')],
      bundle: true,
      platform: 'node',
      write: false,
      metafile: true,
      external: ['better-sqlite3'],
      logLevel: 'silent'
    })
    const inputs = Object.keys(result.metafile.inputs).filter((f) => f.startsWith('src/'))
    expect(inputs).toContain('src/core/model/articleBody.ts')
    expect(inputs.filter((f) => f.startsWith('src/core/store/'))).toEqual([])
  })
})
