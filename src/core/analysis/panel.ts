// The panel box of an interview or dialogue: a label alone on its line (`对话人：`, `嘉宾：`) and
// under it one line per person, a name and who the person is (`王 明  江东大学教授`). Read one by
// one they look like a stack of headings and take the title or start a story of their own; they
// are part of the text, each line a paragraph.
import { visibleLength } from './chars'
import type { Unit } from './units'

const H = '\\u3400-\\u4dbf\\u4e00-\\u9fff'
const LABEL = new RegExp(`^[${H}]{2,6}\\s*[:：]$`)
const PERSON = new RegExp(`^[${H}]{1,2}[\\s\\u3000]*[${H}·]{1,4}[\\s\\u3000]+[^\\s\\u3000。！？]{2,30}$`)

/** Marks a panel label and the person lines under it as text that is never joined. */
export function markPanels(units: Unit[]): void {
  for (let i = 0; i + 1 < units.length; i++) {
    const label = units[i]!
    if (label.kind === 'furniture' || !LABEL.test(label.text)) continue
    let j = i + 1
    while (j < units.length && units[j]!.kind !== 'furniture' && visibleLength(units[j]!.text) <= 36 && PERSON.test(units[j]!.text)) j++
    if (j === i + 1) continue
    for (let k = i; k < j; k++) {
      units[k]!.kind = 'body'
      units[k]!.verse = true
    }
    i = j - 1
  }
}
