import type { ArticleKind, Paragraph } from '../../shared/types'

// The domain's article, as the analysis proposes it and the store keeps it: plain data, so the
// analysis workers depend on this module and not on the store.

export interface ArticleInput {
  kind: ArticleKind
  startLine: number
  endLine: number
  kicker: string | null
  title: string
  subtitle: string | null
  headings: string[]
  byline: string | null
  paragraphs: Paragraph[]
  captions: string[]
  flags: string[]
  confidence: number
}
