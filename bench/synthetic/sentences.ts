// Sentences and paragraphs of article prose, in clean full-width typesetting. Damage is
// applied later (damage.ts), so everything here is what the printed page meant to say.
import type { Rng } from './prng'
import type { Topic } from './topics'
import { GENERIC } from './topics'
import { latinWord, personName, phoneNumber, surname } from './names'

/** Where and when a story happens: the places it names and the day it went to print. */
export interface Scene {
  topic: Topic
  district: string
  street: string
  community: string
  venue: string
  /** Print date, for dates mentioned in the text (which fall before it). */
  year: number
  month: number
  day: number
  /** Phrases used lately in this story, which a writer would not repeat so soon. */
  recent: string[]
  lastTemplate: number
}

/** Picks from a list, avoiding what the story used lately when it can. */
export function fresh(rng: Rng, scene: Scene, items: readonly string[]): string {
  let s = rng.pick(items)
  for (let tries = 0; tries < 6 && scene.recent.includes(s); tries++) s = rng.pick(items)
  scene.recent.push(s)
  if (scene.recent.length > 12) scene.recent.shift()
  return s
}

function count(rng: Rng, large: boolean): string {
  if (!large) return String(rng.int(2, 36))
  const v = rng.chance(0.5) ? rng.int(100, 999) : rng.int(1000, 98000)
  // Some desks print thousands separators; the cleaner must leave 1,200 alone.
  if (v >= 1000 && rng.chance(0.15)) return v.toLocaleString('en-US')
  return String(v)
}

function decimal(rng: Rng): string {
  return `${rng.int(1, 40)}.${rng.int(1, 9)}`
}

function percent(rng: Rng): string {
  return rng.chance(0.7) ? String(rng.int(5, 99)) : `${rng.int(5, 98)}.${rng.int(1, 9)}`
}

function monthDay(rng: Rng, scene: Scene): string {
  // A date shortly before the print date, crossing into last month when needed.
  const back = rng.int(1, 20)
  let m = scene.month
  let d = scene.day - back
  if (d < 1) {
    m = m === 1 ? 12 : m - 1
    d += 28
  }
  return `${m}月${d}日`
}

/** Fills the brace placeholders of a topic phrase. */
export function fill(rng: Rng, scene: Scene, s: string): string {
  if (!s.includes('{')) return s
  // "about N" reads as a round number, never 30301余人.
  s = s.replace(/\{N\}余/g, () => `${rng.int(2, 99) * (rng.chance(0.5) ? 10 : 100)}余`)
  return s.replace(/\{(\w+)\}/g, (_, k: string) => {
    switch (k) {
      case 'n':
        return count(rng, false)
      case 'N':
        return count(rng, true)
      case 'x':
        return decimal(rng)
      case 'p':
        return percent(rng)
      case 'y':
        return String(scene.year - rng.int(0, 1))
      case 'md':
        return monthDay(rng, scene)
      default:
        return k
    }
  })
}

function clock(rng: Rng): string {
  const h = rng.int(7, 20)
  const m = rng.pick(['00', '15', '30', '45', '20', '10'])
  switch (rng.int(0, 3)) {
    case 0:
      return `${h}:${m}`
    case 1:
      return `${h < 12 ? '上午' : h < 18 ? '下午' : '晚上'}${h > 12 ? h - 12 : h}时${m === '00' ? '' : `${Number(m)}分`}`
    case 2:
      return `${h < 12 ? '上午' : h < 18 ? '下午' : '晚上'}${h > 12 ? h - 12 : h}点${m === '30' ? '半' : ''}`
    default:
      return `${h < 12 ? '早上' : '傍晚'}${h > 12 ? h - 12 : h}点多`
  }
}

function when(rng: Rng, scene: Scene): string {
  const r = rng.next()
  if (r < 0.55) return rng.pick(GENERIC.times)
  if (r < 0.85) return monthDay(rng, scene)
  return `${monthDay(rng, scene)}${clock(rng)}`
}

function who(rng: Rng, scene: Scene): string {
  const t = scene.topic
  switch (rng.int(0, 3)) {
    case 0:
      return `${rng.pick(t.people)}${surname(rng)}${rng.pick(GENERIC.addressed)}`
    case 1:
      return `${scene.district}${rng.pick(t.orgs)}${rng.pick(GENERIC.roles)}${personName(rng)}`
    case 2:
      return `家住${scene.community}的${surname(rng)}${rng.pick(GENERIC.addressed)}`
    default:
      return `${rng.pick(t.orgs)}${rng.pick(GENERIC.roles)}${surname(rng)}${rng.pick(['先生', '女士'])}`
  }
}

function org(rng: Rng, scene: Scene): string {
  const o = fresh(rng, scene, scene.topic.orgs)
  if (/街道|镇/.test(o)) return rng.chance(0.5) ? `${scene.district}${o}` : o
  return rng.chance(0.5) ? `${scene.district}${o}` : rng.chance(0.5) ? `${scene.street}${o}` : o
}

function stat(rng: Rng, scene: Scene): string {
  return fill(rng, scene, fresh(rng, scene, scene.topic.stats))
}

function quote(rng: Rng, scene: Scene): string {
  const q = fresh(rng, scene, scene.topic.quotes)
  const end = rng.pick(['。', '。', '！', '。'])
  switch (rng.int(0, 3)) {
    case 0:
      return `“${q}${end}”${who(rng, scene)}${rng.pick(GENERIC.sayVerbs)}。`
    case 1:
      return `${who(rng, scene)}${rng.pick(GENERIC.sayVerbs)}：“${q}${end}”`
    case 2: {
      const q2 = fresh(rng, scene, scene.topic.quotes)
      return `“${q}，”${who(rng, scene)}说，“${q2}${end}”`
    }
    default:
      return `谈起${rng.pick(['变化', '感受', '收获', '这件事'])}，${who(rng, scene)}${rng.pick(['深有感触', '十分感慨', '笑得合不拢嘴'])}：“${q}${end}”`
  }
}

function contactLine(rng: Rng, scene: Scene): string {
  switch (rng.int(0, 3)) {
    case 0:
      return `市民如有疑问，可拨打咨询电话${phoneNumber(rng)}。`
    case 1:
      return `群众如发现相关问题，可通过12345政务服务便民热线反映。`
    case 2:
      return `详情可登录www.${latinWord(rng, 4, 8)}.gov.cn查询，或关注“${scene.district}发布”微信公众号。`
    default:
      return `报名时间为即日起至${scene.month}月${Math.min(28, scene.day + rng.int(3, 12))}日，每天${rng.int(8, 9)}:00至${rng.int(16, 17)}:30，报名邮箱为${latinWord(rng, 4, 7)}${rng.int(10, 99)}@163.com。`
  }
}

const ADVERBS = ['积极', '主动', '认真', '全面', '扎实', '深入', '持续', '切实', '广泛', '稳步', '及时', '集中', '不断', '逐步', '着力']
// Verb-object pairs a report uses for routine work, any beat.
const WORK = [
  '完善基础设施', '优化便民服务', '排查安全隐患', '推进重点项目', '落实惠民政策', '加强人才队伍建设', '健全工作机制',
  '组织文化活动', '优化营商环境', '走访困难家庭', '关爱留守儿童', '看望空巢老人', '检修燃气管道', '维修路灯',
  '整治背街小巷', '规范农贸市场秩序', '整治校园周边环境', '精简办事流程', '压缩审批时限', '推动数据共享',
  '做实网格管理', '提升物业服务', '加固河道堤防', '排查危旧房屋', '保障冬季供暖', '保障夏季用电', '检查节日市场',
  '储备防汛物资', '开展科普教育', '建设创业孵化平台', '更新教学设备', '修缮农田水利设施', '做好绿化养护',
  '维护交通秩序', '改造供水管网', '守护食品安全', '开展物价监测', '开发就业岗位', '开展技能培训', '建立健康档案',
  '更换消防器材', '完善应急预案', '搭建信息平台', '壮大志愿服务队伍', '加强监督检查', '落实社会救助'
]
const WORK_FOCUS = ['群众关切', '民生短板', '重点任务', '年度目标', '薄弱环节', '突出问题', '群众反映的热点问题', '安全生产', '乡村振兴', '城市更新']
const LOCALS = ['网格员', '志愿者', '退休教师', '社区医生', '快递员', '环卫工人', '护林员', '调解员', '楼栋长', '巡河员', '理发师', '小卖部店主']

function work(rng: Rng): string {
  return rng.pick(ADVERBS) + rng.pick(WORK)
}

const ASIDES = ['APP', 'AI', '5G', 'PPT', 'LED', 'VR']

/** One sentence, ending with 。！or a closing quote. */
export function sentence(rng: Rng, scene: Scene, position: 'first' | 'middle' | 'last'): string {
  const t = scene.topic
  if (position === 'first') {
    switch (rng.int(0, 3)) {
      case 0:
        return `${when(rng, scene)}，${scene.district}${scene.street}${rng.pick(t.orgs)}${fresh(rng, scene, t.acts)}，${fresh(rng, scene, GENERIC.purposes).slice(1)}。`
      case 1:
        return `${fresh(rng, scene, GENERIC.purposes)}，${when(rng, scene)}，${org(rng, scene)}${fresh(rng, scene, t.acts)}，${rng.pick(t.people)}${rng.int(3, 60) * 10}余人参加。`
      case 2:
        return `${when(rng, scene)}，记者从${org(rng, scene)}获悉，${stat(rng, scene)}，${fresh(rng, scene, t.results)}。`
      default:
        return `${when(rng, scene)}，${org(rng, scene)}联合${fresh(rng, scene, t.orgs)}在${scene.venue}${fresh(rng, scene, t.acts)}。`
    }
  }
  if (position === 'last') {
    switch (rng.int(0, 3)) {
      case 0:
        return `下一步，${org(rng, scene)}将${fresh(rng, scene, t.plans)}，${fresh(rng, scene, t.plans)}，不断${rng.pick(['提升', '增强', '巩固'])}${rng.pick(['群众满意度', '工作实效', '服务水平', '治理效能'])}。`
      case 1:
        return `${fresh(rng, scene, GENERIC.wrapUps)}。`
      case 2:
        return contactLine(rng, scene)
      default:
        return `${org(rng, scene)}${rng.pick(GENERIC.roles)}表示，将以此为契机，${fresh(rng, scene, t.plans)}。`
    }
  }
  let c = rng.int(0, 13)
  if (c === scene.lastTemplate) c = rng.int(0, 13)
  scene.lastTemplate = c
  switch (c) {
    case 0:
      return `活动中，${fresh(rng, scene, t.scenes)}。`
    case 1:
      return `${fresh(rng, scene, GENERIC.connectives)}，${stat(rng, scene)}，${stat(rng, scene)}。`
    case 2:
      return quote(rng, scene)
    case 3:
      return `${monthDay(rng, scene)}，记者在${scene.community}${rng.pick(GENERIC.places)}看到，${fresh(rng, scene, t.scenes)}。`
    case 4:
      return `${fresh(rng, scene, t.scenes)}，${fresh(rng, scene, GENERIC.wrapUps)}。`
    case 5:
      return `据统计，${stat(rng, scene)}，${fresh(rng, scene, t.results)}。`
    case 6:
      return `${fresh(rng, scene, GENERIC.idioms)}、${fresh(rng, scene, GENERIC.idioms)}，${org(rng, scene)}${fresh(rng, scene, t.acts)}，${rng.pick(['着力', '全力', '努力'])}${fresh(rng, scene, t.plans)}。`
    case 7:
      return `为方便群众，${org(rng, scene)}还借助${rng.pick(ASIDES)}等手段${rng.pick(['优化流程', '提供线上服务', '开展宣传', '实时发布信息'])}（${rng.pick(['详见下表', '试运行阶段', '下同', '含线上线下'])}），${fresh(rng, scene, t.results)}。`
    case 8:
      return `${rng.pick(['这是', '此举是'])}${scene.district}${rng.pick(['今年', '近年来'])}${fresh(rng, scene, t.acts)}的${rng.pick(['又一举措', '缩影', '具体实践'])}；${fresh(rng, scene, t.results)}。`
    case 10:
    case 11:
      return `${rng.pick(['围绕', '聚焦', '针对'])}${rng.pick(WORK_FOCUS)}，${org(rng, scene)}${work(rng)}，${work(rng)}，${fresh(rng, scene, t.results)}。`
    case 12:
      return `${personName(rng)}是${scene.community}的一名${rng.pick(LOCALS)}，${rng.int(2, 30)}年来，${rng.pick(['他', '她'])}${work(rng)}，${work(rng)}，${rng.pick(['被大家亲切地称为“热心人”', '赢得了群众的信任', '多次受到表彰', '从没叫过一声苦'])}。`
    default:
      return `${rng.pick(['如何', '怎样'])}${rng.pick(['把好事办好', '让群众更满意', '解决好这一难题', '把服务做到群众心坎上'])}？${fresh(rng, scene, t.scenes)}。`
  }
}

export function paragraph(rng: Rng, scene: Scene, position: 'first' | 'middle' | 'last'): string {
  const n = rng.int(2, 5)
  let s = sentence(rng, scene, position === 'first' ? 'first' : 'middle')
  for (let i = 1; i < n; i++) s += sentence(rng, scene, position === 'last' && i === n - 1 ? 'last' : 'middle')
  return s
}
