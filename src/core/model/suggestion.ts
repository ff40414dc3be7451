// A suggested fix as the detections propose it, before the store gives it an id and a page.

export interface SuggestionInput {
  rule: string
  start: number
  end: number
  original: string
  replacement: string
  confidence: number
  message: string
}
