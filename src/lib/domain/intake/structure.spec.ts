import { describe, expect, it } from 'vitest';
import { annualYearEnd, fiveYearPlanEnd, periodEndOf, readDate, readHeader, readLabel, readPortalFields, readUnits, readValidity, splitPlanClauses } from './structure';

describe('readHeader', () => {
	const pudong = [
		'浦东新区人民政府办公室关于印发《浦东新区生物医药产业高质量发展行动方案（2022-2024年）》的通知',
		'浦府办〔2022〕2号',
		'区政府各委、办、局，各管理局（管委会），各直属企业，各街道办事处、镇政府：',
		'《浦东新区生物医药产业高质量发展行动方案（2022-2024年）》已经区政府同意，现印发给你们，请认真按照执行。',
		'2022年1月14日',
		'浦东新区生物医药产业高质量发展行动方案（2022-2024年）',
		'生物医药产业是上海贯彻落实习近平总书记要求……特制定本行动方案。',
		'一、总体要求'
	];

	it('takes the transmitted plan as the title and the notice sender as the issuer', () => {
		const header = readHeader(pudong);
		expect(header).toMatchObject({
			title: '浦东新区生物医药产业高质量发展行动方案（2022-2024年）',
			issuer: '浦东新区人民政府办公室',
			docNumber: '浦府办〔2022〕2号',
			issued: '2022-01-14',
			effectiveFrom: '2022-01-14',
			effectiveTo: '2024-12-31',
			titleLine: 5
		});
	});

	it('skips a news headline and takes the issuer from the signature', () => {
		const header = readHeader([
			'8大方面37条详尽举措！上海瞄准细胞治疗、再生医学新赛道，着力支持生物医药产业全链条创新发展',
			'上海市人民政府办公厅关于支持生物医药产业全链条创新发展的若干意见',
			'各区人民政府，市政府各委、办、局：',
			'一、大力提升创新策源能力',
			'本意见自2024年8月1日起实施，有效期至2029年7月31日。',
			'上海市人民政府办公厅',
			'2024年7月15日'
		]);
		expect(header).toMatchObject({
			title: '上海市人民政府办公厅关于支持生物医药产业全链条创新发展的若干意见',
			issuer: '上海市人民政府办公厅',
			docNumber: null,
			issued: '2024-07-15',
			effectiveFrom: '2024-08-01',
			effectiveTo: '2029-07-31'
		});
	});

	it('reads a transmittal without 《》 and joint issuers', () => {
		const header = readHeader([
			'成都市发展和改革委员会 成都市规划和自然资源局 关于印发成都市城市社区嵌入式服务设施建设工程实施方案的通知',
			'一、主要目标'
		]);
		expect(header).toMatchObject({ title: '成都市城市社区嵌入式服务设施建设工程实施方案', issuer: '成都市发展和改革委员会、成都市规划和自然资源局' });
	});

	it('joins an edition on the line after the title and ends the plan with that year', () => {
		const header = readHeader(['湖州市人民政府', '2025年3月14日', '关于推动经济高质量发展若干政策', '（2025年版）', '一、推进教育科技人才一体发展']);
		expect(header).toMatchObject({ title: '关于推动经济高质量发展若干政策（2025年版）', titleLine: 3, issuer: '湖州市人民政府', effectiveTo: '2025-12-31' });
	});

	it.each([
		['沪府办规〔2024〕10号', '沪府办规〔2024〕10号'],
		['国发[2021]33号', '国发〔2021〕33号'],
		['苏政办发［2022］5号', '苏政办发〔2022〕5号'],
		['京政发（2023）8号', '京政发〔2023〕8号']
	])('reads the document number %s', (line, docNumber) => {
		expect(readHeader(['某某实施方案', line, '一、目标']).docNumber).toBe(docNumber);
	});
});

describe('portal metadata', () => {
	it('reads name, issuer and date cells of a portal block', () => {
		expect(
			readPortalFields([
				'5. [成文日期] 2024-05-15',
				'发布机构： | 区政府办公室 | 发文日期： | 2024-10-10 |',
				'名称： 泾县人民政府关于分解落实政府工作报告目标任务的通知 文号： 泾政〔2023〕1号'
			])
		).toEqual({ issued: '2024-05-15', issuer: '区政府办公室', title: '泾县人民政府关于分解落实政府工作报告目标任务的通知 文号： 泾政〔2023〕1号' });
	});

	it('takes the document number from a 文号 cell however long the line', () => {
		const header = readHeader(['名称： 泾县人民政府关于分解落实政府工作报告目标任务的通知 文号： 泾政〔2023〕1号', '一、细化任务抓落实。']);
		expect(header.docNumber).toBe('泾政〔2023〕1号');
	});
});

describe('annual plans', () => {
	it.each([
		[['二、2025年主要任务'], '2025-12-31'],
		[['2023年经济社会发展主要目标'], '2023-12-31'],
		[['2026年广州市经济社会发展的主要预期目标是：地区生产总值增长5%左右'], '2026-12-31'],
		[['一、总体要求'], null],
		// 浙江 2025 plan notice (宁波广电网): the year stands mid-line in the headline.
		[['手机版', '浙江省政府下达2025年国民经济和社会发展计划'], '2025-12-31'],
		// 成都 plan report: the year reviewed is not the plan's year.
		[['关于成都市2023年国民经济和社会发展计划执行情况及2024年国民经济和社会发展计划草案的报告', '一、2023年国民经济和社会发展计划执行情况'], '2024-12-31'],
		[['一、2023年国民经济和社会发展计划执行情况', '二、2024年国民经济和社会发展的主要任务'], '2024-12-31'],
		// 武汉 work report news (dev3 wh-gzbg-2025): 重点工作 names the year planned.
		[['报告回顾了2024年工作，提出了2025年重点工作'], '2025-12-31'],
		// 胶州 2025 work targets (dev3 qd-jz-2025): a bare year under a heading of goals.
		[['（一）工作目标', '产业发展目标', '2025年', '全市地区生产总值增长5.6%'], '2025-12-31'],
		// 山西 work report news (dev3 sx-gzbg-2026): the year the government "will" act in.
		[['山西省省长卢东亮在作政府工作报告时表示，2025年，山西规上原煤产量13.05亿吨，增长2.1%。', '2026年，山西将推动能源转型全面提速：煤炭产量稳定在13亿吨左右'], '2026-12-31'],
		[['2025年，山西将推动能源转型全面提速'], null]
	])('%j -> %s', (lines, end) => {
		expect(annualYearEnd(lines)).toBe(end);
	});
});

describe('fiveYearPlanEnd', () => {
	it.each([
		// 邯郸 education plan, page cut before its title: the table names the period.
		[['服务社会，群众满意。', '“十四五”教育事业发展主要指标表'], '2025-12-31'],
		[['日前，市政府出台《福州市“十四五”卫生健康事业发展专项规划》。'], '2025-12-31'],
		// 天津 (news): "“十四五”以来" and "在“十三五”…的基础上" name no plan of this text.
		[['“十四五”以来，天津可再生能源装机规模达到411万千瓦。', '在“十三五”下降16%的基础上'], null],
		[['“十三五”规划目标全面完成，“十四五”规划开局良好。'], null],
		// 十五五规划纲要（草案） (新华社 in an e-paper): the plan written out.
		[['国务院编制了《中华人民共和国国民经济和社会发展第十五个五年规划纲要（草案）》，提交大会审查。'], '2030-12-31'],
		// 2024 government work report (新华社, dev3 cn-gzbg-2024): a plan the targets align with.
		[['经济增长预期目标为5%左右，并与“十四五”规划和基本实现现代化的目标相衔接。'], null]
	])('%j -> %s', (lines, end) => {
		expect(fiveYearPlanEnd(lines)).toBe(end);
	});
});

describe('dates and validity', () => {
	it.each([
		['2022年1月14日', '2022-01-14'],
		['二〇二三年十二月三十一日', '2023-12-31'],
		['2022年13月1日', null],
		['2022年1月', null]
	])('readDate(%s) -> %s', (text, date) => {
		expect(readDate(text)).toBe(date);
	});

	it.each([
		['本意见自2024年8月1日起实施，有效期至2029年7月31日。', null, { from: '2024-08-01', to: '2029-07-31' }],
		['本办法自2023年3月1日起施行，有效期5年。', null, { from: '2023-03-01', to: '2028-02-29' }],
		['本方案自印发之日起施行，有效期至2025年12月31日。', '2023-06-02', { from: '2023-06-02', to: '2025-12-31' }],
		['本措施自印发之日起实施，有效期为三年。', '2024-01-10', { from: '2024-01-10', to: '2027-01-09' }],
		['各区要抓好落实。', null, { from: null, to: null }]
	])('%s', (text, issued, validity) => {
		expect(readValidity(text, issued)).toEqual(validity);
	});

	it.each([
		['浦东新区生物医药产业高质量发展行动方案（2022-2024年）', '2024-12-31'],
		['上海市促进智能终端产业高质量发展行动方案（2025—2027年）', '2027-12-31'],
		['2024年全市节能减排工作要点', '2024-12-31'],
		['江苏省“十四五”制造业高质量发展规划', '2025-12-31'],
		['关于支持生物医药产业全链条创新发展的若干意见', null]
	])('periodEndOf(%s) -> %s', (title, end) => {
		expect(periodEndOf(title)).toBe(end);
	});
});

describe('numbering labels', () => {
	it.each([
		['一、总体要求', 'cn', '一、'],
		['（二）行动目标', 'paren-cn', '（二）'],
		['1.创新能级显著提升。', 'arabic', '1.'],
		['2、加强组织领导', 'arabic', '2、'],
		['（3）完善机制', 'paren-arabic', '（3）'],
		['①建设平台', 'circled', '①'],
		['第三条 本办法所称…', 'article', '第三条'],
		['第二章 发展目标', 'chapter', '第二章']
	])('%s', (line, kind, label) => {
		expect(readLabel(line)).toMatchObject({ kind, label });
	});

	it.each(['2025年，产业规模达到4000亿元。', '1.5亿元用于…', '生物医药产业', '（9） |'])('%s is not numbered', (line) => {
		expect(readLabel(line)).toBeNull();
	});
});

describe('splitPlanClauses', () => {
	it('nests numbering styles in the order they appear, with a 前言 and an appendix', () => {
		const clauses = splitPlanClauses([
			'为加快发展，特制定本方案。',
			'一、总体要求',
			'（一）行动目标',
			'到2024年底，创新引擎功能更趋强化。',
			'1.创新能级显著提升。获批上市10个以上国产1类新药。',
			'2.产业规模大幅增长。',
			'（二）重点任务',
			'二、保障措施',
			'（一）加强组织领导。成立领导小组。（责任单位：区科经委、区发改委）',
			'附件',
			'任务分解表'
		]);
		expect(clauses.map((c) => c.path)).toEqual(['前言', '一、', '一、（一）', '一、（一）1.', '一、（一）2.', '一、（二）', '二、', '二、（一）', '附件']);
		expect(clauses[2]).toMatchObject({ heading: '行动目标', text: '行动目标\n到2024年底，创新引擎功能更趋强化。' });
		expect(clauses[3]).toMatchObject({ labels: ['一、', '（一）', '1.'], heading: '创新能级显著提升' });
		expect(clauses[7].units).toEqual(['区科经委', '区发改委']);
	});

	it('keeps an indicator table given cell by cell in one clause, its sections and numbered rows included', () => {
		// 邯郸“十四五”教育事业发展主要指标表: the header "指  标" / "2020年" / … stands one cell per line.
		const clauses = splitPlanClauses([
			'一、发展目标',
			'“十四五”教育事业发展主要指标表',
			'指 标', '2020年', '2025年', '属性',
			'一、发展水平', '1.学前教育毛入园率（%）', '99%', '99%以上', '约束性',
			'二、优质资源建设', '1.省市优质幼儿园比例（%）', '85.1%', '90%以上', '预期性',
			'二、主要任务',
			'（一）扩大学前教育资源。到2025年，新建幼儿园20所，持续提升普惠性幼儿园覆盖率。'
		]);
		expect(clauses.map((c) => c.path)).toEqual(['一、', '二、', '二、（一）']);
	});

	it('ends an indicator table at a heading followed by a numbered clause', () => {
		const clauses = splitPlanClauses(['一、发展目标', '指标\t2020年\t2025年\t属性', '1.森林覆盖率（%）\t23.2\t24.1\t约束性', '三、保障措施', '1.加强组织领导', '成立工作专班，统筹推进规划实施。']);
		expect(clauses.map((c) => c.path)).toEqual(['一、', '三、', '三、1.']);
	});

	it('puts closing paragraphs about the document itself in 附则', () => {
		const clauses = splitPlanClauses(['一、措施', '（一）加强支持。', '本意见自2024年8月1日起实施。']);
		expect(clauses.at(-1)).toMatchObject({ path: '附则', text: '本意见自2024年8月1日起实施。' });
	});

	it('reads 第X章 and 第X条 as nested levels', () => {
		const clauses = splitPlanClauses(['第一章 总则', '第一条 为了…制定本办法。', '第二条 本办法适用于…', '第二章 目标', '第三条 到2025年…']);
		expect(clauses.map((c) => c.path)).toEqual(['第一章', '第一章第一条', '第一章第二条', '第二章', '第二章第三条']);
	});
});

describe('readUnits', () => {
	it.each([
		['推进临床研究中心建设。（责任单位：市卫生健康委、申康医院发展中心、市发展改革委）', ['市卫生健康委', '申康医院发展中心', '市发展改革委']],
		['牵头单位：市经济信息化委；配合单位：市发展改革委、市财政局等', ['市经济信息化委', '市发展改革委', '市财政局']],
		['（牵头部门：区科经委，配合部门：区金融局）', ['区科经委', '区金融局']],
		['梳理筛选项目，常态化向民间资本推介。（省发展改革委牵头负责）', ['省发展改革委']],
		['一、强化科技创新（区科技局牵头）', ['区科技局']],
		['（省发展改革委、交通运输厅、水利厅等省有关部门按职责分工负责）', ['省发展改革委', '交通运输厅', '水利厅']],
		['加强组织领导。', []]
	])('%s', (text, units) => {
		expect(readUnits(text)).toEqual(units);
	});
});
