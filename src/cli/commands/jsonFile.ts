import fs from 'node:fs'
import type { z } from 'zod'
import type { Output } from '../output'

/** A JSON file checked against `schema`, or null after one line naming the file and the reason. */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>, output: Output): T | null {
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (error) {
    output.err(`galley: ${file}: ${error instanceof SyntaxError ? `not JSON (${error.message})` : (error as Error).message}`)
    return null
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    output.err(`galley: ${file}: ${issue?.path.length ? issue.path.join('.') + ': ' : ''}${issue?.message ?? 'invalid'}`)
    return null
  }
  return parsed.data
}
