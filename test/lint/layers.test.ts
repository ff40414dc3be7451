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
    ['src/shared/x.ts', "import fs from 'node:fs'\nexport const a = fs"]
  ])('fails %s importing what its layer must not', async (file, code) => {
    const found = await problems(file, code)
    expect(found.some((p) => /no-restricted-(imports|globals)/.test(p))).toBe(true)
  })

  it.each([
    ['src/core/store/x.ts', "import Database from 'better-sqlite3'\nexport const a = Database"],
    ['src/core/x.ts', "import fs from 'node:fs'\nexport const a = fs"],
    ['src/renderer/src/x.ts', "import type { GalleyApi } from '../../shared/api'\nexport type A = GalleyApi"]
  ])('allows %s its own dependencies', async (file, code) => {
    expect(await problems(file, code)).toEqual([])
  })
})
