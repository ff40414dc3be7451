// Tesseract 5 (Debian `tesseract-ocr tesseract-ocr-chi-sim`), one page at a time, block mode.
import { execFile } from 'node:child_process'

export function tesseract(imagePath) {
  return new Promise((resolve, reject) => {
    execFile('tesseract', [imagePath, 'stdout', '-l', 'chi_sim', '--psm', '6'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 1 << 24 }, (err, stdout) => {
      if (err) reject(new Error(`tesseract ${imagePath}: ${err.message.split('\n')[0]}`))
      // chi_sim puts spaces between hanzi; the text had none.
      else resolve(stdout.split('\n').map((l) => l.replace(/\s+/g, '')).filter((l) => l !== ''))
    })
  })
}

/**
 * The same reading with what Tesseract nearly read: hOCR with `lstm_choice_mode=2`, the LSTM's
 * alternative characters at each symbol, best first. Tesseract 5.3 prints no usable confidence
 * for them (x_confs 0; mode 1's per-timestep confidences name the wrong characters for chi_sim,
 * whose recogniser works on recoded units), so only their order is kept. Returns { lines,
 * choices } where choices[i] lists the alternatives of character i of lines.join('') (its own
 * character first), or is null (none printed, or a word whose symbols and characters differ in
 * number).
 */
export function tesseractChoices(imagePath) {
  return new Promise((resolve, reject) => {
    execFile('tesseract', [imagePath, 'stdout', '-l', 'chi_sim', '--psm', '6', '-c', 'lstm_choice_mode=2', 'hocr'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 1 << 26 }, (err, stdout) => {
      if (err) reject(new Error(`tesseract ${imagePath}: ${err.message.split('\n')[0]}`))
      else resolve(parseChoices(stdout))
    })
  })
}

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&apos;/g, "'").replace(/&amp;/g, '&')

/** hOCR of lstm_choice_mode=2 → { lines, choices } (see tesseractChoices). */
export function parseChoices(hocr) {
  const lines = []
  const choices = []
  for (const part of hocr.split("class='ocr_line'").slice(1)) {
    let line = ''
    for (const w of part.split("class='ocrx_word'").slice(1)) {
      const text = unescape(w.slice(w.indexOf('>') + 1, w.indexOf('<')).replace(/\s+/g, ''))
      if (text === '') continue
      // One lstm_choices block per symbol of the word.
      const blocks = w.split('lstm_choices').slice(1).map((b) => {
        const alts = []
        for (const m of b.matchAll(/id='choice_[^']*'[^>]*>([^<]*)</g)) {
          const c = unescape(m[1].replace(/\s+/g, ''))
          if (c !== '' && !alts.includes(c)) alts.push(c)
        }
        return alts
      })
      const chars = [...text]
      chars.forEach((ch, k) => {
        const alts = blocks.length === chars.length ? blocks[k] : []
        choices.push(alts.length === 0 ? null : alts[0] === ch ? alts : [ch, ...alts.filter((a) => a !== ch)])
      })
      line += text
    }
    if (line !== '') lines.push(line)
  }
  return { lines, choices }
}
