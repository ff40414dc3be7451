// What a file's name and folder say about its edition and its place in it.

export interface PagePlace {
  edition: string
  issueDate: string | null
  label: string
  /** Page number when the name has one; files without sort after, by name. */
  order: number
  /** The publication the edition belongs to when it is new. */
  publication: string
  /** The user named the publication (an edition of another publication is then refused). */
  publicationGiven: boolean
}

export const UNNUMBERED = 1_000_000

const DATE_PATTERNS: RegExp[] = [
  /(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)/,
  /((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日/
]

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The first real calendar date in a name (`2024-05-01`, `20240501`, `2024年5月1日`); 2024-02-31 is none. */
export function dateIn(name: string): { iso: string; match: string } | null {
  for (const pattern of DATE_PATTERNS) {
    const m = pattern.exec(name)
    if (!m) continue
    const [match, y, mo, d] = m as unknown as [string, string, string, string]
    const month = Number(mo)
    const day = Number(d)
    if (month < 1 || month > 12 || day < 1 || day > daysIn(Number(y), month)) continue
    return { iso: `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, match }
  }
  return null
}

// The page number is the last group; a section letter before it (`A08`, a Hong Kong or Taiwan
// paper's sections A, B, C …) is the first.
const PAGE_PATTERNS: RegExp[] = [
  /第?\s*(?:(?<![A-Za-z])([A-Za-z]))?([0-9]{1,3})\s*版/, // 05版, 第5版, A3版
  /(?:^|[^a-z])(?:p|pg|page)[-_ ]?()([0-9]{1,3})(?![0-9])/i, // p05, page-5
  /[-_ ]()([0-9]{1,3})$/, // name_05
  /^()([0-9]{1,3})(?:[-_ .]|$)/, // 05_name, 005
  /(?:^|[-_ ])([A-Za-z])[-_]?([0-9]{1,3})$/ // name_A08, B3
]

/**
 * Where a page of a section goes: after every page of the sections before it (A12 before B01),
 * the pages of a paper without sections by their number.
 */
export function sectionOrder(letter: string, page: number): number {
  return letter ? (letter.toUpperCase().charCodeAt(0) - 64) * 1000 + page : page
}

/** A page's label: its number two digits wide, a section letter kept (`05`, `A08`). */
export function pageLabel(letter: string, page: number): string {
  return letter.toUpperCase() + String(page).padStart(2, '0')
}

export function pageNumberIn(stem: string): { order: number; label: string } | null {
  const date = dateIn(stem)
  const rest = date ? stem.replace(date.match, ' ').trim() : stem
  for (const pattern of PAGE_PATTERNS) {
    const m = pattern.exec(rest)
    if (!m?.[2]) continue
    const letter = m[1] ?? ''
    const n = Number(m[2])
    return { order: sectionOrder(letter, n), label: pageLabel(letter, n) }
  }
  return null
}

/**
 * @param fileName base name of the file
 * @param folderName name of the folder the file was found in (the edition when nothing better is known)
 * @param edition the edition the user named, if any
 */
export function placePage(fileName: string, folderName: string, edition?: string, publication?: string): PagePlace {
  const stem = fileName.replace(/\.[^.]*$/, '')
  const fileDate = dateIn(stem)
  const folderDate = dateIn(folderName)
  const editionName = edition?.trim() || fileDate?.iso || folderName || 'Unsorted'
  const issueDate = dateIn(editionName)?.iso ?? fileDate?.iso ?? folderDate?.iso ?? null
  const page = pageNumberIn(stem)
  const givenPublication = publication?.trim() ?? ''
  return {
    publication: givenPublication || publicationNameFor(editionName, !edition?.trim() && fileDate ? stem : undefined),
    publicationGiven: givenPublication !== '',
    edition: editionName,
    issueDate,
    label: page?.label ?? stem,
    order: page?.order ?? UNNUMBERED
  }
}

/** What is left of a name once its dates, issue numbers and page numbers are taken out: the paper's own name. */
export function paperPart(name: string): string {
  let rest = name.replace(/\.[a-z]{1,4}$/i, '')
  for (let date = dateIn(rest); date; date = dateIn(rest)) rest = rest.replace(date.match, ' ')
  rest = rest
    .replace(/第\s*[0-9一二三四五六七八九十百千]+\s*[期版号]/g, ' ')
    .replace(/(?:^|[-_ .])(?:p|pg|page|no\.?)?[-_ ]?[0-9]{1,4}(?=$|[-_ .])/gi, ' ')
    .replace(/[0-9]{1,3}\s*版/g, ' ')
    .replace(/(?:^|[-_ .])[A-Za-z][0-9]{1,3}(?=$|[-_ .])/g, ' ')
  return rest.replace(/[\s\-_.,，、·]+/g, ' ').trim()
}

/**
 * The publication an edition belongs to when the user names none: the paper's name in the
 * edition's name (`人民日报_2026-05-07` → `人民日报`), else in the file's name when the edition is
 * only a date from it (`rmrb_20260507_05.txt` → `rmrb`), else the edition's name itself.
 */
export function publicationNameFor(editionName: string, fileName?: string): string {
  const fromEdition = paperPart(editionName)
  if (fromEdition) return fromEdition
  const fromFile = fileName ? paperPart(fileName) : ''
  return fromFile || editionName
}
