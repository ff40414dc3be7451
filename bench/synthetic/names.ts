// Invented people, places and papers. Names are built from syllable lists so an archive has
// hundreds of distinct ones, as a real run of editions does.
import type { Rng } from './prng'

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高何郭马罗梁宋谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟万雷钱汤尹黎易常武乔贺赖龚温']
const GIVEN = [...'伟芳娜敏静秀强磊军洋勇艳杰娟涛明超霞刚桂晨宇浩凯鑫佳琳颖婷欣然博文志国建华红玉海天晓丹鹏飞亮辉健俊鹤彤悦瑶蕾岚楠薇梅慧嘉怡思宁晴阳帆航峰斌昊睿泽凡哲茜可心士']

const PLACE_HEADS = [...'东西南北青临江河湖石金松柏兰桂清宁丰康瑞嘉景春白丹凤龙梧槐榆杏枫栖澄汇望朝鸣']
const PLACE_TAILS = [...'阳川源州山湾港桥塘坪岗溪亭关峪沟滨浦岭台']
const CITY_HEADS = [...'江岚澄榕渝蓟沂汾涪潍邗泾']
const CITY_TAILS = [...'州阳城宁陵川']

export function personName(rng: Rng): string {
  const given = rng.chance(0.65) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN)
  return rng.pick(SURNAMES) + given
}

export function surname(rng: Rng): string {
  return rng.pick(SURNAMES)
}

/** A two-character place stem such as 枫川; callers add 区, 街道, 社区… */
export function placeStem(rng: Rng): string {
  return rng.pick(PLACE_HEADS) + rng.pick(PLACE_TAILS)
}

export function paperName(rng: Rng): string {
  return rng.pick(CITY_HEADS) + rng.pick(CITY_TAILS) + rng.pick(['晚报', '日报', '都市报', '早报', '商报'])
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz'

export function latinWord(rng: Rng, min: number, max: number): string {
  let s = ''
  const n = rng.int(min, max)
  for (let i = 0; i < n; i++) s += LOWER[rng.int(0, 25)]
  return s
}

export function digits(rng: Rng, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9))
  return s
}

export function phoneNumber(rng: Rng): string {
  if (rng.chance(0.5)) return `1${rng.pick(['3', '5', '7', '8', '9'])}${digits(rng, 9)}`
  return `0${rng.int(3, 9)}${digits(rng, 2)}-${rng.int(2, 8)}${digits(rng, 6)}`
}

export function emailAddress(rng: Rng): string {
  const domain = rng.pick(['163.com', '126.com', 'qq.com', 'sina.com', `${latinWord(rng, 3, 6)}.cn`])
  return `${latinWord(rng, 3, 7)}${rng.chance(0.6) ? digits(rng, rng.int(2, 4)) : ''}@${domain}`
}

/** Everything the syllable lists can produce, for checks that the vocabulary is our own. */
export function allPlaceStems(): string[] {
  return PLACE_HEADS.flatMap((h) => PLACE_TAILS.map((t) => h + t))
}
