import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { checkRows, figureKey, importVocabulary, readHeader, type CurrentFigure, type ImportLabels, type RowContext } from './import-rows';
import { LOCALES, OBSERVATION_BASES, OBSERVATION_FLAGS, PROVENANCES } from './plan';

/** The labels the pages show, from the real message catalogue in both languages. */
const labels: ImportLabels = (() => {
	const all = (key: string) => LOCALES.map((l) => translator(l)(key as 'basis.period'));
	return {
		basis: Object.fromEntries(OBSERVATION_BASES.map((b) => [b, all(`basis.${b}`)])) as ImportLabels['basis'],
		provenance: Object.fromEntries(PROVENANCES.map((p) => [p, all(`provenance.${p}`)])) as ImportLabels['provenance'],
		flags: Object.fromEntries(OBSERVATION_FLAGS.map((f) => [f, all(`flag.${f}`)])) as ImportLabels['flags']
	};
})();

const vocabulary = importVocabulary(
	[
		{ id: 'pd.scale', nameZh: '浦东生物医药产业规模', nameEn: 'Pudong biomedicine industry scale', unit: '亿元', frequency: 'year' },
		{ id: 'sh.class1-drugs', nameZh: '上海获批上市国产1类新药', nameEn: 'Shanghai domestic Class 1 new drugs approved', unit: '个', frequency: 'year' },
		// Two indicators of one name (e.g. the same measure in two scopes): the name alone cannot say which.
		{ id: 'x.scale-a', nameZh: '产业规模', nameEn: 'Industry scale', unit: '亿元', frequency: 'year' },
		{ id: 'x.scale-b', nameZh: '产业规模', nameEn: 'Industry scale (other scope)', unit: '亿元', frequency: 'year' }
	],
	[
		{ id: 'src-a', publisher: 'Pudong government', title: 'Release A', publishedOn: '2024-03-01', url: 'https://a.example.gov.cn/1' },
		{ id: 'kmwz-2025-04-10', publisher: 'China News Service via workercn; same figure by Xinhua', title: '浦东生物医药产业规模突破4100亿元', publishedOn: '2025-04-10', url: 'https://www.kmwz.net/news/NABwarYlMw.html' },
		{ id: 'twin-1', publisher: 'Twin', title: 'Same', publishedOn: '2024', url: 'https://twin.example/x' },
		{ id: 'twin-2', publisher: 'Twin', title: 'Same', publishedOn: '2024', url: 'https://twin.example/x' }
	],
	labels
);

function testContext(current: Map<string, CurrentFigure>, mayRecordIllustrative = true): RowContext {
	return { vocabulary, current: (key) => current.get(key), mayRecord: (p) => mayRecordIllustrative || p !== 'illustrative', today: '2026-12-01' };
}

describe('import header', () => {
	it('accepts Chinese or English headers in any order', () => {
		expect(readHeader(['数值', 'indicator', '时期', '数据性质', '来源']).columns).toEqual(['value', 'indicator', 'period', 'provenance', 'source']);
	});

	it('names an unknown header with a suggestion, and a missing required one', () => {
		const { issues } = readHeader(['indicator', 'period', 'vaule', 'provenance']);
		expect(issues).toEqual([
			{ row: 1, column: 'vaule', code: 'unknown_column', params: { header: 'vaule', position: '3', suggestion: 'value' } },
			{ row: 1, column: 'value', code: 'missing_column', params: { column: 'value' } }
		]);
	});
});

describe('import rows', () => {
	const columns = readHeader(['indicator', 'period', 'value', 'provenance', 'source', 'note']).columns;
	const current = new Map<string, CurrentFigure>([
		[figureKey('pd.scale', '2023-01-01', '2023-12-31', 'period'), { observationId: 7, version: 2, value: 3800, provenance: 'official', sourceId: 'src-a', flags: [], note: null }]
	]);
	const context = testContext(current);

	it('classifies rows as new, correction, unchanged or error, pinned to row and column', () => {
		const rows = checkRows(
			[
				['pd.scale', '2024', '4,100亿', 'official', 'src-a', ''],
				['pd.scale', '2023', '3800', 'official', 'src-a', ''],
				['pd.scale', '2023', '3900', 'official', 'src-a', ''],
				['', '', '', '', '', ''],
				['pd.scale', '2024-Q1', '40万', 'official', '', '<script>alert(1)</script>'],
				['pd.scale', '2024', '4200', 'official', 'src-a', ''],
				['pd.nothing', '2024', '=A1*2', 'estimate', '', '']
			],
			columns,
			context
		);
		expect(rows.map((r) => [r.row, r.status])).toEqual([
			[2, 'new'],
			[3, 'unchanged'],
			[4, 'error'],
			[6, 'error'],
			[7, 'error'],
			[8, 'error']
		]);
		expect(rows[0].figure?.value).toBe(4100);
		expect(rows[2].issues).toEqual([{ row: 4, column: 'period', code: 'duplicate_row', params: { row: '3' } }]);
		expect(rows[3].issues.map((i) => [i.column, i.code])).toEqual([
			['source', 'source_required'],
			['period', 'period_frequency'],
			['value', 'wrong_unit']
		]);
		// Script text is kept as text, to be shown escaped.
		expect(rows[3].cells.note).toBe('<script>alert(1)</script>');
		expect(rows[4].issues).toEqual([{ row: 7, column: 'period', code: 'duplicate_row', params: { row: '2' } }]);
		expect(rows[5].issues.map((i) => i.code)).toEqual(['formula', 'unknown_indicator']);
	});

	it('marks a changed value as a correction of the version seen', () => {
		const [row] = checkRows([['pd.scale', '2023', '3850', 'official', 'src-a', '']], columns, context);
		expect(row.status).toBe('correction');
		expect(row.figure?.replaces).toEqual({ observationId: 7, version: 2 });
	});
});

describe('import of what the pages show', () => {
	const scale2024 = figureKey('pd.scale', '2024-01-01', '2024-12-31', 'period');
	const ytd = figureKey('sh.class1-drugs', '2024-01-01', '2024-11-14', 'year_to_date');
	const current = new Map<string, CurrentFigure>([
		[scale2024, { observationId: 1, version: 1, value: 4100, provenance: 'official', sourceId: 'kmwz-2025-04-10', flags: ['conflicting_sources'], note: 'kept' }],
		[ytd, { observationId: 2, version: 3, value: 6, provenance: 'official', sourceId: 'src-a', flags: ['mirror_site'], note: null }]
	]);
	const exportHeader = (locale: 'zh' | 'en') =>
		locale === 'zh'
			? ['指标', '时期', '口径', '开始', '结束', '数值', '单位', '数据性质', '来源', '来源链接', '注记', '版本']
			: ['indicator', 'period', 'basis', 'start', 'end', 'value', 'unit', 'provenance', 'source', 'source link', 'flags', 'version'];
	const check = (header: string[], rows: string[][], mayRecordIllustrative = true) => checkRows(rows, readHeader(header).columns, testContext(current, mayRecordIllustrative));

	it.each([
		['zh', ['浦东生物医药产业规模', '2024', '当期', '2024-01-01', '2024-12-31', '4100', '亿元', '公开数据', 'China News Service via workercn; same figure by Xinhua: 浦东生物医药产业规模突破4100亿元 (2025-04-10)', 'https://www.kmwz.net/news/NABwarYlMw.html', '来源数据不一致', '1']],
		['en', ['Pudong biomedicine industry scale', '2024', 'period', '2024-01-01', '2024-12-31', '4100', '亿元', 'published', 'China News Service via workercn; same figure by Xinhua: 浦东生物医药产业规模突破4100亿元 (2025-04-10)', 'https://www.kmwz.net/news/NABwarYlMw.html', 'sources disagree', '1']]
	] as const)('reads a %s figures export row as the figure it shows: unchanged', (locale, row) => {
		expect(readHeader(exportHeader(locale)).issues).toEqual([]);
		const [checked] = check(exportHeader(locale), [[...row]]);
		expect(checked.issues).toEqual([]);
		expect(checked.status).toBe('unchanged');
		expect(checked.figure).toMatchObject({ indicatorId: 'pd.scale', basis: 'period', provenance: 'official', sourceId: 'kmwz-2025-04-10', flags: ['conflicting_sources'] });
	});

	it('reads names, labels and codes in either language, case and spaces aside', () => {
		const rows = check(
			['indicator', 'period', 'basis', 'value', 'provenance', 'source'],
			[
				['  pudong BIOMEDICINE industry   scale ', '2024', '当期', '4100', 'Published', 'kmwz-2025-04-10'],
				['浦东生物医药产业规模', '2021', 'period', '2700', '公开数据', 'https://www.kmwz.net/news/NABwarYlMw.html'],
				['pd.scale', '2020', 'Period', '2408', 'official', ''],
				['上海获批上市国产1类新药', '2023-01..10', '年内累计', '5', '估计值', ''],
				['Shanghai domestic Class 1 new drugs approved', '2022', 'running total', '9', 'estimate', ''],
				['pd.scale', '2019', '期末值', '2000', 'provisional', 'src-a']
			]
		);
		expect(rows.map((r) => [r.row, r.status, r.figure?.indicatorId, r.figure?.basis, r.figure?.provenance])).toEqual([
			[2, 'unchanged', 'pd.scale', 'period', 'official'],
			[3, 'new', 'pd.scale', 'period', 'official'],
			[4, 'error', undefined, undefined, undefined],
			[5, 'new', 'sh.class1-drugs', 'year_to_date', 'estimate'],
			[6, 'new', 'sh.class1-drugs', 'cumulative', 'estimate'],
			[7, 'new', 'pd.scale', 'point', 'provisional']
		]);
		// A link in the source column names its source too.
		expect(rows[1].figure?.sourceId).toBe('kmwz-2025-04-10');
		expect(rows[2].issues).toEqual([{ row: 4, column: 'source', code: 'source_required' }]);
		const [unknown] = check(['indicator', 'period', 'value', 'provenance', 'source'], [['pd.scale', '2020', '2408', 'official', 'https://no.such.example/x']]);
		expect(unknown.issues).toEqual([{ row: 2, column: 'source', code: 'unknown_source', params: { source: 'https://no.such.example/x' } }]);
		expect(rows[3].figure).toMatchObject({ period: '2023-01..10', periodEnd: '2023-10-31' });
	});

	it('refuses an ambiguous indicator name or source label, naming both ids', () => {
		const rows = check(
			['indicator', 'period', 'value', 'provenance', 'source'],
			[
				['产业规模', '2024', '1', 'estimate', ''],
				['Industry scale', '2024', '1', 'estimate', 'Twin: Same (2024)'],
				['x.scale-b', '2024', '1', 'estimate', 'twin-2']
			]
		);
		expect(rows[0].issues).toEqual([{ row: 2, column: 'indicator', code: 'ambiguous_indicator', params: { indicator: '产业规模', ids: 'x.scale-a, x.scale-b' } }]);
		// The English name is unique; the source label is not.
		expect(rows[1].issues).toEqual([{ row: 3, column: 'source', code: 'ambiguous_source', params: { source: 'Twin: Same (2024)', ids: 'twin-1, twin-2' } }]);
		expect(rows[2].status).toBe('new');
	});

	it('corrects exactly the edited row, keeping flags it lists and its version check', () => {
		const header = exportHeader('zh');
		const base = ['浦东生物医药产业规模', '2024', '当期', '2024-01-01', '2024-12-31', '4100', '亿元', '公开数据', 'kmwz-2025-04-10', '', '来源数据不一致', '1'];
		const [edited] = check(header, [base.map((c, i) => (i === 5 ? '4150' : c))]);
		expect(edited.status).toBe('correction');
		expect(edited.figure).toMatchObject({ value: 4150, flags: ['conflicting_sources'], note: 'kept', replaces: { observationId: 1, version: 1 } });
		// The file was exported at version 1; a figure corrected since (version 2) is not overwritten.
		const [stale] = check(header, [base.map((c, i) => (i === 5 ? '4150' : i === 11 ? '0' : c))]);
		expect(stale.issues.map((i) => i.code)).toEqual(['bad_version']);
		const staleCurrent = new Map(current).set(scale2024, { ...current.get(scale2024)!, version: 2 });
		const [moved] = checkRows([base.map((c, i) => (i === 5 ? '4150' : c))], readHeader(header).columns, testContext(staleCurrent));
		expect(moved.issues).toEqual([{ row: 2, column: 'version', code: 'changed_since_export', params: { version: '1', current: '2' } }]);
		// A flag removed in the file is a change too.
		expect(check(header, [base.map((c, i) => (i === 10 ? '' : c))])[0]).toMatchObject({ status: 'correction', figure: { flags: [] } });
		expect(check(header, [base.map((c, i) => (i === 10 ? '转载；不存在的注记' : c))])[0].issues).toEqual([{ row: 2, column: 'flags', code: 'unknown_flag', params: { flag: '不存在的注记' } }]);
	});

	it('takes the dates of an export for periods written as words, and refuses a period that disagrees with them', () => {
		const header = exportHeader('en');
		const [ytdRow] = check(header, [['sh.class1-drugs', '2024 (to mid-November)', 'year to date', '2024-01-01', '2024-11-14', '7', '个', 'published', 'src-a', '', 'mirror site', '3']]);
		expect(ytdRow).toMatchObject({ status: 'correction', figure: { period: '2024 (to mid-November)', periodEnd: '2024-11-14', value: 7, flags: ['mirror_site'] } });
		const [mismatch] = check(header, [['pd.scale', '2025', 'period', '2024-01-01', '2024-12-31', '4100', '亿元', 'published', 'src-a', '', '', '']]);
		expect(mismatch.issues).toEqual([{ row: 2, column: 'period', code: 'period_mismatch', params: { period: '2025', start: '2024-01-01', end: '2024-12-31' } }]);
		const [badDate] = check(header, [['pd.scale', '2024', 'period', '2024-02-30', '2024/12/31', '4100', '万元', 'published', 'src-a', '', '', '']]);
		expect(badDate.issues.map((i) => [i.column, i.code])).toEqual([
			['start', 'bad_date'],
			['unit', 'wrong_unit']
		]);
	});

	it('refuses illustrative rows that would write for non-admins, and warns of early periods and sources', () => {
		const header = ['indicator', 'period', 'value', 'provenance', 'source'];
		const rows = check(header, [['pd.scale', '2023', '1', '示意数据', ''], ['pd.scale', '2026', '4500', 'estimate', ''], ['pd.scale', '2022', '3300', 'official', 'kmwz-2025-04-10']], false);
		expect(rows[0].issues).toEqual([{ row: 2, column: 'provenance', code: 'illustrative_admin_only' }]);
		expect(rows[1]).toMatchObject({ status: 'new', warnings: ['period_not_ended'] });
		expect(rows[2]).toMatchObject({ status: 'new', warnings: [] });
		expect(check(header, [['pd.scale', '2023', '1', 'illustrative', '']], true)[0].status).toBe('new');
		const early = check(header, [['pd.scale', '2025', '4400', 'official', 'src-a']]);
		expect(early[0].warnings).toEqual(['source_before_period_end']);
	});

	it('says plainly that the explorer export lists targets, not figures', () => {
		expect(readHeader(['目标代码', '目标', '规划']).issues).toEqual([{ row: 1, column: null, code: 'explore_export' }]);
		expect(readHeader(['target id', 'target']).issues).toEqual([{ row: 1, column: null, code: 'explore_export' }]);
	});
});
