import { describe, expect, it } from 'vitest';
import { evaluateTarget } from '../../domain/evaluate';
import { summarizeStatuses } from '../../domain/rollup';
import type { RecentVersion } from '../queries/observation-reads';
import type { PlanSummary, TargetSummary } from '../queries/plans';
import { behindUnits, COMMENT_COLUMNS, shapeBoardPayload } from './board-payload';

const year = (y: number, value: number, provenance: 'official' | 'illustrative' = 'official') => ({
	period: String(y),
	periodStart: `${y}-01-01`,
	periodEnd: `${y}-12-31`,
	basis: 'period' as const,
	value,
	provenance
});

/** A target judged as of 2026-06-30 on yearly figures; `values` from 2021. */
function target(id: string, planId: string, goal: number, values: number[], provenance: 'official' | 'illustrative' = 'official'): TargetSummary {
	const spec = { comparator: '>=' as const, value: goal, maxValue: null, kind: 'level' as const, deadline: '2028-12-31', baseline: null };
	const evaluation = evaluateTarget({
		target: spec,
		indicator: { measure: 'stock', frequency: 'year' },
		observations: values.map((v, i) => year(2021 + i, v, provenance)),
		asOf: '2026-06-30',
		planStart: '2022-01-01'
	});
	const last = evaluation.series.at(-1);
	return {
		...spec,
		id,
		planId,
		title: `title ${id}`,
		quote: '',
		unit: '个',
		deadlineBasis: 'stated',
		indicatorName: `indicator ${id}`,
		indicatorId: `i-${id}`,
		shareOfIndicatorId: null,
		section: '一、',
		clause: { path: ['一、'], heading: null, textZh: '', textEn: '' },
		latest: last ? { period: last.period, date: last.date, value: last.value, provenance: last.provenance, partial: false, flags: [] } : null,
		evaluation
	} as TargetSummary;
}

function plan(id: string, targets: TargetSummary[]): PlanSummary {
	return {
		id,
		title: `plan ${id}`,
		titleZh: id,
		issuer: '',
		documentNumber: null,
		issuedOn: '2022-01-01',
		effectiveFrom: '2022-01-01',
		effectiveTo: '2028-12-31',
		sourceNote: '',
		targets,
		summary: summarizeStatuses(targets.map((t) => t.evaluation.verdict)),
		sections: [],
		lastUpdate: new Date('2026-03-31T00:00:00Z')
	};
}

const onPace = target('fast', 'a', 200, [100, 115, 130, 145, 160]);
const behind = target('slow', 'a', 200, [100, 101, 102, 103, 104], 'illustrative');
const secret = target('secret', 'b', 50, [10, 20, 30, 40, 45]);
const plans = [plan('a', [onPace, behind]), plan('b', [secret])];
const recent = (id: number, indicatorId: string): RecentVersion => ({
	id,
	observationId: id,
	indicatorId,
	indicatorNameZh: '指标',
	indicatorNameEn: 'indicator',
	unit: '个',
	period: '2025',
	version: 2,
	value: 5,
	previousValue: 4,
	provenance: 'official',
	recordedAt: new Date('2026-06-01T00:00:00Z')
});
const board = { name: 'Board', locale: 'en' as const, planIds: ['a'], headlineTargetIds: [], pages: ['headline' as const, 'at_risk' as const], rotationSeconds: 20 };
const now = new Date('2026-06-30T12:00:00Z');

describe('a board payload', () => {
	const payload = shapeBoardPayload({ board, plans, recent: [recent(9, 'i-secret'), recent(8, 'i-slow')], version: '7|2026-06-30', now });

	it("holds only the board's plans, targets and changes", () => {
		const text = JSON.stringify(payload);
		expect(payload.plans.map((p) => p.id)).toEqual(['a']);
		expect(text).not.toContain('secret');
		expect(payload.changes.map((c) => c.id)).toEqual([8]);
		expect(payload.changes[0]).toMatchObject({ targets: ['title slow'], previousValue: 4, value: 5 });
	});

	it('picks judged targets as headlines when none are chosen, and keeps a chosen order', () => {
		expect(payload.headline.map((t) => t.id)).toEqual(['fast', 'slow']);
		const chosen = shapeBoardPayload({ board: { ...board, headlineTargetIds: ['slow', 'fast'] }, plans, recent: [], version: '1', now });
		expect(chosen.headline.map((t) => t.id)).toEqual(['slow', 'fast']);
		expect(chosen.headline[0].trend).toHaveLength(5);
	});

	it('sends every target at risk up to three pages of four, counting them all, each with its short link', () => {
		const many = plan('m', Array.from({ length: 14 }, (_, i) => target(`slow-${i}`, 'm', 200, [100, 101, 102, 103, 104 + i / 10], 'illustrative')));
		const wall = shapeBoardPayload({ board: { ...board, planIds: ['m'] }, plans: [many], recent: [], version: '1', now, origin: 'https://pacer.example.gov.cn' });
		expect(wall.atRiskCount).toBe(14);
		expect(wall.atRisk).toHaveLength(12);
		expect(wall.atRisk[0].link).toMatchObject({ url: `https://pacer.example.gov.cn/t/${wall.atRisk[0].id}`, host: 'pacer.example.gov.cn', path: `/t/${wall.atRisk[0].id}` });
		expect(wall.atRisk[0].link.qr.path.length).toBeGreaterThan(100);
	});

	it('lists the target behind pace as at risk, with what its fan chart needs', () => {
		expect(payload.atRisk.map((t) => t.id)).toEqual(['slow']);
		expect(payload.atRisk[0].chart.forecast?.points.length).toBeGreaterThan(0);
		expect(payload.atRisk[0].chart.series.length).toBeGreaterThan(0);
	});

	it("carries an at-risk target's current commentary, shortened to its card, with author and date", () => {
		expect(payload.atRisk[0].comment).toBeNull();
		const text = `Behind: the second batch of approvals moved to Q1 2027. ${'More detail follows. '.repeat(10)}`;
		const comments = new Map([['slow', { version: 2, text, asOf: '2026-06-30', author: 'Analyst A', recordedAt: '2026-06-30T08:00:00.000Z' }]]);
		const withNote = shapeBoardPayload({ board, plans, recent: [], version: '1', now, comments });
		const comment = withNote.atRisk[0].comment!;
		expect(comment).toMatchObject({ cut: true, author: 'Analyst A', recordedAt: '2026-06-30T08:00:00.000Z', asOf: '2026-06-30' });
		expect(comment.text.startsWith('Behind: the second batch of approvals moved to Q1 2027.')).toBe(true);
		expect(comment.text.endsWith('…')).toBe(true);
		expect(comment.text.length).toBeLessThanOrEqual(COMMENT_COLUMNS);
	});

	it('labels what is built on illustrative figures', () => {
		expect(payload.headline.find((t) => t.id === 'slow')?.illustrative).toBe(true);
		expect(payload.headline.find((t) => t.id === 'fast')?.illustrative).toBe(false);
		expect(payload.plans[0].illustrative).toBe(true);
		expect(payload.illustrative).toBe(true);
		expect(shapeBoardPayload({ board: { ...board, planIds: ['b'] }, plans, recent: [], version: '1', now }).illustrative).toBe(false);
	});

	it('prefers headlines whose verdict rests on published figures, and marks a card by the figure it shows', () => {
		// A published result (the Pudong 4000亿 case: met on a published figure after an illustrative one)
		// is chosen before illustrative ones and shown unmarked; cards keep the plan's order.
		const generated = target('generated', 'c', 200, [100, 101, 102, 103, 104], 'illustrative');
		const mixed = target('result', 'c', 200, [100, 120, 140, 160, 190]);
		mixed.evaluation.series[0].provenance = 'illustrative';
		const wall = shapeBoardPayload({ board: { ...board, planIds: ['c'] }, plans: [plan('c', [generated, mixed])], recent: [], version: '1', now });
		expect(wall.headline.map((t) => [t.id, t.basis, t.illustrative])).toEqual([
			['generated', 'illustrative', true],
			['result', 'published', false]
		]);
		const crowded = plan('c', [...Array.from({ length: 6 }, (_, i) => target(`generated-${i}`, 'c', 200, [100, 101, 102, 103, 104], 'illustrative')), mixed]);
		const chosen = shapeBoardPayload({ board: { ...board, planIds: ['c'] }, plans: [crowded], recent: [], version: '1', now }).headline.map((t) => t.id);
		expect(chosen).toContain('result');
		expect(chosen).not.toContain('generated-5');
	});

	it('says when the data were last recorded and which version they are', () => {
		expect(payload.dataAsOf).toBe('2026-03-31T00:00:00.000Z');
		expect(payload.version).toBe('7|2026-06-30');
		expect(payload.board).toEqual({ name: 'Board', locale: 'en', pages: ['headline', 'at_risk'], rotationSeconds: 20 });
	});
});

describe('the "who is behind" page', () => {
	const judgement = (behind: boolean, overdue = false) => ({
		standing: behind ? ('delayed' as const) : ('done' as const),
		overdue,
		stale: false,
		firstReportDue: '2024-10-30',
		notReported: false,
		daysSinceNote: 0,
		behind
	});
	// Never reported, first report past due, deadline not reached: not behind.
	const unreported = { standing: 'unreported' as const, overdue: false, stale: false, firstReportDue: '2024-10-30', notReported: true, daysSinceNote: null, behind: false };
	const task = (id: string, planId: string, number: number, lead: string, behind: boolean | 'unreported') => ({
		id,
		planId,
		planTitle: planId,
		kind: 'measure' as const,
		number,
		title: `措施${number}`,
		text: '',
		due: null,
		clauseId: 'c',
		bodyClauseId: null,
		unitsOpenEnded: false,
		units: [{ organisationId: lead, name: lead, role: 'lead' as const }],
		targets: [],
		latest: null,
		judgement: behind === 'unreported' ? unreported : judgement(behind)
	});
	const accountability = {
		organisations: [{ id: 'a', name: '甲委' }, { id: 'b', name: '乙局' }, { id: 'c', name: '丙办' }],
		tasks: [task('t1', 'p1', 1, 'a', true), task('t2', 'p1', 2, 'a', true), task('t3', 'p1', 3, 'a', true), task('t4', 'p1', 4, 'b', false), task('t5', 'p2', 5, 'c', true)],
		indicators: []
	};

	it('lists the units of the board\'s plans with led tasks behind, worst first, with their first two such tasks', () => {
		const units = behindUnits(accountability, ['p1'], new Set(), 'zh');
		expect(units.map((u) => [u.id, u.behind, u.leads])).toEqual([['a', 3, 3]]);
		expect(units[0].tasks.map((t) => t.label)).toEqual(['第1条 措施1', '第2条 措施2']);
		// Another plan's unit appears only on a board of that plan.
		expect(behindUnits(accountability, ['p1', 'p2'], new Set(), 'en').map((u) => u.id)).toEqual(['a', 'c']);
	});

	it('shows a unit whose led tasks were never reported as "not reported", after the units behind and with nothing counted behind', () => {
		const withUnreported = { ...accountability, tasks: [...accountability.tasks, task('t6', 'p1', 6, 'b', 'unreported'), task('t7', 'p1', 7, 'b', 'unreported')] };
		const units = behindUnits(withUnreported, ['p1'], new Set(), 'zh');
		expect(units.map((u) => [u.id, u.behind, u.notReported, u.leads])).toEqual([
			['a', 3, 0, 3],
			['b', 0, 2, 3]
		]);
		expect(units[1]).toMatchObject({ notReportedSince: '2024-10-30', stale: 0 });
		expect(units[1].tasks.map((t) => [t.id, t.standing, t.notReported, t.stale])).toEqual([
			['t6', 'unreported', true, false],
			['t7', 'unreported', true, false]
		]);
	});

	it('counts a unit\'s late round requests of the board\'s tasks and indicators, and lists a unit late only in a round', () => {
		const withRounds = {
			...accountability,
			tasks: [...accountability.tasks, task('t6', 'p1', 6, 'b', 'unreported')],
			lateRequests: [
				{ organisationId: 'c', indicatorId: null, taskId: 't5' },
				{ organisationId: 'b', indicatorId: null, taskId: 't4' },
				// Another plan's task: not on this board.
				{ organisationId: 'a', indicatorId: null, taskId: 'elsewhere' }
			]
		};
		const units = behindUnits(withRounds, ['p1'], new Set(), 'zh');
		expect(units.map((u) => [u.id, u.behind, u.roundsLate])).toEqual([
			['a', 3, 0],
			['b', 0, 1]
		]);
		expect(behindUnits(withRounds, ['p1', 'p2'], new Set(), 'en').map((u) => [u.id, u.roundsLate])).toEqual([
			['a', 0],
			['c', 1],
			['b', 1]
		]);
	});
});
