// Section banners over a run of short items (briefs), and kickers that are not banners. Every
// page here is made up.
import { describe, expect, it } from 'vitest'
import { analyzePage } from '../../src/core/analysis'

const page = (...blocks: string[]): string => blocks.join('\n\n') + '\n'
const articles = (text: string) => analyzePage(text).articles.filter((a) => a.kind === 'article')

describe('briefs banners', () => {
  it('does not carry the kicker of a short article over to the next short article', () => {
    const text = page(
      '春耕一线',
      '临川早稻插秧进度过半',
      '本报讯（记者 高远）连日来，临川市各地抢抓晴好天气开展早稻插秧，全市已完成插秧面积十二万亩，进度过半。',
      '农业部门组织农技人员深入田间地头，指导农户科学管水施肥。',
      '夜市重新开张',
      '本报讯（记者 周远）4月1日晚，步行街夜市重新开张，120个摊位整齐排开，吸引了大批市民前来。'
    )
    const arts = articles(text)
    expect(arts.map((a) => a.title)).toEqual(['临川早稻插秧进度过半', '夜市重新开张'])
    expect(arts[0]!.kicker).toBe('春耕一线')
    expect(arts[1]!.kicker).toBeNull()
    expect(arts.map((a) => a.section)).toEqual([null, null])
  })

  it('still reads a short label over several short items as their banner', () => {
    const text = page(
      '便民快讯',
      '社区食堂开门迎客',
      '本报讯（记者 高远）日前，青石街道长风社区食堂正式开门，为辖区老人提供价格实惠的一日三餐。',
      '口腔义诊进小区',
      '本报讯（记者 高远）日前，市口腔医院的医生走进春晖小区，为居民免费检查牙齿并讲解护牙知识。',
      '应急演练进校园',
      '本报讯（通讯员 孟凡）近日，实验小学联合辖区消防站开展应急疏散演练，全校师生有序撤离。'
    )
    const arts = articles(text)
    expect(arts.map((a) => a.title)).toEqual(['社区食堂开门迎客', '口腔义诊进小区', '应急演练进校园'])
    expect(arts.map((a) => a.section)).toEqual(['便民快讯', '便民快讯', '便民快讯'])
    // (an item under a banner shows the banner as its kicker)
    expect(arts.map((a) => a.kicker)).toEqual(['便民快讯', '便民快讯', '便民快讯'])
  })
})
