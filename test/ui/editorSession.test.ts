import { describe, expect, it } from 'vitest'
import { runEditorSession, sessionSource } from '../../bench/editorSession'

// The editor-session benchmark's script (bench/editorSession.ts) reaches the structure and fixes
// its fixture describes, on the sample edition read at run time from ../shared/samples. The count
// of actions is the bench's to report; here only that the floor (8 a page) holds.

const source = sessionSource()

describe('the editor session on the sample edition', () => {
  it.skipIf(!source)('takes the edition from import to the fixture by keyboard and clicks', async () => {
    const result = await runEditorSession()
    expect(result.mismatches).toEqual([])
    expect(result.actionsPerPage).toBeLessThanOrEqual(8)
  }, 180_000)
  if (!source) it.skip('needs ../shared/samples (the sample edition is not in the repository)', () => undefined)
})
