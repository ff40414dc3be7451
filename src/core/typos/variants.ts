import { isHan } from './han'

/**
 * Traditional and simplified forms of hanzi (resources/typos/variants.tsv, from the Unicode
 * Han database: scripts/typos/build-variants.mjs).
 *
 * The language model, the lexicon and the channel know simplified script only. A page set in
 * traditional script (a Hong Kong or Taiwan paper, imported from Big5 or UTF-8) read as it is
 * looks misread at every traditional form: a Hong Kong health story of 343 characters got five
 * suggestions, all false (長 → 长, 輕 → 轻, 內 → 内, and 冠 → 型, 社 → 衽 where the model knew
 * none of the words around them). Such a page is judged through a simplified view of it,
 * character for character at the same offsets, and what is proposed there is written back in
 * traditional form (detectSuspicious).
 */
export class ScriptVariants {
  /** The simplified form of each character that is only a traditional form (0: none). */
  private readonly toSimplified = new Uint16Array(0x10000)
  /** The traditional form of each character that is only a simplified form (0: none). */
  private readonly toTraditional = new Uint16Array(0x10000)

  constructor(tsv: string) {
    for (const line of tsv.split('\n')) {
      const [kind, from, to] = line.split('\t')
      if (!from || !to || from.length !== 1 || to.length !== 1) continue
      if (kind === 's') this.toSimplified[from.charCodeAt(0)] = to.charCodeAt(0)
      else if (kind === 't') this.toTraditional[from.charCodeAt(0)] = to.charCodeAt(0)
    }
  }

  /** The character's traditional form when it is a simplified one, else itself. */
  traditional(code: number): number {
    return this.toTraditional[code] || code
  }

  /**
   * Whether the text is set in traditional script. A simplified page holds a few traditional
   * forms (a name, a calligraphy caption): TRADITIONAL_SHARE of its hanzi and TRADITIONAL_OVER
   * times its simplified-only ones decide.
   */
  isTraditional(text: string): boolean {
    const toS = this.toSimplified
    const toT = this.toTraditional
    let han = 0
    let trad = 0
    let simp = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (!isHan(c)) continue
      han++
      if (toS[c] !== 0) trad++
      else if (toT[c] !== 0) simp++
    }
    return trad >= TRADITIONAL_MIN && trad >= han * TRADITIONAL_SHARE && trad >= simp * TRADITIONAL_OVER
  }

  /**
   * The text in simplified script, character for character, when it is set in traditional
   * script (`traditional`: as its page is, for a part of one; else as isTraditional finds it);
   * null when it is not.
   */
  simplifiedView(text: string, traditional = this.isTraditional(text)): string | null {
    if (!traditional) return null
    const toS = this.toSimplified
    const codes = new Uint16Array(text.length)
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      codes[i] = toS[c] || c
    }
    return new TextDecoder('utf-16le').decode(codes)
  }
}

/**
 * What makes a text traditional (simplifiedView). Running traditional text has a traditional-only
 * form in about one hanzi of four (們, 這, 說, 國, 會 …); a simplified page, one in several
 * hundred or none.
 */
const TRADITIONAL_MIN = 3
const TRADITIONAL_SHARE = 0.05
const TRADITIONAL_OVER = 4
