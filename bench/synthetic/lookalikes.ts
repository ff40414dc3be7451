// Look-alike characters an OCR engine confuses (形近字), as "printed → misread" pairs. Kept
// apart from src/core/typos on purpose: a benchmark that shares its answer key with the
// detector would only measure the overlap.

const PAIRS = [
  '志态', '人认', '人入', '入人', '称弥', '末未', '未末', '己已', '已己', '己巳', '戊戍', '戍戊',
  '苑宛', '日曰', '曰日', '士土', '土士', '拨拔', '拔拨', '大太', '太大', '天夭', '夫天', '干千',
  '千干', '午牛', '王玉', '玉王', '刀力', '力刀', '贝见', '见贝', '候侯', '侯候', '使便', '便使',
  '折拆', '拆折', '体休', '休体', '免兔', '今令', '令今', '厂广', '广厂', '历厉', '治冶', '冶治',
  '辨辩', '辩辨', '壁璧', '即既', '既即', '待侍', '侍待', '析折', '洒酒', '酒洒', '泪汨', '象像',
  '径经', '经径', '坚竖', '竖坚', '卜卡', '乌鸟', '鸟乌', '衷哀', '哀衷', '崇祟', '幕暮', '暮幕',
  '季李', '李季', '盲肓', '住往', '往住', '问间', '间问', '设没', '没设', '赢嬴', '徒徙', '失夫',
  '户尸', '开井', '庄压', '压庄', '处外', '外处', '买卖', '卖买', '书韦', '仑仓', '仓仑', '活话',
  '话活', '理埋', '埋理', '市巿', '园圆', '圆园', '员贝', '粮狼', '睛晴', '晴睛', '清请',
  '请清', '情请', '场扬', '扬场', '杨扬', '汤场', '作怍', '已巳', '建健', '健建', '提捉'
]

export const LOOKALIKE = new Map<string, string[]>()
for (const p of PAIRS) {
  const [right, wrong] = [...p] as [string, string]
  const got = LOOKALIKE.get(right)
  if (got) got.push(wrong)
  else LOOKALIKE.set(right, [wrong])
}
