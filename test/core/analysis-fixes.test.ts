// Safe fixes: white space and punctuation width, and what they must never touch.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzePage, applySafeFixes } from '../../src/core/analysis'

describe('applySafeFixes: punctuation width in Chinese context', () => {
  it.each([
    ['近日,社区开展活动', '近日，社区开展活动'],
    ['本报讯(记者 王小明)近日', '本报讯（记者 王小明）近日'],
    ['所在村(社区)安排', '所在村（社区）安排'],
    ['他说:今天很好', '他说：今天很好'],
    ['一是培训;二是服务', '一是培训；二是服务'],
    ['为你们点赞!', '为你们点赞！'],
    ['你吃饭了吗?', '你吃饭了吗？'],
    ['“为你们点赞!”他说', '“为你们点赞！”他说'],
    ['防疫指南PPT,用通俗的语言', '防疫指南PPT，用通俗的语言'],
    ['群众满意率达99.6%,市民', '群众满意率达99.6%，市民'],
    ['新闻热线:0351-7654321', '新闻热线：0351-7654321']
  ])('%s', (input, want) => {
    expect(applySafeFixes(input)).toBe(want)
  })

  it.each([
    ['numbers', '面积3.5平方米,新增学位1,200个', '面积3.5平方米，新增学位1,200个'],
    ['times', '每天8:30至17:30开放,周六9:00-12:00', '每天8:30至17:30开放，周六9:00-12:00'],
    ['e-mail', '发送邮件至service@example.gov.cn咨询', '发送邮件至service@example.gov.cn咨询'],
    ['URL with ? and :', '登录https://zwfw.example.cn/guide?id=8查询', '登录https://zwfw.example.cn/guide?id=8查询'],
    ['phone with area code', '咨询电话(0351)6612345,方便市民', '咨询电话(0351)6612345，方便市民'],
    ['hotline', '可拨打12345政务服务热线', '可拨打12345政务服务热线'],
    ['Latin text', 'Hello, world: (test)?', 'Hello, world: (test)?'],
    ['list number', '(1)加强领导', '(1)加强领导']
  ])('leaves %s intact', (_, input, want) => {
    expect(applySafeFixes(input)).toBe(want)
  })
})

describe('applySafeFixes: white space', () => {
  it.each([
    ['ASCII indentation', '    近日，社区开展活动。', '近日，社区开展活动。'],
    ['no-break space indentation', '\u00a0\u00a0近日，社区开展活动。', '近日，社区开展活动。'],
    ['ideographic space indentation', '\u3000\u3000近日，社区开展活动。', '近日，社区开展活动。'],
    ['trailing spaces', '近日，社区开展活动。  \t', '近日，社区开展活动。'],
    ['stray space between Chinese characters in prose', '市政务服务中心 负责人介绍，今年以来', '市政务服务中心负责人介绍，今年以来'],
    ['space before punctuation', '“帮办代办”服务 ,为老年人提供协助。', '“帮办代办”服务，为老年人提供协助。'],
    ['runs of no-break spaces between title halves', '绿色出行\u00a0\u00a0\u00a0从我做起', '绿色出行 从我做起'],
    ['ideographic spaces between title halves', '绿色出行\u3000\u3000从我做起', '绿色出行 从我做起'],
    ['zero-width characters', '社区\u200b活动\ufeff开展，很好。', '社区活动开展，很好。']
  ])('%s', (_, input, want) => {
    expect(applySafeFixes(input)).toBe(want)
  })

  it.each([
    ['a title in two halves', '绿色出行 从我做起'],
    ['a byline line', '本报记者 王小明'],
    ['several names', '记者 王小明 李华'],
    ['a lead with a byline', '本报讯（记者 王小明 李华）近日，社区开展活动。'],
    ['a credit after the last sentence', '志愿者为老人理发，老人很开心。 本报记者 王小明 摄'],
    ['a reporter after the last sentence', '表达对退役军人的关心和关爱。 本报记者 杨小叶'],
    ['a quoted slogan', '观看了“传承红色精神 接受党性教育”专题片，很受启发。']
  ])('keeps the space in %s', (_, input) => {
    expect(applySafeFixes(input)).toBe(input)
  })

  it('handles each line of a block and normalises line ends', () => {
    expect(applySafeFixes('  近日,社区开展活动\r\n\r\n理行动,很好。 \r')).toBe('近日，社区开展活动\n\n理行动，很好。\n')
  })
})

describe('safe fixes on whole pages', () => {
  const dir = join(__dirname, '..', 'fixtures', 'analysis')
  const pages = readdirSync(dir).filter((f) => f.endsWith('.txt'))
  it.each(pages)('%s: applySafeFixes is idempotent', (f) => {
    const once = applySafeFixes(readFileSync(join(dir, f), 'utf8'))
    expect(applySafeFixes(once)).toBe(once)
  })

  it('converts a half-width page and reports it as such', () => {
    const p = analyzePage('社区活动\n\n本报讯(记者 王小明)近日,社区开展活动,居民积极参与。')
    expect(p.fullWidthPage).toBe(false)
    expect(p.workingText).toContain('本报讯（记者 王小明）近日，社区开展活动，居民积极参与。')
  })

  it('leaves the punctuation of an already full-width page untouched', () => {
    const lines = ['社区开展文明活动', '']
    for (let i = 0; i < 6; i++) lines.push(`本报讯（记者 王小明）近日，社区开展第${i}场活动，居民积极参与：有人打扫；有人宣传！`, '')
    lines.push('另有一处半角,逗号保持原样。')
    const p = analyzePage(lines.join('\n'))
    expect(p.fullWidthPage).toBe(true)
    expect(p.workingText).toContain('另有一处半角,逗号保持原样。')
  })

  it('still fixes white space on a full-width page', () => {
    const p = analyzePage('\u3000\u3000社区开展文明活动\n\n\u3000\u3000本报讯（记者 王小明）近日，社区 开展活动，居民积极参与。  ')
    expect(p.fullWidthPage).toBe(true)
    expect(p.workingText).toBe('社区开展文明活动\n\n本报讯（记者 王小明）近日，社区开展活动，居民积极参与。')
  })
})
