import { afterEach, describe, expect, it } from 'vitest'
import { analyzePage } from '../../src/core/analysis'
import { describeArticle } from '../../src/core/analysis/describe'
import { log, setLogLevel, setLogSink } from '../../src/core/log'

const lines: string[] = []
const capture = (): void => {
  lines.length = 0
  setLogSink((line) => lines.push(line))
}

afterEach(() => {
  setLogSink()
  setLogLevel('info')
})

describe('the logger', () => {
  it('writes a timestamped line per message at or above its level', () => {
    capture()
    setLogLevel('warn')
    log.info('not shown')
    log.warn('shown', new Error('why'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z WARN shown: why$/)
  })

  it('an analysis that fails says so, with its trace, instead of an empty proposal and no word', () => {
    capture()
    const hostile = { toString: () => { throw new Error('unreadable page') } } as unknown as string
    const proposal = analyzePage(hostile)
    expect(proposal.articles).toEqual([])
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/ERROR analysis failed .*: unreadable page\n\s+at /)
  })

  it('an article that cannot be described is logged too', () => {
    capture()
    const hostile = new Proxy([] as string[], {
      get: () => {
        throw new Error('no lines to read')
      }
    })
    expect(describeArticle(hostile, 'article').paragraphs).toEqual([])
    expect(lines.some((l) => / ERROR describing an article failed.*: no lines to read/.test(l))).toBe(true)
  })
})
