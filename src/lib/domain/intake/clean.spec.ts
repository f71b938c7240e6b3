import { describe, expect, it } from 'vitest';
import { cleanLine, cleanPlanText, dropLostCharacters, isPageNoise, stripHtml, toHalfWidth, toPrintPunctuation } from './clean';
import { toSimplified } from '../../server/intake/to-simplified';

const options = { toSimplified };

describe('cleaning a line of a web copy', () => {
	it.each([
		['traditional to simplified', '浦東新區生物醫藥產業', '浦东新区生物医药产业'],
		['mainland forms of 着', '著力打造', '着力打造'],
		['pinyin glosses', '繳費(fèi)及信息查詢', '缴费及信息查询'],
		['indent lost as ??', '??1.創新能級顯著提升', '1.创新能级显著提升'],
		['lone ? from a lost character', '參照?行。', '参照行。'],
		['full-width digits and %', '占比２０％', '占比20%'],
		['full-width decimal point', '增长６．５％', '增长6.5%'],
		['print punctuation', '規模(億元),達到4,000;', '规模（亿元），达到4,000；'],
		['unit symbols and Roman numerals stay', '新建100萬㎡廠房，Ⅰ期臨床試驗', '新建100万㎡厂房，Ⅰ期临床试验'],
		['full-width indent', '\u3000\u3000一、总体要求', '一、总体要求'],
		['English in parentheses stays', '2-3個全球首創產品(First-in-class)獲批上市', '2-3个全球首创产品（First-in-class）获批上市']
	])('%s', (_case, raw, clean) => {
		expect(cleanLine(raw, options)).toBe(clean);
	});

	it('keeps a "?" inside a URL', () => {
		expect(dropLostCharacters('见https://x.gov.cn/a?id=3')).toBe('见https://x.gov.cn/a?id=3');
	});

	it('turns ranges written with full-width signs into half-width', () => {
		expect(toHalfWidth('２～３个，８－１０家')).toBe('2~3个，8-10家');
	});

	it('keeps times and thousands separators', () => {
		expect(toPrintPunctuation('9:30开始,共4,000人')).toBe('9:30开始，共4,000人');
	});
});

describe('HTML left in the text', () => {
	it.each([
		['entities', '产业规模&nbsp;达到4000亿元&ldquo;十四五&rdquo;', '产业规模 达到4000亿元“十四五”'],
		['numeric entities', '&#20840;&#x56FD;', '全国'],
		['tags', '<p style="x">一、总体要求</p><br/>二、', '一、总体要求\n\n二、']
	])('%s', (_case, raw, clean) => {
		expect(stripHtml(raw)).toBe(clean);
	});
});

describe('page noise', () => {
	it.each(['字号：', '字号：【大 中 小】', '【大 中 小】', '打印', '关闭', '打印本页 关闭窗口', '上一篇：关于…', '责任编辑：张三', '来源：浦东新区政府', '首页 > 新闻资讯 > 正文', '2024-08-13 点击量：668', '• 无障碍', '• 长辈版', '发布日期： 2023-01-30 08:56', '[字体： ] 打印', '您现在所在的位置： 网站首页> 政府信息公开', '网站首页 > 行业动态 > 内蒙古：到2025年煤炭消费占全区能源消费总量比重下降至75%以下', '版面：第006版：乘势而上启新程 2026年全国两会特别报道·图解政府工作报告'])(
		'%s is noise',
		(line) => {
			expect(isPageNoise(line)).toBe(true);
		}
	);
	it.each(['一、总体要求', '来源于企业的创新成果', '关闭落后产能200万吨。'])('%s is text', (line) => {
		expect(isPageNoise(line)).toBe(false);
	});
});

describe('cleanPlanText', () => {
	it('stops where a news page starts listing other stories', () => {
		// 中国新闻网 report of 天津绿色低碳发展行动方案: links after a bare "关键词：".
		const raw = '到2027年底，公共充电桩总量达到4.2万台。（完）\n关键词：\n中交地产股东完成减持1.54%股份-当前热';
		expect(cleanPlanText(raw, options).lines).toEqual(['到2027年底，公共充电桩总量达到4.2万台。（完）']);
	});

	it('keeps a 关键词 line that carries words', () => {
		expect(cleanPlanText('关键词：创新举措 力争固定资产投资增长10%以上\n正文', options).lines).toHaveLength(2);
	});

	it('drops the title repeated above the document and keeps table cells that repeat in the body', () => {
		const raw = ['X行动方案', '字號:', 'X行动方案', '??一、總體要求', '區科經委', '1', '區科經委'].join('\n');
		expect(cleanPlanText(raw, options).lines).toEqual(['X行动方案', '一、总体要求', '区科经委', '1', '区科经委']);
	});

	it('keeps table cells that repeat before the body starts', () => {
		// An exam page quoting the 农业农村现代化 indicator table (dev3 cn-nyxdh-2025): 60 is a base and a target.
		const raw = ['农业科技进步贡献率(%) |', '60 |', '64 |', '[4] |', '农作物耕种收综合机械化率(%) |', '71 |', '75 |', '[4] |', '养老服务机构覆盖率(%) |', '54 |', '60 |'].join('\n');
		expect(cleanPlanText(raw, options).lines).toHaveLength(11);
	});

	it('joins the clean lines with newlines', () => {
		expect(cleanPlanText('一、目標\r\n\r\n到２０２５年', options).clean).toBe('一、目标\n到2025年');
	});
});
