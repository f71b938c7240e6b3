import { describe, expect, it } from 'vitest';
import type { ProgressTarget } from './progress';
import { escapAnticipatedProgress, unProgressChart } from './sdg-methods';

const scale: ProgressTarget = { comparator: '>=', value: 4000, maxValue: null, kind: 'level', deadline: '2024-12-31' };
const p = (date: string, value: number) => ({ date, value });

describe('UN progress chart', () => {
	it('projects the observed growth rate to the deadline and compares progress with the distance', () => {
		// 2000 -> 2600 in a year is +30%; two more years give 2600 * 1.3^2 = 4394, beyond 4000.
		const r = unProgressChart(scale, p('2021-12-31', 2000), p('2022-12-31', 2600));
		expect(r.projected).toBeCloseTo(4394, 6);
		expect(r.status).toBe('on_track');
		// 2000 -> 2200: 2200 * 1.1^2 = 2662, (2662-2000)/2000 = 33% of the way: limited progress.
		const slow = unProgressChart(scale, p('2021-12-31', 2000), p('2022-12-31', 2200));
		expect(slow.share).toBeCloseTo(0.331, 3);
		expect(slow.status).toBe('limited_progress');
	});

	it('works for durations where lower is better, linearly', () => {
		const duration: ProgressTarget = { comparator: '<=', value: 3, maxValue: null, kind: 'duration', deadline: '2026-12-31' };
		// 6 -> 5 weeks in a year; two more years reach 3: exactly the distance.
		expect(unProgressChart(duration, p('2023-12-31', 6), p('2024-12-31', 5)).status).toBe('on_track');
		expect(unProgressChart(duration, p('2023-12-31', 6), p('2024-12-31', 7)).status).toBe('deterioration');
	});
});

describe('ESCAP anticipated progress', () => {
	it('weights recent years more: a recent acceleration counts more than an old stall', () => {
		const target: ProgressTarget = { comparator: '>=', value: 20, maxValue: null, kind: 'new_since_baseline', deadline: '2026-12-31' };
		const points = [p('2021-12-31', 0), p('2022-12-31', 1), p('2023-12-31', 2), p('2024-12-31', 6), p('2025-12-31', 10)];
		const r = escapAnticipatedProgress(target, points, points[0]);
		// Unweighted least squares would give 12.2 by 2026; recency weighting lifts it.
		expect(r.projected!).toBeGreaterThan(12.2);
		expect(r.status).toBe('acceleration_needed');
		expect(r.share!).toBeGreaterThan(0);
	});

	it('says on track when the anticipated value meets the target, and deterioration when it moves away', () => {
		expect(escapAnticipatedProgress(scale, [p('2021-12-31', 2000), p('2022-12-31', 2600), p('2023-12-31', 3300)], p('2021-12-31', 2000)).status).toBe('on_track');
		expect(escapAnticipatedProgress(scale, [p('2021-12-31', 2000), p('2022-12-31', 1900), p('2023-12-31', 1800)], p('2021-12-31', 2000)).status).toBe('deterioration');
	});
});
