import fs from 'node:fs'
import path from 'node:path'
import { openDatabase } from '../../src/core/store/database'
import { createHandlers } from '../../src/core/services'
import type { StructureFile } from '../../src/shared/learningFiles'
import { tempDir } from './tmp'

// Made-up pages of a made-up evening paper for the learning tests, and a store holding them.

export const FIXTURES = path.resolve(__dirname, '../fixtures/learning')
export const PAGE_A = fs.readFileSync(path.join(FIXTURES, 'page-a.txt'), 'utf8')
export const PAGE_B = fs.readFileSync(path.join(FIXTURES, 'page-b.txt'), 'utf8')
export const NOTICE = '晚报社区版热线征集身边新鲜事'
export const b64 = (s: string): string => Buffer.from(s).toString('base64')

/** Page A as the editor corrected it: two articles, the notice line furniture. */
export const STRUCTURE_A: StructureFile = {
  articles: [
    {
      kind: 'article',
      title: '城南街道启动老旧小区改造',
      headings: ['城南街道启动老旧小区改造'],
      byline: '记者 王小明',
      paragraphs: [
        { role: 'body', text: '本报讯（记者 王小明）近日，城南街道启动老旧小区改造工程，首批涉及三个社区，预计年底前完工。' },
        { role: 'body', text: '改造内容包括外墙保温、管网更新和加装电梯，居民可通过社区议事会提出意见。' }
      ]
    },
    {
      kind: 'article',
      title: '绿色出行 从我做起',
      headings: ['绿色出行 从我做起'],
      byline: '记者 李华',
      paragraphs: [{ role: 'body', text: '本报讯（记者 李华）市交通部门日前发布倡议，鼓励市民乘坐公共交通出行，公交卡与地铁卡即日起通用。' }]
    }
  ],
  furniture: [NOTICE, NOTICE]
}

export async function learningStore() {
  const file = path.join(tempDir(), 'learning.db')
  const db = openDatabase(file)
  const api = createHandlers({ db, databasePath: file, mode: 'browser' })
  const files = [
    { name: '晚报_2024-06-01_01.txt', dataBase64: b64(PAGE_A) },
    { name: '晚报_2024-06-01_02.txt', dataBase64: b64(PAGE_B) },
    { name: '晚报_2024-06-01_03.txt', dataBase64: b64(PAGE_B.replace('光明社区', '朝阳社区')) }
  ]
  await api.importFiles({ files, edition: '晚报 2024-06-01' })
  const pages = await api.listPages({})
  const [a, b, c] = pages.map((p) => p.id) as [number, number, number]
  return { db, file, api, a, b, c }
}


export const learningPages = { PAGE_A, PAGE_B, NOTICE, STRUCTURE_A }
