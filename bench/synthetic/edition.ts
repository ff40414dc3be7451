// What stays fixed across an archive (the paper, its staff, its city) and across one
// edition (date, page sections, which reporter's name gets misread that day).
import type { Rng } from './prng'
import { deriveSeed, mulberry32 } from './prng'
import type { Staff } from './articles'
import type { EditionInfo } from './furniture'
import { tipLine } from './furniture'
import { LOOKALIKE } from './lookalikes'
import { paperName, personName, placeStem } from './names'
import type { Topic } from './topics'
import { TOPICS } from './topics'

export const PAGES_PER_EDITION = 8

export interface ArchiveContext {
  seed: number
  paper: string
  districts: string[]
  reporters: string[]
  correspondents: string[]
  photographers: string[]
  editors: string[]
  designers: string[]
  proofreaders: string[]
  colon: string
  tipPhone: string
  tipEmail: string
  /** Days since 1970-01-01 (UTC) of the first edition. */
  firstDay: number
}

export interface EditionContext {
  index: number
  /** YYYY-MM-DD */
  name: string
  info: EditionInfo
  staff: Staff
  /** Topic of pages 2..8 (index 0 = page 1, which mixes topics). */
  pageTopics: (Topic | null)[]
  sections: string[]
}

function distinct(rng: Rng, n: number, make: (r: Rng) => string): string[] {
  const seen = new Set<string>()
  for (let tries = 0; seen.size < n && tries < n * 20; tries++) seen.add(make(rng))
  return [...seen]
}

export function archiveContext(seed: number): ArchiveContext {
  const rng = mulberry32(deriveSeed(seed, 0xa5c))
  const tip = tipLine(rng)
  return {
    seed,
    paper: paperName(rng),
    districts: distinct(rng, 7, (r) => placeStem(r) + (r.chance(0.75) ? '区' : '县')),
    reporters: distinct(rng, 14, personName),
    correspondents: distinct(rng, 20, personName),
    photographers: distinct(rng, 8, personName),
    editors: distinct(rng, 6, personName),
    designers: distinct(rng, 4, personName),
    proofreaders: distinct(rng, 4, personName),
    colon: rng.chance(0.5) ? ':' : '：',
    tipPhone: tip.phone,
    tipEmail: tip.email,
    // 2023-01-02 plus up to two years, so different seeds cover different dates.
    firstDay: 19359 + rng.int(0, 730)
  }
}

/** A look-alike spelling of a name, or null when none of its characters has one. */
function misread(rng: Rng, name: string): string | null {
  const chars = [...name]
  const candidates = chars.map((c, i) => (LOOKALIKE.has(c) ? i : -1)).filter((i) => i >= 0)
  if (candidates.length === 0) return null
  const i = rng.pick(candidates)
  chars[i] = rng.pick(LOOKALIKE.get(chars[i] as string) as string[])
  return chars.join('')
}

export function editionContext(archive: ArchiveContext, index: number): EditionContext {
  const rng = mulberry32(deriveSeed(archive.seed, 0xed, index))
  const date = new Date((archive.firstDay + index) * 86_400_000)
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth() + 1
  const day = date.getUTCDate()
  const name = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  const variants = new Map<string, string>()
  const misreadable = [...archive.reporters, ...archive.photographers].filter((n) => [...n].some((c) => LOOKALIKE.has(c)))
  if (misreadable.length > 0 && rng.chance(0.5)) {
    const who = rng.pick(misreadable)
    const v = misread(rng, who)
    if (v) variants.set(who, v)
  }
  const shuffled = [...TOPICS]
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = rng.int(0, i)
    ;[shuffled[i], shuffled[j]] = [shuffled[j] as Topic, shuffled[i] as Topic]
  }
  const pageTopics: (Topic | null)[] = [null]
  for (let p = 1; p < PAGES_PER_EDITION; p++) pageTopics.push(shuffled[p % shuffled.length] as Topic)
  const sections = pageTopics.map((t) => (t ? t.section : '要闻'))
  return {
    index,
    name,
    info: {
      paper: archive.paper,
      year,
      month,
      day,
      weekday: date.getUTCDay(),
      colon: archive.colon,
      editors: archive.editors,
      designers: archive.designers,
      proofreaders: archive.proofreaders,
      tipPhone: archive.tipPhone,
      tipEmail: archive.tipEmail
    },
    staff: {
      reporters: archive.reporters,
      correspondents: archive.correspondents,
      photographers: archive.photographers,
      variants
    },
    pageTopics,
    sections
  }
}
