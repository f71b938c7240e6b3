import { describe, expect, it } from 'vitest';
import type { Comparator, Provenance, TargetKind } from './plan';
import type { ProgressStatus } from './progress';
import { isAtRisk, needsAttention, targetVerdict, verdictBasis, type VerdictFigure, type VerdictInput, type VerdictStatus } from './verdict';

const fig = (year: number, provenance: Provenance = 'official', extra: Partial<VerdictFigure> = {}): VerdictFigure => ({
	date: `${year}-12-31`,
	provenance,
	partial: false,
	baseline: false,
	...extra
});
const published = [fig(2021, 'official', { baseline: true }), fig(2022), fig(2023)];
const input = (pace: ProgressStatus, probability: number | null, over: Partial<VerdictInput> = {}): VerdictInput => ({
	target: { kind: 'level', comparator: '>=', deadline: '2025-12-31' },
	measure: 'stock',
	pace,
	probability,
	series: published,
	judgedDate: '2023-12-31',
	asOf: '2024-06-30',
	...over
});

describe('the verdict table: every pace class x probability band (>= 50%, < 50%, none)', () => {
	it.each([
		['achieved', 'achieved', 'achieved_may_slip', 'achieved'],
		['on_track', 'on_track', 'on_pace_forecast_short', 'on_track'],
		['acceleration_needed', 'behind_forecast_meets', 'acceleration_needed', 'acceleration_needed'],
		['limited_progress', 'behind_forecast_meets', 'limited_progress', 'limited_progress'],
		['deterioration', 'behind_forecast_meets', 'deterioration', 'deterioration'],
		['insufficient_data', 'insufficient_data', 'insufficient_data', 'insufficient_data'],
		['met', 'met', 'met', 'met'],
		['missed', 'missed', 'missed', 'missed']
	] as const)('%s: %s | %s | %s', (pace, likely, unlikely, none) => {
		expect(targetVerdict(input(pace, 0.5)).status).toBe(likely);
		expect(targetVerdict(input(pace, 0.72)).status).toBe(likely);
		expect(targetVerdict(input(pace, 0.4999)).status).toBe(unlikely);
		expect(targetVerdict(input(pace, 0.23)).status).toBe(unlikely);
		expect(targetVerdict(input(pace, null)).status).toBe(none);
	});

	it('research beds, on pace at 23%: "on pace, but forecast short", and the 23% stays beside it', () => {
		const v = targetVerdict(input('on_track', 0.23));
		expect(v).toMatchObject({ status: 'on_pace_forecast_short', probability: 0.23, pace: 'on_track' });
	});

	it('met and missed are final: no probability is shown beside them', () => {
		expect(targetVerdict(input('met', 0.3)).probability).toBeNull();
		expect(targetVerdict(input('missed', 0.9)).probability).toBeNull();
	});

	it('Class-1 drugs: a running total of approvals that met "10 or more" is achieved, with probability 1, not 77%', () => {
		const drugs = input('achieved', 0.77, { target: { kind: 'new_since_baseline', comparator: '>=', deadline: '2024-12-31' }, measure: 'flow' });
		expect(targetVerdict(drugs)).toMatchObject({ status: 'achieved', probability: 1 });
		expect(targetVerdict({ ...drugs, probability: 0.3 })).toMatchObject({ status: 'achieved', probability: 1 });
		// A stock (listed firms) can fall back below: its forecast still speaks.
		expect(targetVerdict({ ...drugs, measure: 'stock', probability: 0.3 }).status).toBe('achieved_may_slip');
	});
});

describe('one-off acts: done, not done or overdue, never a probability', () => {
	const act = (pace: ProgressStatus, asOf: string, probability: number | null = 0.79) =>
		targetVerdict(input(pace, probability, { target: { kind: 'act' as TargetKind, comparator: '>=' as Comparator, deadline: '2025-12-31' }, asOf }));
	it.each([
		['achieved', '2024-06-30', 'done'],
		['met', '2026-06-30', 'done'],
		['on_track', '2024-06-30', 'not_done'],
		['insufficient_data', '2024-06-30', 'not_done'],
		['missed', '2026-06-30', 'overdue'],
		['insufficient_data', '2026-06-30', 'overdue']
	] as const)('pace %s as of %s: %s', (pace, asOf, status) => {
		const v = act(pace, asOf);
		expect(v.status).toBe(status as VerdictStatus);
		expect(v.probability).toBeNull();
	});
});

describe('the basis: what a verdict rests on', () => {
	it.each([
		['all published', [fig(2021, 'official', { baseline: true }), fig(2022), fig(2023)], '2023-12-31', false, 'published'],
		['an estimate among them', [fig(2022), fig(2023, 'estimate')], '2023-12-31', false, 'estimated'],
		['a provisional figure', [fig(2022, 'provisional'), fig(2023)], '2023-12-31', false, 'estimated'],
		['a part-year (lower-bound) figure judged', [fig(2022), fig(2023, 'official', { partial: true })], '2023-12-31', false, 'estimated'],
		['only illustrative figures', [fig(2022, 'illustrative'), fig(2023, 'illustrative')], '2023-12-31', false, 'illustrative'],
		['illustrative judged figure after published ones', [fig(2022), fig(2023, 'illustrative')], '2023-12-31', false, 'illustrative'],
		['published judged figure after illustrative ones (a running verdict uses them all)', [fig(2022, 'illustrative'), fig(2023)], '2023-12-31', false, 'estimated'],
		// The Pudong 4000亿 result: met on the published 2024 figure; earlier illustrative points do not count.
		['a final verdict on a published figure', [fig(2022, 'illustrative'), fig(2024)], '2024-12-31', true, 'published'],
		['a later illustrative figure after the judged one is not used', [fig(2024), fig(2025, 'illustrative')], '2024-12-31', true, 'published'],
		['an implied baseline is not a figure', [fig(2021, 'illustrative', { baseline: true }), fig(2022)], '2022-12-31', false, 'published']
	] as const)('%s: %s', (_, series, judged, final, basis) => {
		expect(verdictBasis([...series], judged, final)).toBe(basis);
	});

	it('the verdict carries the basis of its own status', () => {
		const met = targetVerdict(input('met', null, { series: [fig(2022, 'illustrative'), fig(2024)], judgedDate: '2024-12-31', asOf: '2025-06-30' }));
		expect(met.basis).toBe('published');
		const missed = targetVerdict(input('missed', null, { series: [fig(2022), fig(2024, 'illustrative')], judgedDate: '2024-12-31', asOf: '2025-06-30' }));
		expect(missed.basis).toBe('illustrative');
	});
});


describe('targets at risk', () => {
	it.each([
		['on_track', false],
		['on_pace_forecast_short', true],
		['behind_forecast_meets', true],
		['acceleration_needed', true],
		['deterioration', true],
		['achieved', false],
		['missed', false],
		['not_done', false],
		['insufficient_data', false]
	] as const)('%s: %s', (status, risky) => expect(isAtRisk(status)).toBe(risky));
});

describe('targets that need attention (the home page list)', () => {
	it.each([
		['missed', true],
		['overdue', true],
		['on_pace_forecast_short', true],
		['on_track', false],
		['achieved', false],
		['met', false],
		['done', false]
	] as const)('%s: %s', (status, listed) => expect(needsAttention(status)).toBe(listed));
});
