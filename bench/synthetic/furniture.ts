// Page furniture a digital edition leaves in the extracted text: running heads, page
// navigation, tip-line boxes and editor credits.
import type { Rng } from './prng'
import { emailAddress, phoneNumber } from './names'

export interface EditionInfo {
  paper: string
  year: number
  month: number
  day: number
  /** 0 = Sunday. */
  weekday: number
  /** Colon the site's templates use, independent of how the prose was typeset. */
  colon: string
  editors: string[]
  designers: string[]
  proofreaders: string[]
  tipPhone: string
  tipEmail: string
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

export function tipLine(rng: Rng): { phone: string; email: string } {
  return { phone: phoneNumber(rng), email: emailAddress(rng) }
}

function gap(rng: Rng, nbsp: boolean): string {
  if (nbsp && rng.chance(0.6)) return '\u00a0'.repeat(rng.int(2, 4))
  return rng.chance(0.7) ? ' ' : '  '
}

export function runningHead(rng: Rng, e: EditionInfo, pp: string, section: string, nbsp: boolean): string {
  const date = `${e.year}年${e.month}月${e.day}日`
  const iso = `${e.year}-${String(e.month).padStart(2, '0')}-${String(e.day).padStart(2, '0')}`
  const g = (): string => gap(rng, nbsp)
  switch (rng.int(0, 3)) {
    case 0:
      return `${e.paper}${g()}${date}${g()}星期${WEEKDAYS[e.weekday]}${g()}第${pp}版${e.colon}${section}`
    case 1:
      return `${iso}${g()}${e.paper}${g()}${pp}版${g()}${section}`
    case 2:
      return `第${pp}版${e.colon}${section}${g()}${e.paper}${g()}${date}`
    default:
      return `${section}${g()}${date}${g()}星期${WEEKDAYS[e.weekday]}${g()}责任编辑 ${rng.pick(e.editors)}`
  }
}

export function currentPageLine(rng: Rng, e: EditionInfo, pp: string): string {
  const tail = rng.chance(0.3) ? ' 往期回顾' : ''
  return `当前版${e.colon} ${pp}版 上一版 下一版${tail}`
}

/** 标题导航 and the page's titles; one block, or one block per line. */
export function navigation(rng: Rng, e: EditionInfo, pp: string, section: string, titles: string[]): string[] {
  const lines = ['标题导航']
  if (rng.chance(0.6)) lines.push(`第${pp}版${e.colon}${section}`)
  lines.push(...titles)
  return rng.chance(0.6) ? [lines.join('\n')] : lines
}

export function tipBox(rng: Rng, e: EditionInfo): string {
  switch (rng.int(0, 2)) {
    case 0:
      return `报料热线\n${e.tipPhone}\n报料邮箱\n${e.tipEmail}`
    case 1:
      return `报料热线${e.colon}${e.tipPhone}\n报料邮箱${e.colon}${e.tipEmail}`
    default:
      return `报料热线${e.colon}${e.tipPhone}  报料邮箱${e.colon}${e.tipEmail}`
  }
}

export function credits(rng: Rng, e: EditionInfo, nbsp: boolean): string {
  const ed = rng.pick(e.editors)
  switch (rng.int(0, 3)) {
    case 0:
      return `责任编辑 ${ed}${gap(rng, nbsp)}美编 ${rng.pick(e.designers)}${gap(rng, nbsp)}校对 ${rng.pick(e.proofreaders)}`
    case 1:
      return `责任编辑${e.colon}${ed}`
    case 2:
      return `本版编辑 ${ed} 校对 ${rng.pick(e.proofreaders)}`
    default:
      return `责任编辑${e.colon}${ed}\n美编${e.colon}${rng.pick(e.designers)}\n校对${e.colon}${rng.pick(e.proofreaders)}`
  }
}

export function pageNumberLine(rng: Rng, pageNo: number): string {
  return rng.chance(0.5) ? `- ${pageNo} -` : `第${pageNo}版`
}
