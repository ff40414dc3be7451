import { describe, expect, it } from 'vitest'
import { placePage, UNNUMBERED } from '../../src/core/import/naming'

describe('placePage', () => {
  it.each([
    ['05版.txt', 5],
    ['第12版 要闻.txt', 12],
    ['p05.txt', 5],
    ['page-7.txt', 7],
    ['晚报_05.txt', 5],
    ['003_15769e76cc18de3f.txt', 3],
    ['2024-03-05_02版.txt', 2],
    ['20240305_p11.txt', 11]
  ])('reads the page number of %s', (name, order) => {
    expect(placePage(name, 'folder').order).toBe(order)
  })

  it('reads a section page (A08) and keeps the paper\'s name apart from it', () => {
    expect(placePage('hk_2026-11-30_A08.txt', 'folder')).toMatchObject({ label: 'A08', edition: '2026-11-30', publication: 'hk' })
    expect(placePage('明報_2026-11-30_B3.txt', 'folder')).toMatchObject({ label: 'B03', publication: '明報' })
    expect(placePage('x_A12.txt', 'f').order).toBeLessThan(placePage('x_B01.txt', 'f').order)
    expect(placePage('2026-11-30_A3版.txt', 'folder')).toMatchObject({ label: 'A03' })
    expect(placePage('web05版.txt', 'folder')).toMatchObject({ label: '05' })
    // A plain number is not read as a section's.
    expect(placePage('晚报_05.txt', 'folder')).toMatchObject({ label: '05', order: 5 })
  })

  it('sorts files without a number after, by name', () => {
    expect(placePage('front.txt', 'folder')).toMatchObject({ order: UNNUMBERED, label: 'front' })
  })

  it('takes the edition from the option, then a date in the name, then the folder', () => {
    expect(placePage('2024-03-05_02版.txt', 'x', '晚报')).toMatchObject({ edition: '晚报', issueDate: '2024-03-05' })
    expect(placePage('2024年3月5日_02版.txt', 'x')).toMatchObject({ edition: '2024-03-05', issueDate: '2024-03-05' })
    expect(placePage('02版.txt', '2024-03-06')).toMatchObject({ edition: '2024-03-06', issueDate: '2024-03-06' })
    expect(placePage('02版.txt', '城市晚报')).toMatchObject({ edition: '城市晚报', issueDate: null })
  })
})
