// The page's own header names it: `当前版: 05版`, `第05版`, `05版：评论`, `A3版 要闻`, `第五版`.
// Only the first few short lines are read (a header is at the top, and a body sentence that
// mentions "第5版" is long); the shapes are generic, not any one paper's.

import { pageLabel, sectionOrder } from './naming'

const HEADER_LINES = 8
const MAX_HEADER_LINE = 40

const NUMERALS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 一 … 九十九 → 1 … 99; anything else → null. */
function chineseNumber(s: string): number | null {
  if (/^[〇零一二两三四五六七八九]$/.test(s)) return NUMERALS[s] ?? null
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s)
  if (!m) return null
  return (m[1] ? NUMERALS[m[1]]! : 1) * 10 + (m[2] ? NUMERALS[m[2]]! : 0)
}

const PAGE_NO = String.raw`([A-Za-z]?)\s*(\d{1,3}|[〇零一二两三四五六七八九十]{1,3})\s*版`
const SHAPES: RegExp[] = [
  new RegExp(String.raw`(?:当前|當前|本)版(?:次)?\s*[:：]?\s*(?:第\s*)?${PAGE_NO}`), // 当前版: 05版
  new RegExp(String.raw`第\s*${PAGE_NO}`), // 第05版, 第五版
  new RegExp(String.raw`^\s*${PAGE_NO}\s*(?:[:：|·\-—\s]|$)`) // 05版：评论, A3版 要闻
]

export interface HeaderLabel {
  /** `05`, `A03`: the number two digits wide, a section letter kept. */
  label: string
  order: number
}

/**
 * A section's page named alone (`港聞　2026年11月30日　星期一　A08`): papers with sections print
 * no 版 after it. A letter and one or two digits between spaces or the line's ends, only on a line
 * that also dates the page, as a header line does (a title like `G20峰会` has neither).
 */
const SECTION_PAGE = /(?:^|\s)([A-Z])\s?(\d{1,2})(?=\s|$)/
const DATED = /\d{1,4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}|星期[一二三四五六日天]|週[一二三四五六日]|禮拜[一二三四五六日天]/

export function pageLabelInHeader(text: string): HeaderLabel | null {
  const lines = text.split(/\r?\n/, 40).map((l) => l.trim()).filter((l) => l.length > 0).slice(0, HEADER_LINES)
  for (const line of lines) {
    if ([...line].length > MAX_HEADER_LINE) continue
    const shapes = DATED.test(line) ? [...SHAPES, SECTION_PAGE] : SHAPES
    for (const shape of shapes) {
      const m = shape.exec(line)
      if (!m) continue
      const letter = (m[1] ?? '').toUpperCase()
      const digits = m[2] ?? ''
      const n = /^\d+$/.test(digits) ? Number(digits) : chineseNumber(digits)
      if (n === null || n < 1 || n > 999) continue
      return { label: pageLabel(letter, n), order: sectionOrder(letter, n) }
    }
  }
  return null
}
