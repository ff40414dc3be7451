import { describe, expect, it } from 'vitest'
import { TEMPLATE_VERSION, compileProfile, lineTemplate } from '../../src/core/analysis'

describe('lineTemplate', () => {
  it('gives lines of the same form in other issues the same template', () => {
    expect(lineTemplate('本版责编：王小明 李华')).toBe(lineTemplate('本版责编: 赵丽'))
    expect(lineTemplate('本报记者 王小明')).toBe('本报记者X')
    expect(lineTemplate('（记者 王小明 李华）')).toBe('（记者X）')
    expect(lineTemplate('新华社记者 张三 摄')).toBe('新华社记者X摄')
    expect(lineTemplate('张三/摄')).toBe(lineTemplate('李小四 摄'))
    expect(lineTemplate('李四供图')).toBe('X供图')
    expect(lineTemplate('文/王小明 图/李华')).toBe('文/X图/X')
  })

  it('abstracts dates, page labels and the place of a dateline', () => {
    expect(lineTemplate('《晨光日报》（2025年03月07日第 05 版）')).toBe(lineTemplate('《晨光日报》(2024年12月21日第 11 版)'))
    expect(lineTemplate('第03版：要闻')).toBe('第#版：要闻')
    expect(lineTemplate('A03版 星期二')).toBe(lineTemplate('B12版 星期五'))
    expect(lineTemplate('二〇二五年三月七日 星期五')).toBe('#年#月#日星期#')
    expect(lineTemplate('本报北京5月6日电（记者 王小明）近日，')).toBe(lineTemplate('本报上海12月1日电 (记者 李华) 近日,'))
  })

  it('keeps ordinary words and cuts long lines to their head', () => {
    expect(lineTemplate('文化遗产保护')).toBe('文化遗产保护')
    expect(lineTemplate('记者了解到，今年')).toBe('记者X，今年')
    expect(lineTemplate('城南街道启动老旧小区改造'.repeat(10)).length).toBe(40)
  })
})

describe('compileProfile', () => {
  it('indexes templates and ignores a profile of another template version or with bad entries', () => {
    const profile = {
      publication: '晨光日报',
      templateVersion: TEMPLATE_VERSION,
      roleTemplates: [
        { template: '本版责编：X', role: 'furniture' as const, weight: 3 },
        { template: '本版责编：X', role: 'title' as const, weight: Number.NaN }
      ]
    }
    expect(compileProfile(profile)?.get('本版责编：X')).toEqual([{ role: 'furniture', weight: 3 }])
    expect(compileProfile({ ...profile, templateVersion: TEMPLATE_VERSION + 1 })).toBeNull()
    expect(compileProfile(null)).toBeNull()
  })
})
