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
