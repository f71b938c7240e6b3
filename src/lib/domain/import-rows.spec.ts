import { describe, expect, it } from 'vitest';
import { checkRows, figureKey, readHeader, type CurrentFigure } from './import-rows';

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
		[figureKey('pd.scale', '2023-01-01', '2023-12-31', 'period'), { observationId: 7, version: 2, value: 3800, provenance: 'official', sourceId: 'src-a' }]
	]);
	const context = {
		indicators: new Map([['pd.scale', { unit: '亿元', frequency: 'year' as const }]]),
		sources: new Set(['src-a']),
		current: (key: string) => current.get(key)
	};

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
