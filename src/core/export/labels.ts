import type { ExportArticle, ExportEdition } from './types'

// Words the formats share, so an article reads the same way in each of them.

export const UNAPPROVED_LABEL = '未审定'
export const UNAPPROVED_NOTE = '未审定稿（unapproved）：尚未经编辑审定，仅供核对。'

/** `03` → `第03版`; a label that is not a number is shown as it is. */
export function pageHeading(label: string): string {
  return /^\d+$/.test(label) ? `第${label}版` : label
}

/** `2024-05-01` → `2024年5月1日`. */
export function chineseDate(iso: string | null): string | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso
}

/** A short name for an article that has no title (a caption or a fragment): its first words. */
export function displayTitle(article: ExportArticle, maxChars = 24): string {
  if (article.title) return article.title
  const text = article.captions[0] ?? article.paragraphs[0]?.text ?? ''
  const chars = [...text]
  if (chars.length === 0) return article.kind === 'caption' ? '图片说明' : '无题'
  return chars.length > maxChars ? chars.slice(0, maxChars).join('') + '…' : text
}

/** `edition 示例日报_2024-05-01 (示例日报, 2024-05-01)`: the name, with the title and the issue date where they say more. */
export function editionLine(edition: Pick<ExportEdition, 'name' | 'title' | 'issueDate'>): string {
  const more = [edition.title !== edition.name ? edition.title : null, edition.issueDate].filter((p): p is string => !!p)
  return `edition ${edition.name}${more.length ? ` (${more.join(', ')})` : ''}`
}
