import type { ArticleKind, Paragraph } from '../../shared/types'
import type { ArticleRoles } from '../../shared/lineRoles'

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
  /** The editor's role for each line of the range, when given: the fields above were read from them. */
  roles?: ArticleRoles | null
}
