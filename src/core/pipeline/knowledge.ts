import type { Db } from '../store/database'
import type { DetectOptions, DictionaryEntry, RejectedFix } from '../typos'
import { countNames, extractNames } from '../typos'
import {
  approvedTextOfPublication,
  correctionsAfter,
  knowledgeMarks,
  listProtectedTerms,
  listRejectionsOfPublication,
  nameCountsAfterPage,
  pageNames,
  publicationOfPage,
  replacePageNames,
  type CorrectionRow,
  type KnowledgeMarks
} from '../store/queries/knowledge'

/** Approved text of a publication read per page checked: the newest pages, about this much. */
const KNOWN_TEXT_CHARS = 2_000_000

/** What the editor has taught Galley, as options for typo detection. */
export function loadKnowledge(db: Db): DetectOptions {
  return knowledgeOf(db).current()
}

/**
 * The knowledge of one connection, read once and kept: a save must not read every learnt
 * correction and sum every page's names again. Before each use a few keyed reads tell what
 * changed (knowledgeMarks): new corrections and the names of new pages are added to what is
 * known; protected terms, a small table, are read again when another connection committed or
 * this one changed them (forgetProtectedTerms). Anything that does not follow on (a rollback
 * after a correction was read) reads everything again.
 */
export class KnowledgeCache {
  private marks: KnowledgeMarks | null = null
  private dictionary: DictionaryEntry[] = []
  private rejected: RejectedFix[] = []
  private names = new Map<string, number>()
  private protectedTerms: string[] = []
  private protectedStale = true
  private namesStale = false
  private options: DetectOptions | null = null

  constructor(private readonly db: Db) {}

  current(): DetectOptions {
    const now = knowledgeMarks(this.db)
    const was = this.marks
    if (!was || !this.options) return this.load(now)
    const correctionsFollow = now.lastCorrectionId > was.lastCorrectionId || now.lastCorrection === was.lastCorrection
    const namesFollow = now.lastNamesPage > was.lastNamesPage || now.lastNames === was.lastNames
    if (!correctionsFollow || !namesFollow) return this.load(now)
    let changed = false
    if (now.lastCorrectionId > was.lastCorrectionId) {
      this.dictionary = [...this.dictionary]
      this.rejected = [...this.rejected]
      this.addCorrections(correctionsAfter(this.db, was.lastCorrectionId))
      changed = true
    }
    if (this.namesStale || now.approvedPages !== was.approvedPages) {
      this.names = nameCountsAfterPage(this.db, 0)
      this.namesStale = false
      changed = true
    } else if (now.lastNamesPage > was.lastNamesPage) {
      this.names = nameCountsAfterPage(this.db, was.lastNamesPage, new Map(this.names))
      changed = true
    }
    if (this.protectedStale || now.dataVersion !== was.dataVersion) {
      const terms = listProtectedTerms(this.db)
      if (terms.length !== this.protectedTerms.length || terms.some((t, i) => t !== this.protectedTerms[i])) {
        this.protectedTerms = terms
        changed = true
      }
      this.protectedStale = false
    }
    this.marks = now
    if (changed) this.options = this.build()
    return this.options
  }

  /** This connection changed the protected terms. */
  forgetProtectedTerms(): void {
    this.protectedStale = true
  }

  /** This connection changed the names of a page already counted (its text was edited). */
  forgetNames(): void {
    this.namesStale = true
  }

  /** A transaction that may have written knowledge was rolled back: read everything again. */
  forget(): void {
    this.marks = null
    this.options = null
  }

  private load(marks: KnowledgeMarks): DetectOptions {
    this.dictionary = []
    this.rejected = []
    this.addCorrections(correctionsAfter(this.db, 0))
    this.names = nameCountsAfterPage(this.db, 0)
    this.namesStale = false
    this.protectedTerms = listProtectedTerms(this.db)
    this.protectedStale = false
    this.marks = marks
    this.options = this.build()
    return this.options
  }

  private addCorrections(rows: readonly CorrectionRow[]): void {
    for (const c of rows) {
      if (c.decision === 'accepted') this.dictionary.push({ original: c.original, replacement: c.replacement, contextBefore: c.contextBefore, contextAfter: c.contextAfter })
      else this.rejected.push(toRejected(c))
    }
  }

  // A new object each time something changed: a batch holding the old one keeps a consistent view.
  private build(): DetectOptions {
    return { protectedTerms: this.protectedTerms, dictionary: this.dictionary, rejected: this.rejected, knownNames: this.names }
  }
}

// Per connection: data_version and what this connection wrote are a connection's own view.
const caches = new WeakMap<Db, KnowledgeCache>()

export function knowledgeOf(db: Db): KnowledgeCache {
  let cache = caches.get(db)
  if (!cache) {
    cache = new KnowledgeCache(db)
    caches.set(db, cache)
  }
  return cache
}

function toRejected(c: CorrectionRow): NonNullable<DetectOptions['rejected']>[number] {
  return { original: c.original, replacement: c.replacement, context: c.contextBefore + c.original + c.contextAfter, contextBefore: c.contextBefore, contextAfter: c.contextAfter }
}

/**
 * The knowledge that holds in one publication, for one of its pages: fixes the editor
 * rejected there (a rejected character fix is not offered again for the same word anywhere
 * in it), and the text of its approved pages (a word read there is one of its words).
 * `cache` keeps the publication's part across the pages of a batch.
 */
export type PublicationCache = Map<number | null, Pick<DetectOptions, 'rejected' | 'knownText'>>

export function knowledgeForPage(db: Db, pageId: number, base: DetectOptions, cache?: PublicationCache): DetectOptions {
  const { publication, approved } = publicationOfPage(db, pageId)
  // An approved page must not count as its own evidence: it gets the text of the others.
  const shared = cache && !approved
  let part = shared ? cache.get(publication) : undefined
  if (!part) {
    part = {
      rejected: listRejectionsOfPublication(db, publication).map(toRejected),
      knownText: approvedTextOfPublication(db, publication, pageId, KNOWN_TEXT_CHARS)
    }
    if (shared) cache.set(publication, part)
  }
  return { ...base, ...part }
}

/**
 * The page's names follow its working text, so that a name variant is judged again once the
 * editor fixed it (the misreading no longer counts as evidence for itself).
 */
export function followPageNames(db: Db, pageId: number, text: string): void {
  const now = countNames(extractNames(text))
  const was = pageNames(db, pageId)
  if (now.size === was.size && [...now].every(([name, n]) => was.get(name) === n)) return
  replacePageNames(db, pageId, now)
  knowledgeOf(db).forgetNames()
}
