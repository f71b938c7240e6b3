import { describe, expect, it } from 'vitest';
import { STATUS_COLORS } from '../charts/status-chart';
import type { ScreenPayload } from '../server/screen/board-payload';
import { BACKOFF, backoffMs, silenceLimitMs } from './backoff';
import { contrastRatio, MIN_TEXT_CONTRAST } from './contrast';
import { changedKeys } from './diff';
import { carryIndex, nextIndex, rotationMs, screenSlots, slotKey, startIndex } from './rotation';
import { SCREEN_COLORS, TEXT_PAIRS } from './theme';

describe('rotation', () => {
	it.each([
		[0, 4, 1],
		[3, 4, 0],
		[0, 1, 0],
		[0, 0, 0]
	])('after page %i of %i comes page %i', (current, count, next) => expect(nextIndex(current, count)).toBe(next));

	it('starts on the page asked for when the board has it', () => {
		expect(startIndex(['headline', 'plans', 'changes'], 'changes')).toBe(2);
		expect(startIndex(['headline', 'plans'], 'changes')).toBe(0);
		expect(startIndex(['headline', 'plans'], null)).toBe(0);
		expect(startIndex(['headline:0', 'at_risk:0', 'at_risk:1'], 'at_risk:1')).toBe(2);
		expect(startIndex(['headline:0', 'at_risk:0', 'at_risk:1'], 'at_risk')).toBe(1);
		expect(startIndex(['headline:0', 'at_risk:0'], 'at_risk:5')).toBe(0);
	});

	it('stays on the page shown when the board gains or loses pages', () => {
		expect(carryIndex(['headline', 'plans', 'changes'], ['plans', 'changes'], 2)).toBe(1);
		expect(carryIndex(['headline', 'plans'], ['changes'], 1)).toBe(0);
		// Seven targets at risk make two stops of that page; a third page of them keeps the one shown.
		const slots = screenSlots(['headline', 'at_risk', 'changes'], { at_risk: 2 });
		expect(slots.map(slotKey)).toEqual(['headline:0', 'at_risk:0', 'at_risk:1', 'changes:0']);
		expect(slots[2]).toEqual({ page: 'at_risk', part: 1, parts: 2 });
		expect(carryIndex(slots.map(slotKey), screenSlots(['headline', 'at_risk', 'changes'], { at_risk: 3 }).map(slotKey), 2)).toBe(2);
		expect(screenSlots(['at_risk'], { at_risk: 0 })).toEqual([{ page: 'at_risk', part: 0, parts: 1 }]);
	});

	it('keeps the interval within 5 s and 10 min', () => {
		expect(rotationMs(20)).toBe(20_000);
		expect(rotationMs(1)).toBe(5_000);
		expect(rotationMs(99_999)).toBe(600_000);
	});
});

describe('backoff', () => {
	it('doubles from 1 s to at most 30 s, drawn between half and all of it', () => {
		expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, () => 1))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
		expect(backoffMs(0, () => 0)).toBe(500);
		expect(backoffMs(40, () => 0)).toBe(BACKOFF.maxMs / 2);
	});

	it('calls a stream silent for three heartbeats lost, and never sooner than 15 s', () => {
		expect(silenceLimitMs(5000)).toBe(15_000);
		expect(silenceLimitMs(10_000)).toBe(30_000);
		expect(silenceLimitMs(20)).toBe(15_000);
	});
});

describe('contrast', () => {
	it('computes WCAG ratios', () => {
		expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
		expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
		expect(() => contrastRatio('red', '#000000')).toThrow(/#rrggbb/);
	});

	it.each(TEXT_PAIRS)('screen text %s on %s reaches 4.5:1', (text, background) => {
		expect(contrastRatio(SCREEN_COLORS[text], SCREEN_COLORS[background])).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
	});

	it.each(Object.entries(STATUS_COLORS))('white status words on %s (%s) reach 4.5:1', (_, color) => {
		expect(contrastRatio('#ffffff', color)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
	});
});

describe('changed keys', () => {
	const target = (id: string, value: number) => ({
		id,
		title: id,
		unit: '个',
		comparator: '>=' as const,
		value: 100,
		maxValue: null,
		deadline: '2027-12-31',
		status: 'on_track' as const,
		basis: 'published' as const,
		probability: 0.7,
		latest: { value, period: '2025', provenance: 'official' as const, partial: false },
		requiredAtLatest: 50,
		baseline: 0,
		illustrative: false,
		previousQuarter: null,
		link: { url: `/t/${id}`, host: '', path: `/t/${id}`, qr: { size: 21, path: '' } }
	});
	const payload = (value: number, changes: number[]): ScreenPayload => ({
		version: String(value),
		board: { name: 'b', locale: 'zh', pages: ['headline'], rotationSeconds: 20 },
		dataAsOf: null,
		generatedAt: '2026-11-23T00:00:00Z',
		behind: [],
		headline: [{ ...target('a', value), trend: [] }, { ...target('b', 1), trend: [] }],
		plans: [{ id: 'p', title: 'p', summary: { status: 'on_track', counts: { on_track: 2 }, illustrative: {}, total: 2 }, lastUpdate: null, illustrative: false }],
		atRisk: [],
		atRiskCount: 0,
		changes: changes.map((id) => ({ id, indicator: 'i', targets: ['a'], period: '2025', unit: '个', value: 1, previousValue: null, version: 1, provenance: 'official', recordedAt: '2026-11-23T00:00:00Z' })),
		illustrative: false
	});

	it('marks nothing on the first payload or an unchanged one', () => {
		expect(changedKeys(null, payload(5, [1]))).toEqual([]);
		expect(changedKeys(payload(5, [1]), payload(5, [1]))).toEqual([]);
	});

	it('marks the changed headline figure and the new change row only', () => {
		expect(changedKeys(payload(5, [1]), payload(6, [2, 1]))).toEqual(['headline:a', 'change:2']);
	});
});

describe('screen times', async () => {
	const { formatClock, formatDateTime, formatDateTimeInZone } = await import('./time');
	it('shows the deployment zone\'s time, the same on server and screen', () => {
		expect(formatClock(new Date('2026-11-23T06:05:00Z'), 'zh', 'Asia/Shanghai')).toBe('14:05');
		expect(formatClock('2026-11-23T17:30:00Z', 'en', 'Asia/Shanghai')).toBe('01:30');
		expect(formatDateTime('2026-11-23T06:05:00Z', 'en', 'Asia/Shanghai')).toBe('Nov 23, 2026, 14:05');
		expect(formatDateTime('2026-11-23T06:05:00Z', 'zh', 'Asia/Shanghai')).toBe('2026年11月23日 14:05');
		expect(formatDateTimeInZone('2026-11-23T06:05:00Z', 'zh', 'Asia/Shanghai')).toBe('2026年11月23日 14:05 (UTC+8)');
	});
	it('follows the zone it is given', () => {
		expect(formatClock('2026-11-23T06:05:00Z', 'en', 'Europe/Berlin')).toBe('07:05');
	});
});

describe('memoByInput', async () => {
	const { memoByInput } = await import('./memo');
	it('rebuilds only when the input changes', () => {
		let builds = 0;
		const build = memoByInput((n: { v: number }) => ({ doubled: n.v * 2, build: ++builds }));
		const first = build('a', { v: 1 });
		expect(build('a', { v: 1 })).toBe(first);
		expect(build('b', { v: 1 })).not.toBe(first);
		expect(build('a', { v: 2 })).toEqual({ doubled: 4, build: 3 });
	});
});
