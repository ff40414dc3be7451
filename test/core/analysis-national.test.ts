// Layouts of national papers the city daily never showed (issue 16): column breaks 12–31
// characters into a paragraph, indented paragraphs, photos and chart sources before the body,
// two-clause titles, foreign contributors, interviews. Every page here is made up.
import { describe, expect, it } from 'vitest'
import { analyzePage } from '../../src/core/analysis'
import type { EditionEvidence } from '../../src/core/analysis/edition'
import { isFurnitureLine, isSourceNote, hasPhotoCredit } from '../../src/core/analysis/cues'
import { junction } from '../../src/core/analysis/joins'
import { wordAcross } from '../../src/core/analysis/junctionWords'
import { classify, isHeadingShaped, type Unit } from '../../src/core/analysis/units'

const page = (...blocks: string[]): string => blocks.join('\n\n') + '\n'
const unit = (text: string): Unit => ({ src: 1, text, gap: 1, kind: classify(text) })
const join = (a: string, b: string): number => junction(a, unit(b), undefined, 1, new Map())?.confidence ?? 0
const bodies = (text: string): string[] =>
  analyzePage(text).articles.filter((a) => a.kind === 'article').flatMap((a) => a.paragraphs.filter((p) => p.role === 'body').map((p) => p.text))
const captions = (text: string): string[] => analyzePage(text).articles.flatMap((a) => a.captions)

describe('a column break 12–31 characters into a paragraph', () => {
  it('joins a first half that looks like a title when a word runs on across the break', () => {
    expect(wordAcross('来到河边的养老护', '理站里')).toBe('护理')
    expect(join('来到河边的养老护', '理站里，十几位老人正在做早操，护理员在一旁看护。')).toBeGreaterThanOrEqual(0.7)
    // a subhead over a new paragraph: no word across
    expect(join('清晨巡逻摸清底数', '八点刚过，老周来到社区东门的早市。')).toBeLessThan(0.7)
    // two heading lines are not joined for a word their ends make
    expect(join('以学促干', '业务骨干带头攻关')).toBeLessThan(0.7)
  })

  it('reads a long clause and a stub as a cut sentence, two halves of a size as a title', () => {
    expect(join('随着越来越多的居民参与垃圾分类，资源回', '收利用的理念更加深入人心。')).toBeGreaterThanOrEqual(0.7)
    expect(join('当日，调研团成员来到清风林党性教', '育基地，观看了专题片。')).toBeGreaterThanOrEqual(0.7)
    expect(join('守好一方净土，护好一江清水', '站在堤岸上远眺，江面开阔，白鹭翻飞。')).toBeLessThan(0.7)
  })

  it('never reads a dateline lead or an open quotation as a heading', () => {
    expect(join('江东日报临川5月6日电（记者 王明）气象监测显示，5月6', '日白天，全市出现中到大雨。')).toBeGreaterThanOrEqual(0.7)
    expect(join('社区还通过“邻里', '帮”小程序收集居民的意见。')).toBeGreaterThanOrEqual(0.7)
  })

  it('does not take an opening quotation mark for a one-character fragment', () => {
    expect(join('温情守护暖人心', '让“银发族”安心的，还有全方位的保障。')).toBeLessThan(0.7)
  })

  it('keeps an interview turn and a one-line lead-in ending on a dash apart', () => {
    expect(join('“文化的根脉在于传承，也在于创新”', '问：您如何看待传统技艺的当代价值？')).toBeLessThan(0.7)
    expect(join('现在不一样了——', '路灯亮了，楼道干净了，垃圾房也不再有异味。')).toBeLessThan(0.7)
  })

  it('joins an unindented line to the indented paragraph above it on a page that indents', () => {
    const para = (s: string): string => '\u3000\u3000' + s
    const text = page(
      '河畔公园迎来首批游客',
      '本报记者 林晓雨',
      para('清晨六点，河畔公园的大门刚刚打开，晨练的市民就三三两两地走了进来，沿着新修的步道慢跑。'),
      para('公园管理处负责人介绍，今年春天，园区新栽了两千多株花木，还增设了健身器材和休息座椅。'),
      para('住在附近的张大爷每天早上都会来这里'),
      '散步，他说这里的环境一年比一年好了。',
      para('管理处表示，下一步将延长夜间开放时间，并在周末组织文化活动，让更多市民走进公园。'),
      para('据了解，全市今年还将新建和改造口袋公园三十个，进一步方便群众就近休闲健身。'),
      para('不少市民表示，希望公园能保持现在的整洁，也愿意一起爱护好身边的绿地，让城市的公共空间更加宜人。'),
      para('记者在公园里看到，步道两旁的月季开得正艳，几位老人坐在长椅上聊天，孩子们在草坪上追逐嬉戏。'),
      para('一位带着孩子的年轻妈妈说，以前周末要开车去郊外，现在家门口就有这么好的去处，省心又方便。')
    )
    expect(bodies(text)).toContain('住在附近的张大爷每天早上都会来这里散步，他说这里的环境一年比一年好了。')
    // the same page without indents reads the short first half as a subhead
    expect(bodies(text.replace(/\u3000\u3000/g, ''))).not.toContain('住在附近的张大爷每天早上都会来这里散步，他说这里的环境一年比一年好了。')
  })
})

describe('photos and charts before the body', () => {
  it('reads a line over a credit line, and a source note, as captions', () => {
    expect(isSourceNote('数据来源：市统计局')).toBe(true)
    expect(isSourceNote('数据来源显示，全市经济运行平稳。')).toBe(false)
    expect(hasPhotoCredit('王 明  李 华摄影报道')).toBe(true)
    expect(hasPhotoCredit('青铜器局部，临川博物馆藏。')).toBe(true)
    const text = page(
      '乡村夜校点亮农家生活（基层观察）',
      '周 远',
      '《江东日报》（2025年06月03日第 05 版）',
      '夜校学员在老师指导下学习直播带货技巧。',
      '资料图片',
      '数据来源：县农业农村局',
      '入夏以来，柳溪村的夜校每周开课三次，村民们吃过晚饭就来到村委会的教室里听课。',
      '夜校开设了种植技术、电商营销、法律常识等课程，授课的既有农技专家，也有返乡创业的年轻人。'
    )
    expect(captions(text)).toEqual(expect.arrayContaining(['夜校学员在老师指导下学习直播带货技巧。', '数据来源：县农业农村局']))
    expect(bodies(text).some((b) => b.includes('直播带货技巧'))).toBe(false)
  })

  it('keeps a caption a column break cut in two out of the text', () => {
    const text = page(
      '图片报道',
      '《江东日报》（2025年06月03日第 05 版）',
      '6月2日，临川市滨江公园举行夏季花卉展，展出各类花卉两百余种，吸引市民游客前来观赏、拍',
      '照留念。图为市民在花丛中拍照。',
      '王 明摄（视觉江东）',
      '夜市重新开张',
      '本报讯（记者 高远）4月1日晚，步行街夜市重新开张，120个摊位整齐排开，吸引了大批市民前来。'
    )
    expect(bodies(text).some((b) => b.includes('花卉展'))).toBe(false)
    expect(captions(text).join('')).toContain('花卉展')
  })
})

describe('heads of national papers', () => {
  it('reads two clauses side by side, a comma inside quotes and a long book title as title-shaped', () => {
    expect(isHeadingShaped('坚持以人民为中心的发展思想 推动城乡融合发展取得新的更大成效')).toBe(true)
    expect(isHeadingShaped('违规占用耕地“违建必罚，拒执必究”')).toBe(true)
    expect(isHeadingShaped('《关于进一步加强城市社区嵌入式服务设施建设的指导意见》发布')).toBe(true)
    expect(isHeadingShaped('他说这是一个四十来个字的句子里面没有任何标点但也不是标题只是一行很长很长的正文而已')).toBe(false)
  })

  it('takes a foreign contributor under a tagged title for its byline, not its title', () => {
    const text = page(
      '我在江南看见的烟火气（外国人看中国）',
      '（葡萄牙）卡莱·萨维林',
      '《江东日报》（2025年06月03日第 05 版）',
      '第一次来到江南，是十年前的一个春天。那时我刚学会几句中文，走在石板路上，到处都觉得新鲜。',
      '后来我在这里读书、工作、成家，慢慢发现，烟火气才是这座城市最动人的地方。'
    )
    const a = analyzePage(text).articles.find((x) => x.kind === 'article')!
    expect(a.title).toBe('我在江南看见的烟火气（外国人看中国）')
  })

  it('keeps a label between the byline and the first paragraph in that article', () => {
    const text = page(
      '绿色工厂的一天',
      '本报记者 王 明',
      '《江东日报》（2025年06月03日第 05 版）',
      '头条看点',
      '清晨，园区里的光伏板已经开始发电，车间里的机器陆续启动，工人们在各自的岗位上忙碌起来。',
      '企业负责人介绍，厂区用电有三成来自屋顶光伏，余电还可以并入电网。'
    )
    const arts = analyzePage(text).articles.filter((x) => x.kind === 'article')
    expect(arts.map((x) => x.title)).toEqual(['绿色工厂的一天'])
  })
})

describe('bylines with a padded name', () => {
  it('reads a two-character name set to the width of three (`王 明`) as a name', () => {
    expect(classify('本报记者 王 明')).toBe('byline')
    expect(classify('记者 王 明 李小华')).toBe('byline')
    expect(classify('本报记者 王 明 李 华')).toBe('byline')
    // a heading with a space is still a heading
    expect(classify('春风 十里')).toBe('heading')
  })

  it('keeps a comma kicker and title over such a byline as the head of the next story', () => {
    const src = '《江东日报》（2025年06月03日第 05 版）'
    const text = page(
      '滨江步道全线贯通',
      '本报记者 周 远',
      src,
      '全长十二公里的滨江步道日前全线贯通，沿线新增观景平台八处，步道沿线还设置了休息驿站和直饮水点，方便市民游客休憩补给。',
      '下一步，沿江各区还将陆续完善配套设施，让更多市民在家门口享受到滨江的好风',
      '光。',
      '社区篮球联赛开赛，八十支球队参与',
      '在临川，小球场打出大热闹',
      '本报记者 林 雨',
      src,
      '球场边的欢呼声一阵高过一阵，这里是临川市第十二届社区篮球联赛的决赛现场，两支球队打得难解难分。',
      '联赛已连续举办十二届，今年共有八十支球队报名参赛，比赛从春天一直打到初夏。'
    )
    const arts = analyzePage(text).articles.filter((a) => a.kind === 'article')
    expect(arts).toHaveLength(2)
    expect(arts[0]!.title).toBe('滨江步道全线贯通')
    expect(arts[0]!.paragraphs.map((p) => p.text).join('')).not.toContain('小球场')
    // which of the two is the title is the stack's reading; both are the second story's head
    expect([arts[1]!.kicker, arts[1]!.title, arts[1]!.subtitle].filter(Boolean).join('|')).toMatch(/八十支球队参与\|在临川，小球场打出大热闹/)
    expect(arts[1]!.byline).toBe('本报记者 林 雨')
  })
})

describe('a head that shares words with the story above', () => {
  const text = page(
    '家政服务人员持证上岗',
    '本报记者 周远',
    '今年以来，临川市组织家政服务人员参加职业技能培训，已有三千余人取得职业技能等级证书，持证上岗成为行业新风尚。',
    '市人社局负责人表示，下一步将继续扩大职业技能培训覆盖面，让更多劳动者凭技能增收。',
    '职业技能证书含金量持续提升',
    '持证上岗人数同比增长三成',
    '本报记者 王 明',
    '记者从市人社局获悉，一季度全市新增持证技能人员一万余人，同比增长三成，其中高级工以上占比明显提高。',
    '业内人士认为，证书与薪酬挂钩的机制正在形成，越来越多的年轻人愿意通过培训提升自己。'
  )
  const heads = (edition?: EditionEvidence) => {
    const arts = analyzePage(text, edition ? { edition } : {}).articles.filter((a) => a.kind === 'article')
    return arts.map((a) => [a.kicker, a.title, a.subtitle].filter(Boolean).join('|'))
  }

  it('stays the head of the next story in a paper whose stacks show titles over subtitles', () => {
    // the edition's tagged stacks say this paper prints its titles over their subtitles
    const edition: EditionEvidence = { pages: 4, templates: {}, stackVotes: -3 }
    expect(heads(edition)).toEqual(['家政服务人员持证上岗', '职业技能证书含金量持续提升|持证上岗人数同比增长三成'])
    expect(heads({ ...edition, stackVotes: 3 })).toEqual(['家政服务人员持证上岗', '职业技能证书含金量持续提升|持证上岗人数同比增长三成'])
  })

  it('is read as the caption of the story above where nothing shows how the paper stacks its heads', () => {
    expect(heads()).toEqual(['家政服务人员持证上岗', '持证上岗人数同比增长三成'])
  })
})

describe('titles with commas over a per-article source line', () => {
  it('starts a story at a short comma title with the source line under it', () => {
    const src = '《江东日报》（2025年06月03日第 05 版）'
    const text = page(
      '滨江步道全线贯通',
      src,
      '据新华社电  全长十二公里的滨江步道日前全线贯通，沿线新增观景平台八处。',
      '步道沿线还设置了休息驿站和直饮水点，方便市民游客休憩补给。',
      '走，去江边看日落',
      src,
      '傍晚时分的江边，晚霞映红了半边天，不少市民带着家人来到步道上散步、骑行。',
      '附近的咖啡馆和书店也延长了营业时间，江边的夜晚越来越热闹。',
      '茶香，书香，墨香',
      '周 远',
      src,
      '老街深处的一间茶馆里，几位书法爱好者正在挥毫泼墨，茶香和墨香交织在一起。'
    )
    expect(analyzePage(text).articles.filter((a) => a.kind === 'article').map((a) => a.title)).toEqual(['滨江步道全线贯通', '走，去江边看日落', '茶香，书香，墨香'])
  })
})

describe('poems', () => {
  it('keeps a poem one article with a paragraph a line', () => {
    const text = page(
      '江上晨光',
      '周 远',
      '《江东日报》（2025年06月03日第 05 版）',
      '清晨的江面',
      '薄雾还没有散去',
      '一只白鹭掠过水面，翅膀沾着光',
      '渔船慢慢靠岸',
      '岸边的柳树轻轻摇晃',
      '我站在堤上，听见江水在说话',
      '它说远方很远',
      '它说家就在这里'
    )
    const arts = analyzePage(text).articles.filter((a) => a.kind === 'article')
    expect(arts.map((a) => a.title)).toEqual(['江上晨光'])
    expect(arts[0]!.paragraphs.map((p) => p.text)).toContain('一只白鹭掠过水面，翅膀沾着光')
    expect(arts[0]!.paragraphs).toHaveLength(8)
  })

  it('still joins prose printed in short lines that cut its words', () => {
    const text = page(
      '社区食堂开张了',
      '本报讯（记者 高远）4月1日，东湖社区的',
      '老年食堂正式开张，首',
      '批接待老人一百余名，',
      '每餐收费十元，八十岁',
      '以上老人享受半价优惠',
      '。社区工作人员介绍，',
      '食堂由社区和志愿者共',
      '同运营。'
    )
    // (its line ends cut words: 首|批, 共|同; verse does not)
    expect(bodies(text)[0]).toContain('老年食堂正式开张，首批接待老人一百余名，')
    expect(bodies(text).some((b) => b.endsWith('共同运营。'))).toBe(true)
  })
})

describe('an editor\'s note at the top of an article', () => {
  it('keeps the article one piece under the note\'s signature (——编者), which is no subtitle', () => {
    expect(classify('——编  者')).toBe('byline')
    expect(classify('——本报编辑部')).toBe('byline')
    expect(classify('——记临川市种粮大户周远')).toBe('subtitle')
    const text = page(
      '只要肯钻研，田埂上也能出专家（身边的榜样）',
      '——记临川市种粮大户周远',
      '本报记者 林 雨',
      '　　麦收时节，记者来到临川市周家村，见到了远近闻名的种粮能手周远。二十多年来，他从一个普通农民成长为当地有名的“田秀才”。',
      '　　——编  者',
      '　　人物小传',
      '　　周远，1975年出生于临川市周家村，二十多年来一直扎根农村，先后获得多项省市荣誉。',
      '　　“种地也要讲科学”',
      '　　问：当初为什么选择回乡种粮？',
      '　　答：我从小在田里长大，对土地有感情。那时候村里很多地没人种，我觉得可惜，就回来了。'
    )
    const arts = analyzePage(text).articles.filter((a) => a.kind === 'article')
    expect(arts).toHaveLength(1)
    expect(arts[0]!.byline).toBe('本报记者 林 雨')
    expect(arts[0]!.paragraphs.map((p) => p.text)).toContain('周远，1975年出生于临川市周家村，二十多年来一直扎根农村，先后获得多项省市荣誉。')
  })
})

describe('a reply under a dash lead-in, after a story signed off with a note', () => {
  it('keeps the note with the story above and reads the dash line as the kicker of the next head', () => {
    expect(classify('（实习生林雨参与采写）')).toBe('byline')
    expect(classify('（作者为临川大学教授）')).toBe('byline')
    expect(classify('（临川市博物馆藏）')).not.toBe('byline')
    const text = page(
      '校园周边的小摊该管管了（记者调查）',
      '本报记者 周远',
      '学校附近的小摊贩售卖“三无”零食，家长们对此忧心忡忡，希望有关部门加强监管。',
      '市场监管部门表示，将联合教育部门开展专项整治，守护孩子们的健康。',
      '（实习生林雨参与采写）',
      '临川市东湖区——',
      '立行立改 长效巡查 守护校园安全（回音）',
      '《江东日报》（2025年06月03日第 05 版）',
      '江东日报社：',
      '　　6月2日，贵报刊发《校园周边的小摊该管管了》一文，我区高度重视，立即组织开展专项整治。',
      '　　经核查，文中反映的问题属实，我区已对相关摊贩依法处理，并建立长效巡查机制。'
    )
    const arts = analyzePage(text).articles.filter((a) => a.kind === 'article')
    expect(arts.map((a) => [a.kicker, a.title])).toEqual([
      [null, '校园周边的小摊该管管了（记者调查）'],
      ['临川市东湖区——', '立行立改 长效巡查 守护校园安全（回音）']
    ])
    expect(arts[1]!.section).toBeNull()
    expect(arts[1]!.byline).toBeNull()
  })

  it('does not take the note at the end of a story for the byline of a story under its subhead', () => {
    const text = page(
      '千年古镇焕发新生机',
      '本报记者 周远',
      '走进临川古镇，青石板路蜿蜒向前，老街两旁的店铺生意红火，游客们三三两两地拍照留念。',
      '近年来，古镇坚持保护与发展并重，修缮老宅两百余栋，恢复传统街巷十余条。',
      '十年修缮织就一张保护网',
      '古镇成立了专门的保护中心，对每一栋老宅建立档案，定期监测房屋状况。',
      '保护中心负责人介绍，如今古镇的老宅都有了自己的“健康档案”，修缮工作更有针对性。',
      '（实习生林雨参与采写）'
    )
    const arts = analyzePage(text).articles.filter((a) => a.kind === 'article')
    expect(arts.map((a) => a.title)).toEqual(['千年古镇焕发新生机'])
    expect(arts[0]!.paragraphs.filter((p) => p.role === 'subhead').map((p) => p.text)).toEqual(['十年修缮织就一张保护网'])
  })
})

describe('the panel of a dialogue', () => {
  it('keeps the label and the people under it in the text, not in the head', () => {
    const text = page(
      '老街为何越来越年轻（记者对话）',
      '《江东日报》（2025年06月03日第 05 版）',
      '对话人：',
      '周  远  本报记者',
      '林晓雨  江东大学城市规划系教授',
      '周远：不少年轻人周末喜欢去老街逛一逛，老街的魅力究竟在哪里？',
      '林晓雨：老街保留了城市的记忆，也在不断生长出新的生活方式，这是它吸引年轻人的原因。'
    )
    const arts = analyzePage(text).articles.filter((a) => a.kind === 'article')
    expect(arts.map((a) => a.title)).toEqual(['老街为何越来越年轻（记者对话）'])
    expect(arts[0]!.paragraphs.map((p) => p.text)).toContain('林晓雨 江东大学城市规划系教授')
  })
})

describe('furniture of national papers', () => {
  it('sets aside labelled addresses and calls for contributions', () => {
    expect(isFurnitureLine('本版邮箱：pinglun@paper.cn')).toBe(true)
    expect(isFurnitureLine('电子信箱: duzhe@daily.cn')).toBe(true)
    expect(isFurnitureLine('欢迎赐稿')).toBe(true)
    expect(isFurnitureLine('欢迎广大读者来稿。来稿要求为原创首发，请勿一稿多投。')).toBe(true)
    expect(isFurnitureLine('活动主办方欢迎市民踊跃投稿，优秀作品将在展览中展出。')).toBe(false)
  })
})
