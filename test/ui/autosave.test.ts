import { describe, expect, it } from 'vitest'
import { Autosaver, type SaveStatus, type Timers } from '../../src/renderer/src/state/autosave'

/** Hand-driven clock: the autosave logic is tested as logic, not against wall time. */
function fakeTimers(): Timers & { advance(ms: number): Promise<void> } {
  let now = 0
  let next = 1
  const pending = new Map<number, { at: number; run: () => void }>()
  return {
    now: () => now,
    set: (run, ms) => {
      const id = next++
      pending.set(id, { at: now + ms, run })
      return id
    },
    clear: (id) => void pending.delete(id as number),
    async advance(ms) {
      const until = now + ms
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        pending.delete(due[0])
        now = due[1].at
        due[1].run()
        await Promise.resolve()
        await Promise.resolve()
      }
      now = until
      await Promise.resolve()
    }
  }
}

function setup(save: () => Promise<void> = () => Promise.resolve()) {
  const timers = fakeTimers()
  const statuses: SaveStatus[] = []
  let saves = 0
  const saver = new Autosaver({
    debounceMs: 300,
    maxWaitMs: 900,
    timers,
    isConflict: (e) => (e as Error).message === 'conflict',
    onStatus: (s) => statuses.push(s),
    save: () => {
      saves++
      return save()
    }
  })
  return { saver, timers, statuses, saves: () => saves }
}

describe('autosave', () => {
  it('saves once after the last keystroke, not on every one', async () => {
    const { saver, timers, saves } = setup()
    saver.changed()
    await timers.advance(100)
    saver.changed()
    await timers.advance(299)
    expect(saves()).toBe(0)
    await timers.advance(1)
    expect(saves()).toBe(1)
    expect(saver.isDirty).toBe(false)
  })

  it('saves during continuous typing no later than maxWait after the first unsaved change', async () => {
    const { saver, timers, saves } = setup()
    for (let t = 0; t < 1000; t += 100) {
      saver.changed()
      await timers.advance(100)
    }
    expect(saves()).toBe(1)
  })

  it('runs one save at a time and saves again for changes made meanwhile', async () => {
    let release: () => void = () => undefined
    const { saver, timers, saves } = setup(() => new Promise<void>((r) => (release = r)))
    saver.changed()
    await timers.advance(300)
    saver.changed()
    await timers.advance(1000)
    expect(saves()).toBe(1)
    release()
    await new Promise((r) => setTimeout(r, 0))
    await timers.advance(1)
    expect(saves()).toBe(2)
    release()
    await saver.flush()
    expect(saver.isDirty).toBe(false)
  })

  it('flush saves at once and resolves when stored', async () => {
    const { saver, saves, statuses } = setup()
    saver.changed()
    await saver.flush()
    expect(saves()).toBe(1)
    expect(statuses.at(-1)).toBe('saved')
  })

  it('stops on a conflict and keeps the change unsaved until resumed', async () => {
    let fail = true
    const { saver, timers, saves, statuses } = setup(() => (fail ? Promise.reject(new Error('conflict')) : Promise.resolve()))
    saver.changed()
    await timers.advance(300)
    expect(statuses.at(-1)).toBe('conflict')
    saver.changed()
    await timers.advance(5000)
    expect(saves()).toBe(1)
    expect(saver.isDirty).toBe(true)
    fail = false
    saver.resume()
    await timers.advance(1)
    expect(saves()).toBe(2)
    expect(statuses.at(-1)).toBe('saved')
  })

  it('retries after other failures', async () => {
    let fail = true
    const { saver, timers, saves, statuses } = setup(() => (fail ? Promise.reject(new Error('offline')) : Promise.resolve()))
    saver.changed()
    await timers.advance(300)
    expect(statuses.at(-1)).toBe('error')
    fail = false
    await timers.advance(2000)
    expect(saves()).toBe(2)
    expect(statuses.at(-1)).toBe('saved')
  })
})
