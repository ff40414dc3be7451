import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliDecompressSync } from 'node:zlib'
import { buildConfusionModel, buildConfusions, type ConfusionModel } from './confusions'
import { Lexicon, parseGroupedLexicon } from './lexicon'
import { LanguageModel } from './lm'
import { Lookalikes, parseLookalikes } from './lookalikes'
import { GLYPHS_FILE, Shapes } from './shapes'
import { ScriptVariants } from './variants'
import { type WordPairs, wordPairsOfLexicon } from './wordPairs'

export interface TypoModel {
  lexicon: Lexicon
  lookalikes: Lookalikes
  /** Word trigram model (resources/typos/lm.bin.br). */
  lm: LanguageModel
  /** P(read | printed) of OCR engines. */
  channel: ConfusionModel
  /** The same from glyph similarity alone: what the detector falls back on (detect.ts). */
  glyphChannel: ConfusionModel
  /** Shape similarity of any two GB 2312 hanzi (null without resources/typos/glyphs.bin.br). */
  shapes: Shapes | null
  /** Characters next to each other inside the lexicon's words: candidates the context proposes. */
  wordPairs: WordPairs
  /** Traditional and simplified forms (null without resources/typos/variants.tsv): variants.ts. */
  variants: ScriptVariants | null
  /** Milliseconds spent loading, for reports. */
  loadMs: number
  /** Of which the language model. */
  lmLoadMs: number
  /** The folder it was read from: another thread loads the same model from it (lanes.ts). */
  resourcesDir?: string
}

export const LEXICON_FILE = 'lexicon.txt.br'
export const LOOKALIKES_FILE = 'lookalikes.tsv'
export const LM_FILE = 'lm.bin.br'
export const VARIANTS_FILE = 'variants.tsv'
/** Lexicon words seen fewer times than this propose no context candidates (mostly names and rare terms). */
const WORD_PAIR_MIN_FREQ = 3

export interface LoadOptions {
  /** Folder holding lexicon.txt.br, lookalikes.tsv and lm.bin.br (default: found automatically). */
  resourcesDir?: string
}

/**
 * Where resources/typos is: an explicit folder, $GALLEY_TYPOS_DIR, $GALLEY_APP_ROOT, or the
 * first `resources/typos` above this module or the working directory (source checkout, the
 * built out/ bundle and tests all sit below the repository root).
 */
export function findResourcesDir(explicit?: string): string {
  const candidates: string[] = []
  if (explicit) candidates.push(explicit)
  if (process.env.GALLEY_TYPOS_DIR) candidates.push(process.env.GALLEY_TYPOS_DIR)
  if (process.env.GALLEY_APP_ROOT) candidates.push(join(process.env.GALLEY_APP_ROOT, 'resources', 'typos'))
  const roots: string[] = []
  try {
    roots.push(dirname(fileURLToPath(import.meta.url)))
  } catch {
    // Bundled to CommonJS without an import.meta shim: fall back to the working directory.
  }
  roots.push(process.cwd())
  for (const r of roots) {
    let dir = resolve(r)
    for (;;) {
      candidates.push(join(dir, 'resources', 'typos'))
      const up = dirname(dir)
      if (up === dir) break
      dir = up
    }
  }
  const files = [LEXICON_FILE, LOOKALIKES_FILE, LM_FILE]
  for (const c of candidates) if (files.every((f) => existsSync(join(c, f)))) return c
  throw new Error(`typo model: no ${files.join(', ')} found (looked in ${candidates.slice(0, 4).join(', ')} …)`)
}

export function buildTypoModel(options: LoadOptions = {}): TypoModel {
  const t0 = performance.now()
  const dir = findResourcesDir(options.resourcesDir)
  const lexText = brotliDecompressSync(readFileSync(join(dir, LEXICON_FILE))).toString('utf8')
  const lexicon = parseGroupedLexicon(lexText)
  const wordPairs = wordPairsOfLexicon(lexText, WORD_PAIR_MIN_FREQ)
  const lookalikes = parseLookalikes(readFileSync(join(dir, LOOKALIKES_FILE), 'utf8'))
  const glyphs = join(dir, GLYPHS_FILE)
  const shapes = existsSync(glyphs) ? new Shapes(brotliDecompressSync(readFileSync(glyphs))) : null
  const variantsFile = join(dir, VARIANTS_FILE)
  const variants = existsSync(variantsFile) ? new ScriptVariants(readFileSync(variantsFile, 'utf8')) : null
  const t1 = performance.now()
  const lm = new LanguageModel(brotliDecompressSync(readFileSync(join(dir, LM_FILE))))
  const lmLoadMs = performance.now() - t1
  return { lexicon, lookalikes, lm, channel: buildConfusions({ resourcesDir: dir, lookalikes }),
    glyphChannel: buildConfusionModel(new Map(), lookalikes), shapes, wordPairs, variants, loadMs: performance.now() - t0, lmLoadMs, resourcesDir: dir }
}

let singleton: TypoModel | undefined

/** The process-wide model, loaded on first use. */
export function loadTypoModel(options?: LoadOptions): TypoModel {
  singleton ??= buildTypoModel(options)
  return singleton
}
