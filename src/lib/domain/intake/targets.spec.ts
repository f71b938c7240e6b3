/**
 * Targets and facts on sentences from real plans. Each case runs the whole extractor on a small
 * plan whose title sets the period (2023-2025) and whose signature sets the year of issue (2023).
 */
import { describe, expect, it } from 'vitest';
import { cleanPlanText } from './clean';
import { toSimplified } from '../../server/intake/to-simplified';
import { extractPlan } from './extract';
import { findMentions } from './targets';
import type { ProposedTarget } from './extraction';

function extract(sentence: string, heading = '主要目标') {
	return extractPlan(cleanPlanText(['测试产业行动方案（2023-2025年）', '2023年3月1日', `一、${heading}`, sentence].join('\n'), { toSimplified }).clean);
}

type Expected = Partial<ProposedTarget>;

const TARGETS: Array<[language: string, sentence: string, expected: Expected[]]> = [
	['达到', '生物医药产业规模达到4000亿元、全市占比50%。', [
		{ quote: '生物医药产业规模达到4000亿元', indicator: '生物医药产业规模', comparator: '>=', value: 4000, unit: '亿元', kind: 'level' },
		{ quote: '全市占比50%', comparator: '>=', value: 50, unit: '%', kind: 'share', shareOf: '全市' }
	]],
	['突破 / 超过', '制造业工业产值突破1000亿元、高技术服务业营收超过600亿元。', [
		{ indicator: '制造业工业产值', value: 1000, unit: '亿元', comparator: '>=' },
		{ indicator: '高技术服务业营收', value: 600, unit: '亿元', comparator: '>=' }
	]],
	['以上 with 获批, share of 全国', '获批上市10个以上国产1类新药、全国占比20%。', [
		{ quote: '获批上市10个以上国产1类新药', indicator: '国产1类新药', value: 10, unit: '个', kind: 'new_since_baseline' },
		{ quote: '全国占比20%', kind: 'share', shareOf: '全国', value: 20 }
	]],
	['不低于', '全市规模以上工业企业研发投入强度不低于2%。', [{ comparator: '>=', value: 2, unit: '%', kind: 'level' }]],
	['力争', '力争全市新能源汽车产量达到120万辆。', [{ comparator: '>=', value: 120, unit: '万辆', indicator: '全市新能源汽车产量' }]],
	['以内', '第二类医疗器械审评平均时限压缩至40个工作日以内。', [{ comparator: '<=', value: 40, unit: '工作日', kind: 'duration' }]],
	['内 after a duration', '牵头机构（主审机构）应在受理后15个工作日内开展审查并出具意见。', [{ comparator: '<=', value: 15, unit: '工作日', kind: 'duration' }]],
	['个月 stays', '在国家医保药品更新发布1个月内，医疗机构将创新药械配备使用。', [{ comparator: '<=', value: 1, unit: '个月', kind: 'duration' }]],
	['不超过', '全市单位地区生产总值能耗不超过0.3吨标准煤。', [{ comparator: '<=', value: 0.3, unit: '吨标准煤' }]],
	['控制在', '城镇调查失业率控制在5.5%以内。', [{ comparator: '<=', value: 5.5, unit: '%' }]],
	['降至', '重点行业万元产值能耗降至0.5吨标准煤。', [{ comparator: '<=', value: 0.5, unit: '吨标准煤' }]],
	['左右', '规模以上工业增加值增长10%左右。', [{ comparator: '=', value: 10, unit: '%', indicator: '规模以上工业增加值' }]],
	// 陕西县域经济 (西安晚报, dev3 sn-xy-2025): 将 looks ahead after 截至.
	['截至…将达', '截至“十四五”末，我省76个县（市）主导产业总产值将达1.7万亿元。', [{ comparator: '>=', value: 1.7, unit: '万亿元' }]],
	// 河南“十四五”规划纲要 (dev3 ha-sswgh-2025).
	['预计…将累计新增', '《纲要》预计在“十四五”期间，全省将累计新增城镇常住人口约600万人。', [{ comparator: '=', value: 600, unit: '万人' }]],
	// 贵州水土保持实施意见 (dev3 gz-stbc-2035): a period opening the sentence scopes it.
	['十四五时期，', '“十四五”时期，治理石漠化面积3550平方公里；2026年—2035年，治理石漠化面积6330平方公里。', [{ value: 3550, deadline: '2025-12-31' }, { value: 6330, deadline: '2035-12-31' }]],
	// 武汉2025年政府工作报告 (dev3 wh-gzbg-2025): counts of projects pushed on with; the amounts name their class.
	['推进N个亿元以上项目', '推进2400个亿元以上项目、1050个十亿元以上项目、90个百亿元以上项目建设。', [
		{ value: 2400, unit: '个', comparator: '=', kind: 'act' },
		{ value: 1050, unit: '个', comparator: '=', kind: 'act' },
		{ value: 90, unit: '个', comparator: '=', kind: 'act' }
	]],
	['引育', '引育企业研发中心、研发型企业100家。', [{ value: 100, unit: '家', kind: 'new_since_baseline' }]],
	// 国民健康规划 (dev3 cn-gmjk-2025): 达X%的 names what the target acts on.
	['达X%的', '力争儿童青少年达52.7%的总体近视率每年降0.5%以上。', [{ value: 0.5, unit: '%', comparator: '>=' }]],
	['以上的…目标', '力争公办幼儿园比例达到50%以上的建设目标。', [{ comparator: '>=', value: 50, unit: '%', kind: 'share' }]],
	// 胶州市2025年工作目标 (dev3 qd-jz-2025).
	['保持在…以上', '规上工业增加值增速保持在9%以上。', [{ comparator: '>=', value: 9, unit: '%' }]],
	// 云南“十四五”规划纲要 (dev3 yn-sswgh-2025): both ends carry their %.
	['a range written 7.5%—8%', '全省GDP年均增长7.5%—8%。', [{ comparator: 'between', value: 7.5, max: 8, unit: '%' }]],
	['约', '全市文化产业增加值约占地区生产总值的6%。', [{ comparator: '=', value: 6, unit: '%', kind: 'share', shareOf: '地区生产总值' }]],
	['a share that leans on the target before it', '数字经济核心产业增加值突破1000亿元，占地区生产总值比重达到15%左右。', [
		{ value: 1000, indicator: '数字经济核心产业增加值' },
		{ value: 15, kind: 'share', shareOf: '地区生产总值', indicator: '数字经济核心产业增加值占地区生产总值比重', comparator: '=' }
	]],
	['占GDP比重', '数字经济核心产业增加值占GDP比重达到10%。', [{ value: 10, kind: 'share', shareOf: 'GDP' }]],
	['稳定在', '粮食播种面积稳定在1200万亩。', [{ comparator: '=', value: 1200, unit: '万亩' }]],
	['range with -', '形成2-3个引领行业的标准体系。', [{ comparator: 'between', value: 2, max: 3, unit: '个', kind: 'new_since_baseline' }]],
	['range with 至', '培育细分领域头部企业8至10家。', [{ comparator: 'between', value: 8, max: 10, unit: '家' }]],
	['range with ~', '每个县（市）重点打造1~2个知名商圈。', [{ comparator: 'between', value: 1, max: 2, unit: '个', indicator: '知名商圈' }]],
	['新增 then 累计', '新增上市企业20家、累计达50家以上。', [
		{ quote: '新增上市企业20家', indicator: '上市企业', value: 20, kind: 'new_since_baseline' },
		{ quote: '累计达50家以上', indicator: '上市企业', value: 50, kind: 'cumulative' }
	]],
	['比重由…提高到', '数字经济核心产业增加值占地区生产总值比重由2020年的7.8%提高到10%。', [
		{ value: 10, unit: '%', kind: 'share', shareOf: '地区生产总值', baseline: { value: 7.8, date: '2020-12-31' }, indicator: '数字经济核心产业增加值占地区生产总值比重' }
	]],
	['个百分点', '常住人口城镇化率提高3个百分点。', [{ value: 3, unit: '个百分点', comparator: '>=' }]],
	['年均增长', '研发经费投入年均增长7%以上。', [{ value: 7, unit: '%', comparator: '>=', indicator: '研发经费投入' }]],
	['翻一番', '到2025年，数字经济规模翻一番。', [{ value: 2, unit: '倍', comparator: '>=', indicator: '数字经济规模', deadline: '2025-12-31' }]],
	['下降', '单位地区生产总值能源消耗比2020年下降13.5%。', [{ value: 13.5, unit: '%', comparator: '>=', indicator: '单位地区生产总值能源消耗' }]],
	['分别达到', '规上工业企业研发机构覆盖率和数字化转型覆盖率分别达到65%和55%。', [
		{ value: 65, indicator: '规上工业企业研发机构覆盖率' },
		{ value: 55, indicator: '数字化转型覆盖率' }
	]],
	['分别下降 with a list', '化学需氧量、氨氮排放总量比2020年分别下降8%、10%以上。', [
		{ value: 8, indicator: '化学需氧量' },
		{ value: 10, indicator: '氨氮排放总量' }
	]],
	['three in one sentence', '新增百亿级企业1家、50亿级企业5家、10亿级企业15家。', [
		{ quote: '新增百亿级企业1家', value: 1, unit: '家', kind: 'new_since_baseline' },
		{ quote: '50亿级企业5家', value: 5, unit: '家', kind: 'new_since_baseline' },
		{ quote: '10亿级企业15家', value: 15, unit: '家', kind: 'new_since_baseline' }
	]],
	['半数以上', '创新成果半数以上实现就地产业化。', [{ value: 50, unit: '%', comparator: '>=', indicator: '创新成果' }]],
	['三分之一', '新建公共建筑屋顶光伏覆盖率达到三分之一以上。', [{ value: 33.33, unit: '%' }]],
	['Chinese numeral count', '建设五个市级以上产业园区。', [{ value: 5, unit: '个' }]],
	['十 with 家', '培育十家以上链主企业。', [{ value: 10, unit: '家', comparator: '>=' }]],
	['百家', '培育百家专精特新“小巨人”企业。', [{ value: 100, unit: '家', kind: 'new_since_baseline' }]],
	['两 after a verb', '建设两个国家级创新平台，打造一批特色园区。', [{ value: 2, unit: '个' }]],
	['千亿级 after a verb', '到2025年，集成电路产业规模突破千亿级。', [{ value: 1000, unit: '亿元', comparator: '>=' }]],
	['万人', '新增城镇就业3.2万人。', [{ value: 3.2, unit: '万人', kind: 'new_since_baseline' }]],
	['万平方米, 推出', '推出500万平方米生物医药标准化厂房。', [{ value: 500, unit: '万平方米', kind: 'level' }]],
	['千瓦', '新增光伏装机容量50万千瓦。', [{ value: 50, unit: '万千瓦' }]],
	['聚焦 list is an act', '聚焦100家重点企业、100个重大投资项目。', [
		{ value: 100, unit: '家', kind: 'act', comparator: '=' },
		{ value: 100, unit: '个', kind: 'act', comparator: '=' }
	]],
	['a raised cap is an act', '将中小微科创企业单笔批次担保额度上限提高至2000万元。', [{ value: 2000, unit: '万元', kind: 'act', comparator: '>=' }]],
	['按…的X% without support', '鼓励按照核定床位的10%设置研究型床位。', [{ value: 10, unit: '%', kind: 'level' }]],
	['分别 with one number for many names', '规模以上工业增加值、固定资产投资、社会消费品零售总额分别增长5%。', [
		{ value: 5, indicator: '规模以上工业增加值' },
		{ value: 5, indicator: '固定资产投资' },
		{ value: 5, indicator: '社会消费品零售总额' }
	]],
	['各', '完成开工、竣工各100万平方米。', [
		{ value: 100, unit: '万平方米', kind: 'new_since_baseline' },
		{ value: 100, unit: '万平方米', kind: 'new_since_baseline' }
	]],
	['控制在…左右 is a ceiling', '居民消费价格涨幅控制在3%左右。', [{ comparator: '<=', value: 3 }]],
	['小于', '城镇调查失业率小于5.5%。', [{ comparator: '<=', value: 5.5 }]],
	['a count the measure works on', '推动851个市重点项目年度实现投资3800亿元以上。', [
		{ value: 851, unit: '个', kind: 'act', comparator: '=' },
		{ value: 3800, unit: '亿元', kind: 'level', comparator: '>=' }
	]],
	['a count the measure creates', '推动100个亿元以上项目开工建设。', [{ value: 100, unit: '个', kind: 'new_since_baseline', comparator: '>=' }]],
	['场 and 万座', '举办各类促消费活动200场以上，新增基础教育学位20万座。', [
		{ value: 200, unit: '场', kind: 'new_since_baseline' },
		{ value: 20, unit: '万座', kind: 'new_since_baseline' }
	]],
	['累计新增 over 十四五', '“十四五”期间累计新增光伏发电装机容量150万千瓦。', [{ value: 150, unit: '万千瓦', kind: 'new_since_baseline', deadline: '2025-12-31' }]],
	['合计', '到2030年，建成光伏建筑一体化项目合计100个以上。', [{ value: 100, kind: 'cumulative', deadline: '2030-12-31' }]],
	['X%的 population is a share to reach, not a condition', '到2027年底前，确保中心城区50%的城市社区建成完备的社区嵌入式服务综合体。', [{ value: 50, unit: '%', deadline: '2027-12-31' }]],
	['the year of issue is a target year', '2023年，力争全社会研发投入强度达到2.95%。', [{ value: 2.95, unit: '%', deadline: '2023-12-31', deadlineBasis: 'stated' }]],
	['根', '新增公共充电设施260根以上。', [{ value: 260, unit: '根', kind: 'new_since_baseline' }]],
	['counts of a class defined by a threshold', '年营业收入超1000亿元的2个，超500亿元的5个。', [
		{ quote: '年营业收入超1000亿元的2个', value: 2, unit: '个' },
		{ quote: '超500亿元的5个', value: 5, unit: '个' }
	]],
	['national carbon goals', '到2025年，非化石能源消费比重达到20%左右，单位国内生产总值能源消耗比2020年下降13.5%。', [
		{ value: 20, unit: '%', comparator: '=', indicator: '非化石能源消费比重' },
		{ value: 13.5, unit: '%', comparator: '>=', indicator: '单位国内生产总值能源消耗' }
	]],
	['亿千瓦', '到2030年，风电、太阳能发电总装机容量达到12亿千瓦以上。', [{ value: 12, unit: '亿千瓦', deadline: '2030-12-31' }]],
	['岁', '人均预期寿命提高1岁。', [{ value: 1, unit: '岁' }]],
	['an age group is not a number to reach', '每千人口拥有3岁以下婴幼儿托位数达到4.5个。', [{ value: 4.5, unit: '个' }]],
	['years of schooling', '劳动年龄人口平均受教育年限提高到11.3年。', [{ value: 11.3, unit: '年', comparator: '>=' }]],
	['share of a total', '新能源汽车新车销售量达到汽车新车销售总量的20%左右。', [{ value: 20, kind: 'share', shareOf: '汽车新车销售总量', comparator: '=' }]],
	['万标箱, 超', '力争港口集装箱吞吐量突破800万标箱，机场旅客吞吐量超2200万人次。', [
		{ value: 800, unit: '万标箱' },
		{ value: 2200, unit: '万人次', indicator: '机场旅客吞吐量' }
	]],
	['建成区 is a noun', '建成区面积达到500平方公里。', [{ value: 500, unit: '平方公里', kind: 'level', indicator: '建成区面积' }]],
	['翻番', '到2025年，居民人均可支配收入实现翻番。', [{ value: 2, unit: '倍' }]],
	// 山东科技研发创新行动计划（2024-2025年）: each year dates only the number after it.
	['per-year targets', '全社会研发经费投入年均增长10%左右，高新技术企业2024年突破3.5万家、2025年突破3.8万家。', [
		{ value: 10, deadline: '2025-12-31' },
		{ value: 3.5, unit: '万家', deadline: '2024-12-31' },
		{ value: 3.8, unit: '万家', deadline: '2025-12-31' }
	]],
	// 福州“十四五”卫生健康规划 (news).
	['rates per 100,000 and per mille', '孕产妇死亡率控制在12/10万以下，婴儿死亡率控制在4‰以内。', [
		{ value: 12, unit: '/10万', comparator: '<=' },
		{ value: 4, unit: '‰', comparator: '<=' }
	]],
	// 天津绿色低碳发展行动方案 (news).
	['PM2.5 is a name, not a number', 'PM2.5年均浓度下降至35微克/立方米。', [{ value: 35, unit: '微克/立方米', comparator: '<=' }]],
	// 湖北生物医药实施意见 (news).
	['倍增', '湖北省生物医药产业营业收入实现倍增，达到2500亿元。', [{ value: 2, unit: '倍' }, { value: 2500, unit: '亿元' }]],
	['a 倍增 programme is a name', '实施高新技术企业倍增计划。', []],
	// 成渝地区双城经济圈 (重庆日报).
	['a ratio', '城乡居民人均可支配收入比缩小至2.3∶1。', [{ value: 2.3, unit: ':1', comparator: '<=' }]],
	['缩小至 a ratio without a heading of goals', '城乡融合发展样板区建设取得明显成效，城乡居民人均可支配收入比缩小至2.3∶1。', [{ value: 2.3, unit: ':1' }]],
	// 长三角一体化发展规划纲要 (news): a density per area is one unit.
	['a density per area', '到2025年，铁路网密度达到507公里/万平方公里，高速公路密度达到5公里/百平方公里。', [{ value: 507, unit: '公里/万平方公里' }, { value: 5, unit: '公里/百平方公里' }]],
	// 河北能源强省 (news): a bare magnitude before a base is its class.
	['百万千瓦 names a class of base', '加快推进张承地区百万千瓦风电基地建设。', []],
	// 绍兴重点工作进展 (2020): figures so far this year report progress; a count before 均 names who meets the goal.
	['months so far report', '1-2月，全市固定资产投资同比下降12.7%，高于全省平均水平1.7个百分点。4个结构性指标中，生态环保、城市更新和水利设施投资增长12.5%，为全省唯一个该指标实现10%以上增长的地市。', []],
	['months so far after ；', '启动培育发展新兴产业研究报告招投标相关前期工作；1-2月，战略性新兴产业增加值占规上工业增加值比重为46.3%。', []],
	['本 counts certificates', '深入推进省级军民融合示范区建设，取得军工资质8本以上。', [{ value: 8, unit: '本', comparator: '>=' }]],
	['a count before 均', '确保有效投资增长高于经济增长、4个结构性指标均实现10%以上增长。', [{ value: 10, unit: '%' }]],
	// 十五五规划纲要（草案）主要目标指标 (news): the outline counting its own indicators.
	['提出N项指标', '围绕增长、结构、效率提出3项指标。其中，提出国内生产总值增长保持在合理区间。', []],
	// 辽宁 2025 项目 plan: the verb of finishing after the things counted.
	['a count finished after its name', '加快推进300个省级重大项目、6000个亿元以上项目建设。沈白高铁和京哈高速改扩建、本桓、凌绥、台黑4条高速公路提前建成通车。', [{ value: 300 }, { value: 6000 }, { value: 4, unit: '条' }]],
	// A national transport plan: counts of hundreds of millions.
	// 健康中国 style: a base year framed by 基础上 is not the past.
	['在2020年基础上', '到2025年，人均预期寿命在2020年基础上继续提高1岁左右。', [{ value: 1, unit: '岁', comparator: '=' }]],
	// 2025 government work report: bonds the state issues are money it puts in.
	['拟发行…国债', '拟发行超长期特别国债1.3万亿元。', [{ value: 1.3, unit: '万亿元', comparator: '=', kind: 'act' }]],
	// National notices: reports under a heading of goals.
	['已 after the things counted', '全国31个省份已全部出台实施方案。', []],
	['截至 is no deadline', '截至2024年底，全国充电基础设施总数达到1281.8万台。', []],
	['a grant after the amount', '按照每个项目不超过500万元给予补助。', []],
	// 数字家庭实施意见 (新华社): the time given is no goal.
	['用3年时间', '力争用3年时间，推动全国数字家庭渗透率提高到30%。', [{ value: 30, unit: '%' }]],
	// National notices describing themselves under a heading of goals.
	['方案从8个方面提出', '方案从8个方面提出了22项具体举措。', []],
	['本方案共分为', '本方案共分为5个部分。', []],
	['亿 before a count word', '快递业务量达到1500亿件。', [{ value: 1500, unit: '亿件' }]],
	// 安徽 (news): 百亿项目 are projects of ten billion yuan.
	['百亿项目 is a class', '深入推进新兴产业百亿项目攻坚。', []],
	// 重庆 (重庆日报): the size of what is made, not a class of firms.
	['超X的 after 打造…规模', '打造总体规模超3000亿元的国有资本产业投资基金集群。', [{ value: 3000, unit: '亿元', comparator: '>=' }]],
	// 湖北生物医药实施意见 (news): the amounts name classes of firms; the counts are the targets.
	['classes counted', '培育营业收入超500亿元企业1家，超100亿元企业3-5家，超50亿元企业8家。', [
		{ value: 1, unit: '家', quote: '培育营业收入超500亿元企业1家' },
		{ value: 3, max: 5, unit: '家', comparator: 'between' },
		{ value: 8, unit: '家' }
	]],
	// 苏州三个行动计划 (苏州日报).
	['万亿元 without a digit; 超', '全市社会消费品零售总额突破万亿元，其中核心产业规模超1000亿元。', [
		{ value: 1, unit: '万亿元', comparator: '>=' },
		{ value: 1000, unit: '亿元', comparator: '>=' }
	]],
	// 福州“十四五”卫生健康规划 (news): no verb, but the scope phrase makes it a goal.
	['a goal without a verb', '《规划》提出，到“十四五”期末，全市人均期望寿命80岁。', [{ value: 80, unit: '岁', deadline: '2025-12-31' }]],
	// 福州“十四五”卫生健康规划 (news).
	['实施 N项…项目', '《规划》还提出，“十四五”期间规划实施18项重点基础设施建设项目。', [{ value: 18, unit: '项', comparator: '>=', deadline: '2025-12-31' }]],
	['a date after the comma belongs to the act after it', '支持建设10个左右国家级创新中心，2024年底前出台配套政策。', [{ value: 10, comparator: '=', deadline: '2025-12-31' }]],
	// 泸州“十四五”生态环境保护规划 (traditional-script mirror).
	['a share of 0 written without %', '地表水质量劣于V类水体比例为0，全市森林覆盖率达到51%及以上。', [
		{ value: 0, unit: '%', comparator: '<=' },
		{ value: 51, unit: '%', comparator: '>=' }
	]],
	// 安徽五年发展目标 (news): a proportion is a share.
	['比例', '到2027年，中等收入群体比例力争达到42%。', [{ value: 42, unit: '%', kind: 'share' }]],
	['spam symbols between words', '城镇新增就业26万人以上◈ღ✿◈，地方一般公共预算收入增长2%◈ღ✿◈。', [
		{ value: 26, unit: '万人' },
		{ value: 2, unit: '%' }
	]]
];

describe('targets', () => {
	it.each(TARGETS)('%s: %s', (_language, sentence, expected) => {
		const { targets } = extract(sentence);
		expect(targets).toHaveLength(expected.length);
		expected.forEach((want, i) => expect(targets[i]).toMatchObject(want));
		const text = extract(sentence).clauses.map((c) => c.text).join('\n');
		for (const target of targets) expect(text).toContain(target.quote);
	});
});

describe('plans without a period in the title', () => {
	it('take the year an annual plan names', () => {
		const { targets } = extractPlan(['2026年广州市经济社会发展的主要预期目标是：地区生产总值增长5%左右。'].join('\n'));
		expect(targets[0]).toMatchObject({ value: 5, deadline: '2026-12-31' });
	});

	it('in a news report, carry on the year last named as a deadline', () => {
		// 安徽五年发展目标 (news): the second paragraph has no year of its own.
		const { targets } = extractPlan(
			['2月27日，记者在发布会上获悉，到2027年，人均地区生产总值达到11万元以上。', '连接内外的物流产业也将继续发力。未来安徽将推动物流降本增效，社会物流总费用与地区生产总值比率降至11%左右。'].join('\n')
		);
		expect(targets.map((t) => [t.value, t.deadline])).toEqual([[11, '2027-12-31'], [11, '2027-12-31']]);
	});

	it('in a news report, carry on no year of a sentence reporting results', () => {
		// 数字家庭实施意见 (新华社 style): the year of a statistic is no deadline.
		const { targets } = extractPlan(
			['方案提出，到2027年，全国新建智能家庭1000万户。', '据统计，2024年全国数字家庭市场规模已达5000亿元，同比增长15%。', '下一步将会同有关部门，组织实施100个试点项目。'].join('\n')
		);
		expect(targets.map((t) => [t.value, t.deadline])).toEqual([[1000, '2027-12-31'], [100, '2027-12-31']]);
	});

	it('continue a target with the verbless parts after it in its sentence, in the same unit', () => {
		// 湖北生物医药实施意见 (财联社): no heading of goals, only "提出的目标是，2027年，".
		const { targets } = extractPlan('财联社电，其中，提出的目标是，2027年，培育营业收入超500亿元企业1家，超100亿元企业3-5家，超50亿元企业8家。');
		expect(targets.map((t) => [t.value, t.max, t.unit, t.deadline, t.kind])).toEqual([
			[1, null, '家', '2027-12-31', 'new_since_baseline'],
			[3, 5, '家', '2027-12-31', 'new_since_baseline'],
			[8, null, '家', '2027-12-31', 'new_since_baseline']
		]);
	});

	it('drop a news headline that repeats a target of the text', () => {
		// 苏州日报: the headline above the report of the 光子产业 action plan.
		const { targets } = extractPlan(['力争2025年光子产业规模超5000亿元', '苏报讯 昨天，市政府召开常务会议。到2025年，力争全市光子产业规模超5000亿元，其中核心产业规模超1000亿元。'].join('\n'));
		expect(targets.map((t) => t.quote)).toEqual(['力争全市光子产业规模超5000亿元', '核心产业规模超1000亿元']);
	});

	it('give a table row whose target column has no year the plan\'s end', () => {
		const { targets } = extractPlan(['泸州市“十四五”生态环境保护规划', '一、主要目标', '表1 主要指标', '指标\t单位\t现状值（2020年）\t目标值\t属性', '森林覆盖率\t%\t50.2\t51\t约束性', '二、任务'].join('\n'));
		expect(targets.map((t) => [t.value, t.deadline, t.deadlineBasis])).toEqual([[51, '2025-12-31', 'plan_period']]);
	});

	it('read money the plan puts in as an act', () => {
		// 浙江2025年国民经济和社会发展计划 (宁波广电网).
		const { targets } = extractPlan(['浙江省政府下达2025年国民经济和社会发展计划', '安排省级财政资金1042.8亿元，供应建设用地35万亩以上。'].join('\n'));
		expect(targets.map((t) => [t.value, t.unit, t.comparator, t.kind, t.deadline])).toEqual([
			[1042.8, '亿元', '=', 'act', '2025-12-31'],
			[35, '万亩', '>=', 'level', '2025-12-31']
		]);
	});

	it('take the year of a heading of tasks', () => {
		const { targets } = extractPlan(['二、2025年主要任务', '一般公共预算收入增长5%。'].join('\n'));
		expect(targets[0]).toMatchObject({ deadline: '2025-12-31' });
	});
});

const FACTS: Array<[what: string, sentence: string, kind: string]> = [
	['support cap 最高', '按照规定给予每个项目年度贴息金额最高1000万元支持。', 'support_cap'],
	['support cap 给予', '对进入特别审查程序的产品，按照规定给予最高300万元支持。', 'support_cap'],
	['support rate 不超过…的', '按照规定对不同阶段择优给予不超过研发投入的40%支持。', 'support_rate'],
	['support rate 按…的X%给予', '按设备投资额的30%给予补贴。', 'support_rate'],
	['rate of an interest subsidy', '贷款贴息比例不超过50%。', 'support_rate'],
	['yearly cap', '每个单位每年累计支持金额不超过50万元。', 'support_cap'],
	['threshold 以上的', '对于首付款1亿元以上的海外权益许可交易，给予奖励。', 'threshold'],
	['threshold 超过…的', '对年营收超过1亿元的企业给予奖励。', 'threshold'],
	['a list of thresholds', '对年主营业务收入首次突破10亿元、50亿元、100亿元的企业，分别给予50万元、100万元、200万元奖励。', 'threshold'],
	['past year', '2022年，全市生物医药产业规模达到8000亿元。', 'past_achievement'],
	['已', '全市已建成5G基站6.5万个。', 'past_achievement'],
	['已将', '截至目前，已将5个项目纳入国家库。', 'past_achievement'],
	// 国民健康规划 (香港01, dev3 cn-gmjk-2025): a span of years that ended.
	['a past span', '中国人均预期寿命在2015年至2020年，从76.34岁提高至77.93岁。', 'past_achievement'],
	['同比', '工业投资同比增长12%。', 'past_achievement'],
	['the previous five-year plan', '“十三五”时期，全国累计建成5G基站71.8万个。', 'past_achievement'],
	// 天津绿色低碳发展 (news): "…以来，" opens a report that runs past ；.
	['以来 across ；', '“十四五”以来，天津可再生能源装机规模达到411万千瓦；PM2.5年均浓度累计下降22.9%。', 'past_achievement'],
	['a baseline 在…的基础上', '天津市规模以上工业单位增加值能耗在“十三五”下降16%的基础上，继续推进节能。', 'other'],
	['the document describing itself', '《方案》系统谋划了发展方式绿色转型、污染治理等5方面24项重点任务。', 'other'],
	// 安徽 (news): a ranking reports a result.
	['a ranking', '全年增长9%、高于全国3.9个百分点，居全国第6位、较上年前移3位。', 'past_achievement']
];

describe('facts', () => {
	it('reads 突破发展 as a way of developing, not as exceeding a number', () => {
		// 青岛创新型产业体系 (dev3 qd-cxcy-2027).
		expect(extract('突破发展5个新兴产业，包括生命健康、低空经济等产业。', '主攻方向').targets).toEqual([]);
	});

	it('reads 实施 N项…工程 with the projects\' size between verb and count', () => {
		// 五莲县2013年政府工作报告 (dev3 rz-wl-2013).
		expect(extract('年内实施总投资35亿元的80项城建重点工程。', '重点工作').targets.map((t) => [t.value, t.unit])).toEqual([[80, '项']]);
	});

	it.each(FACTS)('%s: %s', (_what, sentence, kind) => {
		const { targets, facts } = extract(sentence, '政策措施');
		expect(targets).toEqual([]);
		expect(facts.map((f) => f.kind)).toContain(kind);
		for (const fact of facts) expect(sentence).toContain(fact.quote);
	});

	it.each([
		'生物医药产业是上海三大先导产业之一，也是浦东六大“硬核产业”之一。',
		'深入贯彻总书记在浦东开发开放30周年庆祝大会上的讲话精神。',
		'坚持“四个论英雄”，建立协调解决“4个100”问题清单制度。',
		'推出了8大方面37条政策举措。',
		'根据《国务院关于印发“十四五”数字经济发展规划的通知》（国发〔2021〕29号）。',
		'推动第三轮临床技能与临床创新三年行动计划，加快一批项目建设。'
	])('no number of «%s» is a target', (sentence) => {
		expect(extract(sentence, '政策措施').targets).toEqual([]);
	});
});

describe('sections that review the past', () => {
	it('turn their numbers into facts', () => {
		const { targets, facts } = extract('全市数字经济核心产业增加值达到5000亿元，新增上市企业20家。', '发展现状和形势');
		expect(targets).toEqual([]);
		expect(facts.map((f) => f.kind)).toEqual(['past_achievement', 'past_achievement']);
	});
});

describe('deadlines', () => {
	it('takes the year of a heading paragraph for the list under it', () => {
		const { targets } = extractPlan(
			['测试行动方案（2022-2026年）', '一、目标', '（一）行动目标', '到2024年底，创新引擎功能更趋强化。', '1.产业规模大幅增长。产业规模达到4000亿元。'].join('\n')
		);
		expect(targets[0]).toMatchObject({ deadline: '2024-12-31', deadlineBasis: 'stated' });
	});

	it('gives "——" bullets the year of the paragraph they elaborate', () => {
		const { targets } = extractPlan(
			['“十四五”数字经济发展规划', '一、发展目标', '到2024年，数字经济迈向全面扩展期。', '——产业数字化转型迈上新台阶。工业互联网平台应用普及率达到45%。'].join('\n')
		);
		expect(targets[0]).toMatchObject({ value: 45, deadline: '2024-12-31', deadlineBasis: 'stated' });
	});

	it('does not carry the deadline of one act to the next sentence', () => {
		const { targets } = extract('2024年底前出台实施细则。将审评时限压缩至60个工作日。', '政策措施');
		expect(targets[0]).toMatchObject({ value: 60, deadline: '2025-12-31', deadlineBasis: 'plan_period' });
	});

	it('dates goals stated before their date by the scope phrase closing their paragraph', () => {
		// 青岛市构建创新型产业体系 (发布会, dev3 qd-cxcy-2027).
		const { targets } = extractPlan(
			['青岛市构建创新型产业体系的目标是，实现全社会研发经费总量年均增长10%以上，规上高技术制造业增加值年均增长15%左右。到2027年，创新型产业体系建设取得明显成效。'].join('\n')
		);
		expect(targets.map((t) => [t.value, t.deadline])).toEqual([[10, '2027-12-31'], [15, '2027-12-31']]);
	});

	it('pairs a list of years with the values after 分别, and reads a year after 明确', () => {
		// 贵安新区规划 (央广网, dev3 gz-ga-2025).
		const { targets } = extractPlan(['明确2017年、2020年、2025年新区绿化覆盖率分别提高到50%、60%、65%。明确2025年城镇绿色建筑比例达到95%以上。'].join('\n'));
		expect(targets.map((t) => [t.value, t.deadline])).toEqual([[50, '2017-12-31'], [60, '2020-12-31'], [65, '2025-12-31'], [95, '2025-12-31']]);
	});

	it('carries a scope phrase to the sentences after it', () => {
		const { targets } = extract('到2024年，形成完善的产业体系。产业规模达到4000亿元。');
		expect(targets[0]).toMatchObject({ value: 4000, deadline: '2024-12-31', deadlineBasis: 'stated' });
	});

	it('falls back to the plan period, then to null', () => {
		expect(extract('推出500万平方米标准化厂房。').targets[0]).toMatchObject({ deadline: '2025-12-31', deadlineBasis: 'plan_period' });
		const { targets } = extractPlan(['关于支持产业发展的若干意见', '一、措施', '推出500万平方米标准化厂房。'].join('\n'));
		expect(targets[0]).toMatchObject({ deadline: null, deadlineBasis: null });
	});
});

describe('findMentions', () => {
	it.each([
		['2022年1月14日', []],
		['三年行动计划', []],
		['2025年底', []],
		['第三轮', []],
		['30周年', []],
		['50亿级企业5家', [[5, '家']]],
		['2551.7万吨', [[2551.7, '万吨']]],
		['4,000亿元', [[4000, '亿元']]],
		// 福州卫生健康规划: per thousand people is a denominator.
		['千人均注册护士力争达到4.1人', [[4.1, '人']]],
		// 四川“十三五”环境保护规划: the years a change is measured over.
		['细颗粒物未达标城市年均浓度5年下降18%', [[18, '%']]],
		// 可再生能源替代行动 (dev3 cn-kzsny-2030): 标煤 is short for 标准煤.
		['2025年全国可再生能源消费量达到11亿吨标煤以上', [[11, '亿吨标煤']]]
	])('%s', (text, mentions) => {
		expect(findMentions(text).map((m) => [m.value, m.unit])).toEqual(mentions);
	});
});

describe('work reports', () => {
	it('read 同比 and 预计 under a lead-in of goals as the growth expected', () => {
		// 天津市红桥区2025年政府工作报告.
		const { targets } = extractPlan(['二、2025年工作安排', '2025年全区经济社会发展的主要预期目标是：预计地区生产总值同比增长5.5%左右，固定资产投资同比增长6%。'].join('\n'));
		expect(targets.map((t) => [t.value, t.comparator, t.deadline])).toEqual([[5.5, '=', '2025-12-31'], [6, '>=', '2025-12-31']]);
	});

	it('read 比上年 and 同比 under a heading of goals as the growth expected', () => {
		const { targets, facts } = extractPlan(['某市2025年国民经济和社会发展计划', '一、2024年计划执行情况', '全市地区生产总值比上年增长5.8%。', '二、2025年经济社会发展主要预期目标', '地区生产总值比上年增长6%左右；', '一般公共预算收入同比增长5%。'].join('\n'));
		expect(targets.map((t) => [t.value, t.deadline])).toEqual([[6, '2025-12-31'], [5, '2025-12-31']]);
		expect(facts.filter((f) => f.kind === 'past_achievement').map((f) => f.value)).toEqual([5.8]);
	});

	it('report results under a heading of results until a heading of goals', () => {
		// 湖北省2025年政府工作报告摘要 (长江日报).
		const { targets, facts } = extractPlan(['2024年成绩单', '预计全省地区生产总值增长6%左右', '粮食总产达到557亿斤', '2025年经济社会发展的主要预期目标', '经济增长6%左右', '粮食产量继续保持500亿斤以上'].join('\n'));
		expect(targets.map((t) => t.value)).toEqual([6, 500]);
		expect(facts.filter((f) => f.kind === 'past_achievement').map((f) => f.value)).toEqual([6, 557]);
	});

	it('report the year before the year they name and commit to that year', () => {
		const { targets, facts } = extractPlan(
			['一、2024年工作回顾', '2024年，全市地区生产总值增长5.8%。', '二、2025年主要预期目标', '2025年，地区生产总值增长6%左右，去年新增城镇就业12万人。'].join('\n')
		);
		expect(targets.map((t) => [t.value, t.deadline])).toEqual([[6, '2025-12-31']]);
		expect(facts.filter((f) => f.kind === 'past_achievement').map((f) => f.value)).toEqual([5.8, 12]);
	});

	it('report the past year that opens a paragraph in its later sentences too', () => {
		// 湖南省2025年国民经济和社会发展计划 (dev3 hn-jh-2025).
		const { targets, facts } = extractPlan(
			['湖南省2025年国民经济和社会发展计划', '2024年，我省坚持稳中求进，经济运行总体平稳。全年地区生产总值增长4.8%、总量达5.3万亿元，规模工业增加值增长7.3%、高于全国1.5个百分点。', '2025年经济社会发展主要预期目标是：地区生产总值增长5.5%左右。'].join('\n')
		);
		expect(targets.map((t) => [t.value, t.deadline])).toEqual([[5.5, '2025-12-31']]);
		expect(facts.filter((f) => f.kind === 'past_achievement').map((f) => f.value)).toEqual([4.8, 5.3, 7.3, 1.5]);
	});

	it('date a news copy of a work report by the year the government will act in', () => {
		// 山西省2026年政府工作报告 (中新社, dev3 sx-gzbg-2026).
		const { targets } = extractPlan(
			['山西省省长在作政府工作报告时表示，2025年，山西规上原煤产量13.05亿吨，增长2.1%。新能源和清洁能源装机容量达到9048万千瓦，占比55.1%。', '2026年，山西将推动能源转型全面提速：煤炭产量稳定在13亿吨左右。'].join('\n')
		);
		expect(targets.map((t) => [t.value, t.deadline])).toEqual([[13, '2026-12-31']]);
	});

	it('report the parts after ； of a sentence about a past year', () => {
		// 五莲县2013年政府工作报告 (news, dev3 rz-wl-2013).
		const { targets, facts } = extractPlan(
			['五莲县2013年政府工作报告', '经初步预计，五莲县2012年全年实现生产总值163亿元，比上年增长13%；农民人均纯收入和城镇居民人均可支配收入分别达到9807元和18817元，分别增长18%和16.5%。', '今年主要预期目标是：生产总值增长11%以上。'].join('\n')
		);
		expect(targets.map((t) => t.value)).toEqual([11]);
		expect(facts.filter((f) => f.kind === 'past_achievement').map((f) => f.value)).toEqual([163, 13, 9807, 18817, 18, 16.5]);
	});

	it('read what a paragraph opened on the plan\'s year with 将 sets out, and a past year after 提到', () => {
		// 山西 and 西藏 2026 work reports (中新社, dev3 sx-gzbg-2026, xz-gzbg-2026).
		const { targets, facts } = extractPlan(
			['主席在向大会作政府工作报告时提到，2025年全区环境空气质量优良天数比例保持99%以上。', '2026年，山西将推动能源转型全面提速：安排风电光伏装机规模3000万千瓦、并网2000万千瓦。'].join('\n')
		);
		expect(targets.map((t) => [t.value, t.comparator, t.kind, t.deadline])).toEqual([[3000, '=', 'act', '2026-12-31'], [2000, '>=', 'level', '2026-12-31']]);
		expect(facts.filter((f) => f.kind === 'past_achievement').map((f) => f.value)).toEqual([99]);
	});

	it('judge the past against the title\'s period before a year set out alone', () => {
		const { targets } = extractPlan(['测试产业行动方案（2023-2025年）', '一、主要目标', '2025年', '2024年，产业规模达到3000亿元。'].join('\n'));
		expect(targets.map((t) => [t.value, t.deadline])).toEqual([[3000, '2024-12-31']]);
	});

	it('report the five-year period past that opens a paragraph', () => {
		const { targets, facts } = extractPlan(
			['省长在作政府工作报告时表示，“十四五”期间，山西加速推进能源体系绿色转型。五年间，累计生产原煤65亿吨；智能化煤矿达到400座。', '2026年，山西将推动能源转型全面提速：新建60座智能化煤矿。'].join('\n')
		);
		expect(targets.map((t) => t.value)).toEqual([60]);
		expect(facts.filter((f) => f.kind === 'past_achievement').map((f) => f.value)).toEqual([65, 400]);
	});
});
