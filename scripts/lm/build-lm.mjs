#!/usr/bin/env node
// Converts libime's word trigram model of Simplified Chinese (lm_sc.arpa, LGPL-2.1+) into the
// compact quantised resource resources/typos/lm.bin.br that src/core/typos/lm.ts reads.
//
// Getting the source (Debian's libime source package; nothing else is needed):
//
//   # once: a deb-src line for the Debian mirror already in /etc/apt/sources.list.d, e.g.
//   #   /etc/apt/sources.list.d/debian-src.sources:
//   #     Types: deb-src
//   #     URIs: http://deb.debian.org/debian
//   #     Suites: bookworm bookworm-updates
//   #     Components: main
//   #     Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
//   apt-get update
//   mkdir -p /tmp/libime && cd /tmp/libime && apt-get source --download-only libime
//   tar xf libime_*.orig.tar.xz --wildcards '*/data/lm_sc.arpa-*.tar.xz'
//   tar xJf libime-*/data/lm_sc.arpa-*.tar.xz        # → lm_sc.arpa (73 MB, 2022-08-10)
//   node scripts/lm/build-lm.mjs lm_sc.arpa           # → resources/typos/lm.bin.br
//
// The format (little-endian, then Brotli), read by src/core/typos/lm.ts:
//   "GLM1", u32 V, u32 nBigrams, u32 nTrigrams, u32 vocabBytes
//   5 codebooks of 256 float32 (log10): unigram prob, unigram backoff, bigram prob,
//     bigram backoff, trigram prob
//   vocabulary: words joined by "\n" (UTF-8), ids in order of falling unigram probability
//   V bytes unigram prob codes, V bytes unigram backoff codes
//   bigrams grouped by first word: V varints (count per first word), nBigrams varints (second
//     word id, delta from the previous one in the group), nBigrams prob codes, nBigrams
//     backoff codes
//   trigrams grouped by bigram: nBigrams varints (count), nTrigrams varints (third word id
//     delta), nTrigrams prob codes
// Quantisation: 256 levels per table, each the mean of an equal-count slice of the sorted
// values (the figures of the detector do not move between 8-bit codes and float32).
import { createReadStream, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants } from 'node:zlib'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const src = process.argv[2]
if (!src) {
  console.error('usage: node scripts/lm/build-lm.mjs path/to/lm_sc.arpa [out]')
  process.exit(2)
}
const out = process.argv[3] ?? join(root, 'resources', 'typos', 'lm.bin.br')

const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff]+$/u
// Words longer than this never help judge one character (and the detector grows words up to it).
const MAX_WORD = 8

async function readArpa(file) {
  const uni = [] // [word, prob, backoff]
  const bi = [] // [w1, w2, prob, backoff]
  const tri = [] // [w1, w2, w3, prob]
  let section = 0
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })
  for await (const line of rl) {
    if (line.length === 0) continue
    if (line.charCodeAt(0) === 92 /* \ */) {
      const m = /^\\(\d)-grams:/.exec(line)
      section = m ? Number(m[1]) : 0
      continue
    }
    if (section === 0) continue
    const f = line.split('\t')
    const p = Number(f[0])
    const words = f[1].split(' ')
    const bo = f.length > 2 ? Number(f[2]) : 0
    if (section === 1) uni.push([words[0], p, bo])
    else if (section === 2) bi.push([words[0], words[1], p, bo])
    else tri.push([words[0], words[1], words[2], p])
  }
  return { uni, bi, tri }
}

function codebook(values) {
  const sorted = Float64Array.from(values).sort()
  const levels = new Float32Array(256)
  const bounds = new Float64Array(256) // upper bound of each level
  for (let k = 0; k < 256; k++) {
    const a = Math.floor((k * sorted.length) / 256)
    const b = Math.max(a + 1, Math.floor(((k + 1) * sorted.length) / 256))
    let s = 0
    for (let i = a; i < b && i < sorted.length; i++) s += sorted[i]
    levels[k] = s / Math.max(1, Math.min(b, sorted.length) - a)
    bounds[k] = sorted[Math.min(b, sorted.length) - 1] ?? 0
  }
  return { levels, encode: (v) => nearest(levels, v) }
}

function nearest(levels, v) {
  let lo = 0
  let hi = 255
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (levels[mid] < v) lo = mid + 1
    else hi = mid
  }
  if (lo > 0 && Math.abs(levels[lo - 1] - v) <= Math.abs(levels[lo] - v)) return lo - 1
  return lo
}

class Bytes {
  constructor() {
    this.buf = Buffer.alloc(1 << 20)
    this.n = 0
  }
  ensure(k) {
    if (this.n + k <= this.buf.length) return
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.n + k))
    this.buf.copy(next, 0, 0, this.n)
    this.buf = next
  }
  u8(v) {
    this.ensure(1)
    this.buf[this.n++] = v
  }
  u32(v) {
    this.ensure(4)
    this.buf.writeUInt32LE(v, this.n)
    this.n += 4
  }
  varint(v) {
    while (v >= 0x80) {
      this.u8((v & 0x7f) | 0x80)
      v >>>= 7
    }
    this.u8(v)
  }
  bytes(b) {
    this.ensure(b.length)
    Buffer.from(b.buffer, b.byteOffset, b.byteLength).copy(this.buf, this.n)
    this.n += b.byteLength
  }
  result() {
    return this.buf.subarray(0, this.n)
  }
}

const t0 = Date.now()
const arpa = await readArpa(src)
console.log(`read ${arpa.uni.length} unigrams, ${arpa.bi.length} bigrams, ${arpa.tri.length} trigrams in ${Date.now() - t0} ms`)

// Vocabulary: all-hanzi words up to MAX_WORD characters (the detector only scores runs of
// hanzi), plus <unk>; ids by falling probability so frequent continuations get small deltas.
const keep = arpa.uni.filter(([w]) => w === '<unk>' || (HAN.test(w) && w.length <= MAX_WORD))
keep.sort((a, b) => b[1] - a[1])
const id = new Map(keep.map(([w], i) => [w, i]))
const V = keep.length
const bi = arpa.bi.filter(([a, b]) => id.has(a) && id.has(b)).map(([a, b, p, bo]) => [id.get(a), id.get(b), p, bo])
bi.sort((x, y) => x[0] - y[0] || x[1] - y[1])
const biIndex = new Map()
bi.forEach(([a, b], i) => biIndex.set(a * V + b, i))
const tri = []
for (const [a, b, c, p] of arpa.tri) {
  const k = id.has(a) && id.has(b) && id.has(c) ? biIndex.get(id.get(a) * V + id.get(b)) : undefined
  if (k !== undefined) tri.push([k, id.get(c), p])
}
tri.sort((x, y) => x[0] - y[0] || x[1] - y[1])
console.log(`kept ${V} words, ${bi.length} bigrams, ${tri.length} trigrams`)

const books = [
  codebook(keep.map((u) => u[1])),
  codebook(keep.map((u) => u[2])),
  codebook(bi.map((b) => b[2])),
  codebook(bi.map((b) => b[3])),
  codebook(tri.map((t) => t[2]))
]
const vocab = Buffer.from(keep.map((u) => u[0]).join('\n'), 'utf8')

const w = new Bytes()
w.bytes(Buffer.from('GLM1'))
w.u32(V)
w.u32(bi.length)
w.u32(tri.length)
w.u32(vocab.length)
for (const b of books) w.bytes(b.levels)
w.bytes(vocab)
w.bytes(Uint8Array.from(keep, (u) => books[0].encode(u[1])))
w.bytes(Uint8Array.from(keep, (u) => books[1].encode(u[2])))
const perFirst = new Uint32Array(V)
for (const [a] of bi) perFirst[a]++
for (let k = 0; k < V; k++) w.varint(perFirst[k])
for (let i = 0; i < bi.length; i++) w.varint(i > 0 && bi[i - 1][0] === bi[i][0] ? bi[i][1] - bi[i - 1][1] : bi[i][1])
w.bytes(Uint8Array.from(bi, (b) => books[2].encode(b[2])))
w.bytes(Uint8Array.from(bi, (b) => books[3].encode(b[3])))
const perBigram = new Uint32Array(bi.length)
for (const [k] of tri) perBigram[k]++
for (let k = 0; k < bi.length; k++) w.varint(perBigram[k])
for (let i = 0; i < tri.length; i++) w.varint(i > 0 && tri[i - 1][0] === tri[i][0] ? tri[i][1] - tri[i - 1][1] : tri[i][1])
w.bytes(Uint8Array.from(tri, (t) => books[4].encode(t[2])))

const raw = w.result()
const packed = brotliCompressSync(raw, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length }
})
writeFileSync(out, packed)
console.log(`wrote ${out}: ${(packed.length / 1e6).toFixed(2)} MB (${(raw.length / 1e6).toFixed(2)} MB unpacked) in ${Date.now() - t0} ms`)
