import { describe, expect, it } from 'vitest';
import { chartStep, periodAxis, periodLabel, periodPosition, positionDate, type PeriodStep } from './period-axis';

describe('period placement', () => {
	it.each<[string, PeriodStep, number, string]>([
		// A figure dated at its period end stands on its own period, not on the next one.
		['2020-12-31', 12, 2020, '2020'],
		['2024-12-31', 12, 2024, '2024'],
		['2020-06-30', 6, 4040, '2020-H1'],
		['2020-12-31', 6, 4041, '2020-H2'],
		['2024-03-31', 3, 8096, '2024-Q1'],
		['2024-12-31', 3, 8099, '2024-Q4'],
		['2024-02-29', 1, 24289, '2024-02'],
		['2023-02-28', 1, 24277, '2023-02']
	])('%s with a step of %i months is at %i, labelled %s', (date, step, position, label) => {
		expect(periodPosition(date, step)).toBe(position);
		expect(periodLabel(position, step)).toBe(label);
		expect(positionDate(position, step)).toBe(date);
	});

	it('places dates within a period in proportion, so a half-year on an annual axis is half way', () => {
		expect(periodPosition('2024-06-30', 12)).toBe(2023.5);
		expect(periodPosition('2021-12-31', 6)).toBe(4043);
		expect(positionDate(2023.5, 12)).toBe('2024-06-30');
	});

	it('reads a chart step from the figures, ignoring partial ones and the baseline', () => {
		expect(chartStep([{ date: '2020-12-31', period: '2020' }, { date: '2021-12-31', period: '2021' }, { date: '2022-06-30', period: '2022-H1', partial: true }])).toBe(12);
		expect(chartStep([{ date: '2023-06-30', period: '2023-H1' }])).toBe(6);
		expect(chartStep([{ date: '2024-03-31', period: '2024-Q1' }, { date: '2024-06-30', period: '2024-Q2' }])).toBe(3);
		// Running totals or shares labelled otherwise: the months between figures.
		expect(chartStep([{ date: '2023-06-30', period: 'a' }, { date: '2023-12-31', period: 'b' }])).toBe(6);
		expect(chartStep([{ date: '2021-12-31', period: 'baseline', baseline: true }, { date: '2022-12-31', period: '2022' }])).toBe(12);
		expect(chartStep([])).toBe(12);
	});

	it('ticks whole periods only, with their labels, and widens the spacing on long spans', () => {
		const axis = periodAxis([2020, 2023.5, 2026], 12);
		expect(axis).toMatchObject({ type: 'value', min: 2020, max: 2026, interval: 1 });
		expect(axis.axisLabel.formatter(2020)).toBe('2020');
		expect(axis.axisLabel.formatter(2020.5)).toBe('');
		expect(axis.axisPointer.label.formatter({ value: 2023.5 })).toBe('2024-06-30');
		expect(periodAxis([2001, 2026], 12)).toMatchObject({ min: 2000, max: 2030, interval: 5 });
		// Quarters: ticks a year apart stay on Q1.
		const quarters = periodAxis([periodPosition('2019-03-31', 3), periodPosition('2026-12-31', 3)], 3);
		expect(quarters.interval).toBe(4);
		expect(quarters.axisLabel.formatter(quarters.min)).toBe('2019-Q1');
		// One figure: a tick either side.
		expect(periodAxis([2024], 12, 4)).toMatchObject({ min: 2023, max: 2025 });
	});
});
