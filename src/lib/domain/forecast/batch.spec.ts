import { describe, expect, it } from 'vitest';
import { runBatch, runBatchText } from './batch';

const good = { horizon: 3, levels: [80, 95], series: [{ id: 'a', start: 2016, frequency: 'year', values: [1, 2, 3, 5, 6, 8] }] };

function message(input: unknown): string {
	const outcome = typeof input === 'string' ? runBatchText(input) : runBatch(input);
	if (outcome.ok) throw new Error('expected a failure');
	return outcome.message;
}

describe('batch forecast contract', () => {
	it('returns one result per series with mean and intervals per level', () => {
		const outcome = runBatch({ ...good, series: [...good.series, { id: 'b', start: '2020-01', frequency: 'month', values: [5, 5, 6, 7] }] });
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(outcome.results.map((r) => r.id)).toEqual(['a', 'b']);
		const a = outcome.results[0];
		expect(a.method).toMatch(/^auto/);
		expect(a.mean).toHaveLength(3);
		expect(Object.keys(a.intervals)).toEqual(['80', '95']);
		expect(a.intervals['95'].lower).toHaveLength(3);
	});

	it('answers a short series with no forecast and the reason', () => {
		const outcome = runBatch({ horizon: 2, series: [{ id: 's', start: 2020, frequency: 'year', values: [1, 2] }] });
		expect(outcome.ok && outcome.results[0]).toMatchObject({ id: 's', method: null, mean: [], reason: expect.stringMatching(/at least 3/) });
	});

	it('names the field for bad requests', () => {
		expect(message({ ...good, horizon: -1 })).toBe('horizon must be at least 1');
		expect(message({ ...good, horizon: 1.5 })).toBe('horizon must be a whole number of periods');
		expect(message({ series: good.series })).toMatch(/^horizon /);
		expect(message({ ...good, levels: [80, 120] })).toMatch(/^levels\[1\] must be between 0 and 100/);
		expect(message({ ...good, series: [] })).toBe('series must contain at least one series');
	});

	it('names the series and field for bad series', () => {
		const with_ = (patch: object) => ({ ...good, series: [good.series[0], { ...good.series[0], id: 'b', ...patch }] });
		expect(message(with_({ values: [1, 'x', 3] }))).toBe('series "b" (series[1]): values[1] must be a number');
		expect(message(with_({ values: [1, null, 3] }))).toBe('series "b" (series[1]): values[1] must be a number');
		expect(message(with_({ values: undefined }))).toMatch(/^series "b" \(series\[1\]\): values /);
		expect(message(with_({ frequency: 'weekly' }))).toBe('series "b" (series[1]): frequency must be one of year, half, quarter, month');
		expect(message(with_({ id: 'a' }))).toBe('series "a" (series[1]): id "a" is used by an earlier series');
		expect(message({ ...good, series: [{ start: 2016, frequency: 'year', values: [1, 2, 3] }] })).toMatch(/^series\[0\]: id /);
	});

	it('reports a bare NaN in the text at its series and value', () => {
		const text = '{"horizon":2,"series":[{"id":"x","start":2016,"frequency":"year","values":[1,NaN,3]}]}';
		expect(message(text)).toBe('series "x" (series[0]): values[1] is NaN, not a finite number');
		expect(message('{"horizon":2,')).toMatch(/^input is not valid JSON/);
	});
});
