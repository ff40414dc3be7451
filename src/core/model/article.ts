import type { ArticleKind, ArticleText } from '../../shared/types'
import type { ArticleRoles } from '../../shared/lineRoles'

// The domain's article, as the analysis proposes it and the store keeps it: plain data, so the
// analysis workers depend on this module and not on the store.

export interface ArticleInput extends ArticleText {
  kind: ArticleKind
  startLine: number
  endLine: number
  confidence: number
  /** The editor's role for each line of the range, when given: the fields above were read from them. */
  roles?: ArticleRoles | null
}
