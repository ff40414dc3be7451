// The clean, typeset content of a page before extraction damage: a list of blocks in
// reading order, each of which becomes one or more blank-line separated blocks of the file.

export type BlockKind =
  | 'furniture'
  | 'kicker'
  | 'title'
  | 'subtitle'
  | 'banner'
  | 'byline'
  | 'subhead'
  | 'body'
  | 'caption'
  | 'jump'

export interface PrintedName {
  printed: string
  canonical: string
}

export interface Block {
  kind: BlockKind
  text: string
  /** Article the block belongs to, or -1 for page furniture. */
  article: number
  /** Leading characters (a 本报讯 byline) that column breaks, typos and stray spaces spare. */
  protect?: number
  /** Reporter names printed in this block, with the spelling used. */
  names?: PrintedName[]
  /** Set on the second and later parts of a paragraph split at a column break. */
  continuation?: boolean
  /** Set on a block that repeats (the start of) another paragraph of the page. */
  duplicateOf?: Block
}

export interface ArticleInfo {
  title: string | null
  kicker: string | null
  subtitle: string | null
  banner: string | null
  /** Byline as printed (clean typesetting), or null when the article has none. */
  byline: string | null
  paragraphs: number
  subheads: string[]
  captions: string[]
  /** 'end': stops mid-sentence (转版); 'start': its first part is on another page. */
  truncated: 'end' | 'start' | null
}
