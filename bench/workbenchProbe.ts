// Runs inside the page (an init script, before the app): watches the workbench from outside the
// app's code. Every time is performance.now() in the page; an input's time is its event's own
// timeStamp, so time spent queued behind other work counts. "Painted" is the first task after
// the frame that showed it (requestAnimationFrame, then a message: rendering is done by then).

export interface OpenState {
  /** The user's action (keydown or pointerdown) after arming. */
  t0: number | null
  /** First painted frame with both sides showing the page's text. */
  shown: number | null
  /** Last painted frame in which anything of the editor changed (text, diff, marks, markers). */
  complete: number
  textOk: boolean
  /** Editor decorations of the diff in view (inserted/deleted lines or characters). */
  diffMarks: number
  quietMs: number
  /** The page's getPage request after the action, as the page saw it. */
  fetch: { start: number; end: number } | null
  /** What changed in the last change: 'text', 'original', or the marks' selectors. */
  lastParts: string[]
}

export interface KeyRecord {
  key: string
  t0: number
  /** Painted with the character visible in the working text; null if never within 5 s. */
  visible: number | null
}

export interface ProbeLog {
  longTasks: Array<{ start: number; duration: number }>
  slowEvents: Array<{ name: string; start: number; duration: number; delay: number }>
  saves: Array<{ start: number; end: number }>
  statuses: Array<{ status: string; t: number }>
  keys: KeyRecord[]
}

export interface Probe {
  armOpen(expectOriginal: string, expectWorking: string): void
  openState(): OpenState
  stopOpen(): void
  armTyping(): void
  stopTyping(): void
  log(since: number): ProbeLog
  now(): number
}

/** The probe's source, as an init script (tsx names functions with a helper the page lacks). */
export function probeScript(): string {
  return `globalThis.__name = (f) => f;\n(${installProbe.toString()})();`
}

function installProbe(): void {
  const DIFF = ['.char-insert', '.char-delete', '.line-insert', '.line-delete']
  const MARKS = [...DIFF, '.gb-sugg', '.squiggly-warning', '.squiggly-info', '.squiggly-error', '.gb-bar', '.gb-glyph', '.gb-role', '.gb-start', '.view-zones > div']
  const han = (s: string): string => (s.match(/\p{Script=Han}/gu) ?? []).join('')
  const strip = (s: string): string => s.replace(/[\s\u00a0]+/g, '')
  const workingText = (): string => (window as unknown as { galleyDebug?: { workingText(): string } }).galleyDebug?.workingText() ?? ''
  const viewText = (side: 'modified' | 'original'): string => document.querySelector(`.editor-host .${side}-in-monaco-diff-editor .view-lines`)?.textContent ?? ''

  const log: ProbeLog = { longTasks: [], slowEvents: [], saves: [], statuses: [], keys: [] }
  const observe = (type: string, onEntry: (e: PerformanceEntry) => void, extra: Record<string, unknown> = {}): void => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true, ...extra } as PerformanceObserverInit)
    } catch {
      // entry type not supported: that list stays empty
    }
  }
  performance.setResourceTimingBufferSize(100_000)
  observe('longtask', (e) => log.longTasks.push({ start: e.startTime, duration: e.duration }))
  observe(
    'event',
    (e) => {
      const t = e as PerformanceEventTiming
      log.slowEvents.push({ name: t.name, start: t.startTime, duration: t.duration, delay: t.processingStart - t.startTime })
    },
    { durationThreshold: 16 }
  )
  const pageLoads: Array<{ start: number; end: number }> = []
  observe('resource', (e) => {
    const at = { start: e.startTime, end: (e as PerformanceResourceTiming).responseEnd }
    if (e.name.endsWith('/api/saveRevision')) log.saves.push(at)
    else if (e.name.endsWith('/api/getPage')) pageLoads.push(at)
  })
  new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target as HTMLElement
      if (el.dataset.testid === 'save-status') log.statuses.push({ status: el.dataset.status ?? '', t: performance.now() })
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'] })

  // After the next painted frame.
  const channel = new MessageChannel()
  let queue: Array<() => void> = []
  channel.port1.onmessage = () => {
    const run = queue
    queue = []
    for (const f of run) f()
  }
  const afterPaint = (f: () => void): void => {
    requestAnimationFrame(() => {
      queue.push(f)
      channel.port2.postMessage(0)
    })
  }

  // ---- opening a page
  interface Open {
    expectW: string
    expectOH: string
    expectWH: string
    t0: number | null
    shown: number | null
    sig: string
    parts: string[]
    lastParts: string[]
    lastChange: number
    textOk: boolean
    diffMarks: number
    active: boolean
  }
  let open: Open | null = null
  const sampleOpen = (o: Open): void => {
    const now = performance.now()
    const host = document.querySelector('.editor-host')
    const modH = han(viewText('modified'))
    const origH = han(viewText('original'))
    const textOk = modH.length > 0 && origH.length > 0 && o.expectWH.includes(modH) && o.expectOH.includes(origH) && workingText() === o.expectW
    const counts = MARKS.map((s) => host?.querySelectorAll(s).length ?? 0)
    const parts = [modH, origH, ...counts.map(String)]
    const sig = parts.join('|')
    if (sig !== o.sig) {
      o.lastParts = parts.flatMap((p, i) => (p === o.parts[i] ? [] : [i === 0 ? 'text' : i === 1 ? 'original' : MARKS[i - 2]!]))
      o.sig = sig
      o.parts = parts
      o.lastChange = now
    }
    o.diffMarks = counts.slice(0, DIFF.length).reduce((a, b) => a + b, 0)
    o.textOk = textOk
    if (textOk && o.shown === null) o.shown = now
  }
  const loopOpen = (o: Open): void =>
    afterPaint(() => {
      if (!o.active) return
      sampleOpen(o)
      loopOpen(o)
    })

  // ---- typing
  interface Typing {
    base: string
    typed: string
    anchor: string | null
  }
  let typing: Typing | null = null
  const visibleNow = (t: Typing, seq: number): boolean => {
    const current = workingText()
    if (current.length < t.base.length + seq) return false
    if (t.anchor === null) {
      let at = 0
      while (at < t.base.length && t.base[at] === current[at]) at++
      t.anchor = strip(t.base.slice(Math.max(0, at - 6), at))
    }
    return strip(viewText('modified')).includes(t.anchor + t.typed.slice(0, seq))
  }
  const chase = (t: Typing, record: KeyRecord, seq: number): void =>
    afterPaint(() => {
      if (visibleNow(t, seq)) record.visible = performance.now()
      else if (performance.now() - record.t0 < 5000) chase(t, record, seq)
    })

  addEventListener(
    'keydown',
    (e) => {
      if (open && open.t0 === null) open.t0 = e.timeStamp
      if (typing && e.key.length === 1 && !e.ctrlKey && !e.altKey && !e.metaKey) {
        typing.typed += e.key
        const record: KeyRecord = { key: e.key, t0: e.timeStamp, visible: null }
        log.keys.push(record)
        chase(typing, record, typing.typed.length)
      }
    },
    true
  )
  addEventListener(
    'pointerdown',
    (e) => {
      if (open && open.t0 === null) open.t0 = e.timeStamp
    },
    true
  )

  const probe: Probe = {
    armOpen(expectOriginal, expectWorking) {
      if (open) open.active = false
      open = {
        expectW: expectWorking,
        expectOH: han(expectOriginal),
        expectWH: han(expectWorking),
        t0: null,
        shown: null,
        sig: '',
        parts: [],
        lastParts: [],
        lastChange: performance.now(),
        textOk: false,
        diffMarks: 0,
        active: true
      }
      sampleOpen(open)
      loopOpen(open)
    },
    openState() {
      const o = open
      if (!o) return { t0: null, shown: null, complete: 0, textOk: false, diffMarks: 0, quietMs: 0, fetch: null, lastParts: [] }
      const fetch = o.t0 === null ? null : (pageLoads.find((f) => f.start >= o.t0!) ?? null)
      return { t0: o.t0, shown: o.shown, complete: o.lastChange, textOk: o.textOk, diffMarks: o.diffMarks, quietMs: performance.now() - o.lastChange, fetch, lastParts: o.lastParts }
    },
    stopOpen() {
      if (open) open.active = false
      open = null
    },
    armTyping() {
      typing = { base: workingText(), typed: '', anchor: null }
    },
    stopTyping() {
      typing = null
    },
    log(since) {
      const after = <T extends { start: number } | { t: number } | { t0: number }>(list: T[]): T[] =>
        list.filter((x) => ('start' in x ? x.start : 't' in x ? x.t : x.t0) >= since)
      return { longTasks: after(log.longTasks), slowEvents: after(log.slowEvents), saves: after(log.saves), statuses: after(log.statuses), keys: after(log.keys) }
    },
    now: () => performance.now()
  }
  ;(window as unknown as { __wb: Probe }).__wb = probe
}
