// Where one story ends and the next begins: a heading with no byline under it, between the
// title of a new story and a subhead of the story above, and the stack of lines over a story.
import { describe, expect, it } from 'vitest'
import { analyzePage, describeArticle } from '../../src/core/analysis'
import { leadOpening } from '../../src/core/analysis/cues'
import { isCouplet } from '../../src/core/analysis/headings'

const page = (...blocks: string[]): string => blocks.join('\n\n') + '\n'
const titles = (text: string): string[] => analyzePage(text).articles.filter((a) => a.kind === 'article').map((a) => a.title)
const subheads = (text: string): string[] =>
  analyzePage(text).articles.flatMap((a) => a.paragraphs.filter((p) => p.role === 'subhead').map((p) => p.text))

describe('a heading without a byline under it', () => {
  it('starts a new story after a news report when its first paragraph opens like a lead', () => {
    const text = page(
      '夜市重新开张',
      '本报讯（记者 高远）4月1日晚，步行街夜市重新开张，120个摊位整齐排开，吸引了大批市民前来。',
      '据了解，夜市经营时间为每天18时至23时，市场监管部门安排专人巡查食品安全。',
      '社区图书室延长开放时间',
      '4月5日起，各社区图书室的开放时间延长至晚上8点，方便上班族下班后借阅图书。',
      '社区工作人员介绍，图书室还将定期举办亲子阅读、读书分享等活动。'
    )
    expect(titles(text)).toEqual(['夜市重新开张', '社区图书室延长开放时间'])
  })

  it('stays a subhead of a feature even when its section opens with a date', () => {
    const text = page(
      '社区民警老周的一天',
      '本报记者 林晓雨',
      '早上7点半，周建国已经换好警服，推着电动车出了派出所的大门。',
      '“社区民警就是要腿勤、嘴勤、手勤。”这是老周常挂在嘴边的一句话。',
      '清晨巡逻摸清底数',
      '8点刚过，老周来到社区东门的早市，一边走一边提醒摊主们看好手机和钱包。',
      '在一处新开的租房门口，老周仔细核对了租户的登记信息。',
      '上门调解化解心结',
      '上午10点，老周接到居民电话，说楼上楼下因为漏水吵了起来。',
      '一个多小时后，楼上住户答应请师傅维修，双方握手言和。'
    )
    expect(titles(text)).toEqual(['社区民警老周的一天'])
    expect(subheads(text)).toEqual(['清晨巡逻摸清底数', '上门调解化解心结'])
  })

  it('stays a subhead when it is numbered, inside a news report', () => {
    const text = page(
      '区政府召开一季度经济运行分析会',
      '本报讯（记者 赵明）3月14日，区政府召开一季度经济运行分析会，部署下一阶段重点工作。',
      '会议指出，今年以来，全区经济运行总体平稳、稳中有进。',
      '一、工业生产稳中有进',
      '今年以来，全区规模以上工业增加值同比增长6.8%，新能源、新材料等产业增势良好。',
      '二、消费市场持续回暖',
      '春节期间，全区重点商圈客流量同比增长23%，夜间消费成为新的增长点。'
    )
    expect(titles(text)).toEqual(['区政府召开一季度经济运行分析会'])
    expect(subheads(text)).toEqual(['一、工业生产稳中有进', '二、消费市场持续回暖'])
  })
})

describe('the stack of lines over a story', () => {
  it('reads a couplet over a slightly shorter line as kicker and title', () => {
    const [a] = analyzePage(page('守护一方平安 温暖万家灯火', '社区民警老周的一天', '本报讯（记者 林晓雨）早上7点半，老周已经出了派出所的大门。')).articles
    expect(a).toMatchObject({ kicker: '守护一方平安 温暖万家灯火', title: '社区民警老周的一天', subtitle: null })
  })

  it('still reads a long title over a shorter undashed line as title and subtitle', () => {
    const [a] = analyzePage(page('两地整合资源构建党建共同体', '推进基层治理共学共建', '本报讯（记者 郑明）近日，两地党员干部开展交流活动。')).articles
    expect(a).toMatchObject({ kicker: null, title: '两地整合资源构建党建共同体', subtitle: '推进基层治理共学共建' })
  })

  it('keeps a title over a dash subtitle even when it repeats words of the story above', () => {
    const text = page(
      '社区开展邻里节活动',
      '本报讯（记者 汪琳）日前，北山街道开展邻里节联欢活动，居民们欢聚一堂。',
      '湖坪社区开展邻里节联欢活动',
      '——湖坪社区邻里关系更加融洽',
      '本报讯（记者 谢佳）10月20日，湖坪社区组织居民开展邻里节联欢活动。'
    )
    const b = analyzePage(text).articles[1]!
    expect(b).toMatchObject({ title: '湖坪社区开展邻里节联欢活动', subtitle: '——湖坪社区邻里关系更加融洽' })
  })

  it('agrees with describeArticle on the couplet reading', () => {
    const a = describeArticle(['凝心聚力 砥砺前行', '摄影作品展开幕', '本报讯（记者 王强）近日，摄影作品展在文化馆开幕。'])
    expect(a).toMatchObject({ kicker: '凝心聚力 砥砺前行', title: '摄影作品展开幕' })
  })
})

describe('page furniture and broken leads', () => {
  it('does not take the title under a running head for an entry of the navigation list below', () => {
    const text = page(
      '第05版：城建 滨海日报 2024年3月15日',
      '雨污分流管网改造完工',
      '本报讯（记者 范强）近日，槐坪社区雨污分流管网改造工程完工，惠及居民2000余户。',
      '标题导航\n第05版：城建\n雨污分流管网改造完工'
    )
    expect(titles(text)).toEqual(['雨污分流管网改造完工'])
  })

  it('rejoins a lead whose time phrase a column break cut in two', () => {
    const text = page(
      '社区篮球赛打出精气神',
      '今年',
      '以来，全区新建和改造社区篮球场18个，不少社区自发组建了篮球队。',
      '比赛现场，加油声此起彼伏。'
    )
    const p = analyzePage(text)
    expect(p.articles.map((a) => a.title)).toEqual(['社区篮球赛打出精气神'])
    expect(p.articles[0]!.paragraphs[0]!.text.startsWith('今年以来，')).toBe(true)
  })
})

describe('cues', () => {
  it('recognises how a news lead opens', () => {
    expect(leadOpening('近日，城南街道启动老旧小区改造。')).toBe('when')
    expect(leadOpening('5月3日上午，区里召开动员会。')).toBe('when')
    expect(leadOpening('入冬以来，全区开展安全检查。')).toBe('when')
    expect(leadOpening('为进一步改善人居环境，近日，社区开展清理行动。')).toBe('when')
    expect(leadOpening('10月9曰，记者在社区看到')).toBe('when')
    expect(leadOpening('记者日前从区教育局获悉，今年秋季新增学位1080个。')).toBe('source')
    expect(leadOpening('为方便群众，服务站还开通了线上预约。')).toBe('why')
    expect(leadOpening('活动中，志愿者为居民讲解垃圾分类知识。')).toBeNull()
    expect(leadOpening('“再也不用爬六楼了！”赵大爷说。')).toBeNull()
  })

  it('recognises a couplet', () => {
    expect(isCouplet('凝心聚力 砥砺前行')).toBe(true)
    expect(isCouplet('传递文明理念\u3000倡导绿色生活')).toBe(true)
    expect(isCouplet('平城区 水泊寺街道 强化服务为民办实事')).toBe(false)
    expect(isCouplet('社区民警老周的一天')).toBe(false)
    expect(isCouplet('噪音 引发矛盾社区速来调解')).toBe(false)
  })
})
