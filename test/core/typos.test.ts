import { describe, expect, it } from 'vitest'
import {
  detectSuspicious,
  extractNames,
  findNameVariants,
  loadTypoModel,
  suggestionContext,
  type TypoSuggestion
} from '../../src/core/typos'
import { LmScorer } from '../../src/core/typos/lmScorer'

const model = loadTypoModel()
const typos = (s: TypoSuggestion[]): TypoSuggestion[] => s.filter((x) => x.rule === 'typo')

describe('typo model', () => {
  it('loads the lexicon, the look-alike set and the language model once', () => {
    expect(loadTypoModel()).toBe(model)
    expect(model.lexicon.size).toBeGreaterThan(300_000)
    expect(model.lexicon.freq('志愿者')).toBe(730)
    expect(model.lexicon.freq('态愿者')).toBe(0)
    console.log(`typo model loaded in ${model.loadMs.toFixed(0)} ms (language model ${model.lmLoadMs.toFixed(0)} ms)`)
  })

  it('reads the trigram model from resources/typos/lm.bin.br', () => {
    const lm = model.lm
    expect(lm.vocabSize).toBeGreaterThan(160_000)
    expect(lm.bigramCount).toBeGreaterThan(1_900_000)
    expect(lm.trigramCount).toBeGreaterThan(600_000)
    const id = (w: string): number => lm.id(w)
    for (const w of ['志愿者', '老人', '未来', '服务']) expect(id(w), w).toBeGreaterThanOrEqual(0)
    expect(id('态愿者')).toBe(-1)
    expect(id('末来')).toBe(-1)
    // Context decides: after 为 (for), 老人 (the elderly) is far likelier than 老认.
    const lp = (u: string, v: string, w: string): number => lm.logProb(u ? id(u) : -1, id(v), id(w))
    expect(lp('', '老人', '服务')).toBeGreaterThan(lp('', '老', '认'))
    expect(lp('社区', '老人', '服务')).toBeGreaterThan(lp('社区', '老人', '认'))
    // Probabilities are natural logs of numbers below one.
    expect(lm.unigram(id('的'))).toBeLessThan(0)
    expect(lm.unigram(id('的'))).toBeGreaterThan(lm.unigram(id('志愿者')))
  })

  it('finds the model\'s words of every length it holds, up to LM_MAX_WORD characters', () => {
    // A 7-character word the trigram model holds is one word of the best path, not pieces: the
    // scorer's hash powers once stopped at the lexicon's 6 and 7–8 character words were never found.
    const word = '马克思列宁主义'
    expect(model.lm.id(word)).toBeGreaterThanOrEqual(0)
    const scorer = new LmScorer(model.lm, model.lexicon, -12, -10, 0)
    scorer.load(word, 0, word.length)
    scorer.swappedAt(3, word.charCodeAt(3), word.length)
    expect(scorer.wordAt(3, word.length)).toEqual([0, word.length])
  })

  it('measures how alike any two hanzi print (resources/typos/glyphs.bin.br)', () => {
    const shapes = model.shapes!
    expect(shapes).not.toBeNull()
    const sim = (a: string, b: string): number => shapes.similarity(a.charCodeAt(0), b.charCodeAt(0))
    expect(sim('奔', '奔')).toBeCloseTo(1, 5)
    expect(sim('奔', '寿')).toBe(sim('寿', '奔'))
    // Pairs engines confuse on poor scans print closer than unrelated ones.
    for (const [a, b] of [['未', '末'], ['提', '授'], ['活', '洁'], ['奔', '寿']] as const) {
      expect(sim(a, b), `${a}/${b}`).toBeGreaterThan(0.77)
      expect(sim(a, b), `${a}/${b}`).toBeGreaterThan(sim(a, '一'))
    }
    expect(shapes.has('A'.charCodeAt(0))).toBe(false)
    expect(sim('A', '奔')).toBe(0)
  })

  it('knows which characters make a word with a neighbour', () => {
    const after = [...model.wordPairs.after('奔'.charCodeAt(0))].map((c) => String.fromCharCode(c))
    const before = [...model.wordPairs.before('波'.charCodeAt(0))].map((c) => String.fromCharCode(c))
    expect(after).toContain('波')
    expect(before).toContain('奔')
    expect(before).not.toContain('寿')
    // Sorted and without repeats.
    expect(before).toEqual([...new Set(before)].sort())
  })

  it('derives the OCR confusions named in the issue from glyph shapes', () => {
    const pairs = ['态志', '认人', '称弥', '末未', '己已', '已巳', '己巳', '戊戍', '苑宛', '日曰', '士土', '拨拔']
    for (const [a, b] of pairs.map((p) => [p[0]!, p[1]!] as const)) {
      expect(model.lookalikes.similarity(a, b), `${a}→${b}`).toBeGreaterThan(0)
      expect(model.lookalikes.similarity(b, a), `${b}→${a}`).toBeGreaterThan(0)
    }
    expect(model.lookalikes.of('末')[0]!.char).toBe('未')
  })
})

describe('detectSuspicious', () => {
  it('finds look-alike errors and ranks the right fix first', () => {
    const text = '大学生态愿者来看望孤寡老认，这份情谊称足珍贵。这是巳经决定的事情。'
    const found = typos(detectSuspicious(text, {}, model))
    const got = found.map((s) => `${s.original}${s.start}${s.replacement}`)
    expect(got).toEqual(['态3志', '认12人', '称18弥', '巳25已'])
    const first = found[0]!
    expect(text.slice(first.start, first.end)).toBe('态')
    expect(first.message).toBe('态愿者 is not a word here; 志愿者 is, and OCR often reads 志 as 态')
    expect(first.confidence).toBeGreaterThan(0.9)
    expect(first.confidence).toBeLessThanOrEqual(1)
  })

  it('judges a character by its sentence: the same reading is an error in one context and not in another', () => {
    expect(typos(detectSuspicious('今年全市新建学校十所，末来还将新建更多。', {}, model)).map((s) => s.replacement)).toEqual(['未'])
    expect(typos(detectSuspicious('这是本学期的末尾，同学们都回来了。', {}, model))).toEqual([])
  })

  it('blames the misread character, not its valid neighbour', () => {
    // 态 and 愿 both have look-alikes; only 态→志 makes the context probable again.
    for (const text of ['他是一名大学生态愿者。', '社区里的态愿者很多。']) {
      const found = typos(detectSuspicious(text, {}, model))
      expect(found.map((s) => `${s.original}→${s.replacement}`), text).toEqual(['态→志'])
    }
  })

  it('finds the known misreading of the sample pages (老认 for 老人) in sentences of its own', () => {
    for (const text of ['退休的老认一直在社区做义工。', '社区为独居老认送去了年夜饭。', '这位八十岁的老认说，日子越过越好。', '老认们在公园里下棋聊天。']) {
      const found = typos(detectSuspicious(text, {}, model))
      expect(found.map((s) => `${s.original}→${s.replacement}`), text).toEqual(['认→人'])
    }
  })

  it('finds misreadings no confusion table knows, from what the context proposes and shape', () => {
    const cases = [
      ['他每天在两个城市之间来回寿波，十分辛苦。', '寿→奔'],
      ['社区为独居老人授供上门服务。', '授→提']
    ] as const
    for (const [text, fix] of cases) {
      const [read, printed] = fix.split('→') as [string, string]
      const known = [model.channel, model.glyphChannel].some((ch) => ch.candidates(read, 12).some((c) => c.printed === printed))
      expect(known, `${fix} is in a table`).toBe(false)
      expect(typos(detectSuspicious(text, {}, model)).map((s) => `${s.original}→${s.replacement}`), text).toEqual([fix])
      expect(detectSuspicious(text.replace(read, printed), {}, model), 'the text as printed').toEqual([])
    }
  })

  it('finds a misreading the engines have since shown, as it found it from the context before', () => {
    // 洁 for 活 was known from the context alone (above) until the table of 116 passes saw it.
    const text = '学校周末举办了丰富多彩的洁动。'
    expect(model.channel.observed('洁', '活')).toBeGreaterThan(0)
    expect(typos(detectSuspicious(text, {}, model)).map((s) => `${s.original}→${s.replacement}`)).toEqual(['洁→活'])
    expect(detectSuspicious(text.replace('洁', '活'), {}, model)).toEqual([])
  })

  it('reports UTF-16 offsets, sorted by start', () => {
    const text = '😀𠮷大学生态愿者，孤寡老认。'
    const found = detectSuspicious(text, {}, model)
    expect(found.map((s) => s.start)).toEqual([7, 14])
    expect(found.every((s) => text.slice(s.start, s.end) === s.original)).toBe(true)
  })

  it('leaves clean text alone', () => {
    const text = '近日，社区组织志愿者为辖区老人提供理发、量血压等服务，受到居民欢迎。这份情谊弥足珍贵。'
    expect(detectSuspicious(text, {}, model)).toEqual([])
  })

  it('never flags protected terms', () => {
    const text = '大学生态愿者来了'
    expect(typos(detectSuspicious(text, {}, model))).toHaveLength(1)
    expect(detectSuspicious(text, { protectedTerms: ['态愿者'] }, model)).toEqual([])
  })

  it('applies the editor dictionary only in its context', () => {
    const text = '城东街道的王庄村和李庄村'
    const dictionary = [{ original: '王庄', replacement: '汪庄', contextAfter: '村和' }]
    const found = detectSuspicious(text, { dictionary }, model).filter((s) => s.rule === 'dictionary')
    expect(found).toEqual([expect.objectContaining({ rule: 'dictionary', start: 5, end: 7, original: '王庄', replacement: '汪庄' })])
    const other = detectSuspicious(text, { dictionary: [{ original: '王庄', replacement: '汪庄', contextBefore: '城西' }] }, model)
    expect(other.filter((s) => s.rule === 'dictionary')).toEqual([])
  })

  it('does not suggest again a fix the editor rejected in that context', () => {
    const text = '大学生态愿者来了。另一位孤寡老认说。'
    const all = typos(detectSuspicious(text, {}, model))
    expect(all).toHaveLength(2)
    const rejectedOne = all[1]!
    const rejected = [{ original: rejectedOne.original, replacement: rejectedOne.replacement, context: suggestionContext(text, rejectedOne) }]
    const after = detectSuspicious(text, { rejected }, model)
    expect(after.map((s) => s.original)).toEqual(['态'])
    // The same fix elsewhere, in another context, is still offered.
    const elsewhere = detectSuspicious('我们看望了一位孤寡老认。', { rejected }, model)
    expect(elsewhere.map((s) => s.replacement)).toEqual(['人'])
  })

  it('does not offer a rejected character fix again for the same word, wherever it recurs', () => {
    const text = '社区为独居老认送去了年夜饭。'
    const [s] = typos(detectSuspicious(text, {}, model))
    expect(s).toMatchObject({ original: '认', replacement: '人' })
    const rejected = [{ original: '认', replacement: '人', context: suggestionContext(text, s!), contextBefore: text.slice(s!.start - 6, s!.start), contextAfter: text.slice(s!.end, s!.end + 6) }]
    // The same word 老认 in another sentence: not offered again.
    expect(typos(detectSuspicious('这位八十岁的老认说，日子越过越好。', { rejected }, model))).toEqual([])
    // The same fix in another word is still offered.
    expect(typos(detectSuspicious('我们要全心全意为认民服务。', { rejected }, model)).map((x) => x.replacement)).toEqual(['人'])
  })

  it('takes words of the publication\'s approved pages as words', () => {
    // 老认: a columnist's pen name in this publication, approved on other pages.
    const text = '社区为独居老认送去了年夜饭。'
    expect(typos(detectSuspicious(text, {}, model)).map((s) => s.original)).toEqual(['认'])
    expect(typos(detectSuspicious(text, { knownText: '老认是他的笔名。\n\n老认写了很多文章。' }, model))).toEqual([])
    // Two characters need two sightings: they recur across word boundaries by chance.
    expect(typos(detectSuspicious('今年全市新建学校十所，末来还将新建更多。', { knownText: '岁末来临' }, model))).toHaveLength(1)
    expect(typos(detectSuspicious('今年全市新建学校十所，末来还将新建更多。', { knownText: '末来 末来' }, model))).toEqual([])
  })

  it('reads a string repeated on the page as a term of the page', () => {
    const once = '社区为独居老认送去了年夜饭。'
    expect(typos(detectSuspicious(once, {}, model))).toHaveLength(1)
    expect(typos(detectSuspicious(once + '老认是他的笔名，老认写了很多文章。', {}, model))).toEqual([])
  })

  it('reads three characters repeated through a finding as a term, unless the page also reads them corrected', () => {
    const once = '青年在末来的日子里努力。'
    expect(typos(detectSuspicious(once, {}, model)).map((s) => s.replacement)).toEqual(['未'])
    // 末来 twice: too few sightings for a two-character word, but 末来的 is read twice.
    expect(typos(detectSuspicious('我们在末来的日子里努力，末来的路还很长。', {}, model))).toEqual([])
    // The same page reads 未来的 as well: what repeats is the misreading (one paragraph read twice).
    const both = '我们在末来的日子里努力，未来的路还很长，末来的事谁也说不准。'
    expect(typos(detectSuspicious(both, {}, model)).map((s) => [s.start, s.replacement])).toEqual([
      [3, '未'],
      [20, '未']
    ])
  })

  it('does not turn a character into a surname that starts no word (a name made up to explain the stretch after it)', () => {
    for (const text of ['昨天他带着能德宝一起来了。', '这次活动由喜聊让主持。', '小区里新开了一家能培琛书店。']) expect(typos(detectSuspicious(text, {}, model)), text).toEqual([])
    // A surname inside a word is judged as any character is.
    expect(typos(detectSuspicious('这件事让人很紧涨。', {}, model)).map((s) => s.replacement)).toEqual(['张'])
  })

  it('never flags text inside a name as a typo', () => {
    const body = '大家都来看望孤寡老认。'
    expect(typos(detectSuspicious(body, {}, model))).toHaveLength(1)
    expect(typos(detectSuspicious('本报讯（记者 老认）' + body, {}, model))).toEqual([])
    expect(typos(detectSuspicious(body, { knownNames: new Map([['老认', 2]]) }, model))).toEqual([])
  })

  it('flags the rarer spelling of a byline name as a name variant', () => {
    const text = '本报记者 越丽\n'
    const found = detectSuspicious(text, { knownNames: new Map([['赵丽', 6]]) }, model)
    expect(found).toEqual([expect.objectContaining({ rule: 'name-variant', start: 5, end: 7, original: '越丽', replacement: '赵丽' })])
  })
})

describe('extractNames', () => {
  const names = (t: string): string[] => extractNames(t).map((n) => n.name)

  it('reads the byline forms of a page', () => {
    expect(names('本报讯（记者 王小明 李华）近日，')).toEqual(['王小明', '李华'])
    expect(names('本报讯(记者 郑林)近日,')).toEqual(['郑林'])
    expect(names('本报讯（记者 段雨萌 通讯员 张华）')).toEqual(['段雨萌', '张华'])
    expect(names('本报记者 王小明\n')).toEqual(['王小明'])
    expect(names('通讯员 张华')).toEqual(['张华'])
    expect(names('志愿者为老人理发。 本报记者 王小明 摄\n')).toEqual(['王小明'])
    expect(names('合影留念。 王小明 李华 摄\n')).toEqual(['王小明', '李华'])
    expect(names('（王小明摄）')).toEqual(['王小明'])
  })

  it('reads bylines in traditional script and a name closed by a slash', () => {
    expect(names('（記者　陳家明）')).toEqual(['陳家明'])
    expect(names('【記者林志豪／台中報導】')).toEqual(['林志豪'])
    expect(names('本報訊（記者 王小明 通訊員 張華）')).toEqual(['王小明', '張華'])
    expect(names('合影留念。 本報記者　王大明　攝\n')).toEqual(['王大明'])
    expect(names('記者了解到，今年全市新建學校十所。')).toEqual([])
  })

  it('gives offsets into the text', () => {
    const text = '本报讯（记者 王小明）'
    const [n] = extractNames(text)
    expect(text.slice(n!.start, n!.end)).toBe('王小明')
  })

  it('ignores prose that merely mentions a reporter', () => {
    expect(names('记者了解到，今年全市新建学校十所。')).toEqual([])
    expect(names('他对记者说，活动很成功。')).toEqual([])
    expect(names('游客们纷纷拿出手机拍摄。')).toEqual([])
  })
})

describe('findNameVariants', () => {
  it('suggests the more frequent spelling for a one look-alike difference', () => {
    const v = findNameVariants(new Map([['赵丽', 5], ['越丽', 1], ['王小明', 3], ['李华', 2]]), model)
    expect(v).toEqual([expect.objectContaining({ variant: '越丽', preferred: '赵丽' })])
    expect(v[0]!.confidence).toBeGreaterThan(0.5)
  })

  it('does not pair names that differ by a character of another shape, or tie', () => {
    expect(findNameVariants(new Map([['赵丽', 3], ['赵华', 1]]), model)).toEqual([])
    expect(findNameVariants(new Map([['赵丽', 2], ['越丽', 2]]), model)).toEqual([])
  })
})
