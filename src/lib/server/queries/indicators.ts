/**
 * Indicator pages (/indicators, /indicators/ID): what an indicator measures, who answers for it,
 * when its next figure is due, every figure with its provenance, source and versions, the targets
 * that use it with their stored verdicts, and the figures of other scopes beside it.
 * An indicator is shown when a target of a published plan measures on it (or on it as a share's
 * whole), or when it sits beside such an indicator; one only drafts use stays hidden, as they do.
 */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { inLocale, type Locale, type Provenance } from '../../domain/plan';
import type { IndicatorListRow } from '../../domain/indicator-list';
import type { VerdictBasis, VerdictStatus } from '../../domain/verdict';
import { deploymentTimeZone } from '../config';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { figureRows, figureSources, type FigureSource, type ObservationRow } from './figure-rows';
import { syncJudgements } from './judgements';
import { observationsAsOf } from './observation-reads';
import { publishedPlan } from './published';
import { indicatorDues, type IndicatorDueRow } from './tasks';

type IndicatorRow = typeof s.indicators.$inferSelect;

/** Targets of published plans and the indicators they measure on (a share target also on its whole). */
async function publishedUses(db: Database, indicatorId?: string) {
	return db
		.select({ targetId: s.targets.id, planId: s.targets.planId, indicatorId: s.targets.indicatorId, shareOfIndicatorId: s.targets.shareOfIndicatorId })
		.from(s.targets)
		.innerJoin(s.plans, eq(s.plans.id, s.targets.planId))
		.where(and(publishedPlan, indicatorId ? or(eq(s.targets.indicatorId, indicatorId), eq(s.targets.shareOfIndicatorId, indicatorId)) : undefined))
		.orderBy(asc(s.plans.issuedOn), asc(s.targets.position));
}

/** The plans each shown indicator belongs to: its own targets' plans, else those of the indicator it sits beside. */
function plansOf(indicators: IndicatorRow[], uses: Awaited<ReturnType<typeof publishedUses>>): Map<string, string[]> {
	const direct = new Map<string, string[]>();
	for (const u of uses) {
		for (const id of [u.indicatorId, u.shareOfIndicatorId]) {
			if (!id) continue;
			const list = direct.get(id) ?? [];
			if (!list.includes(u.planId)) list.push(u.planId);
			direct.set(id, list);
		}
	}
	const shown = new Map(direct);
	// Beside-indicators chain at most a step or two (a stated share beside a national count beside a plan's).
	for (let round = 0; round < 3; round++) {
		for (const i of indicators) {
			if (shown.has(i.id)) continue;
			const parent = [i.contextOf, i.shareIn].map((id) => (id ? shown.get(id) : undefined)).find(Boolean);
			if (parent) shown.set(i.id, parent);
		}
	}
	return shown;
}

/** Every shown indicator, named in the reader's language, with its plans, figure count and newest period. */
export async function indicatorList(db: Database, locale: Locale): Promise<IndicatorListRow[]> {
	const [indicators, uses, plans] = await Promise.all([
		db.select().from(s.indicators).orderBy(asc(s.indicators.id)),
		publishedUses(db),
		db.select({ id: s.plans.id, titleZh: s.plans.titleZh, titleEn: s.plans.titleEn }).from(s.plans).where(publishedPlan).orderBy(asc(s.plans.issuedOn), asc(s.plans.id))
	]);
	const planIds = plansOf(indicators, uses);
	const shown = indicators.filter((i) => planIds.has(i.id));
	if (shown.length === 0) return [];
	// Figures whose newest version is not a withdrawal, counted per indicator, with the newest period's label.
	// Written out by name: a column interpolated into a select's fields may lose its table, and "id" would then be v.id.
	const current = sql`(select v.value from observation_versions v where v.observation_id = observations.id order by v.version desc limit 1) is not null`;
	const counts = await db
		.select({ indicatorId: s.observations.indicatorId, n: sql<number>`count(*)`, newest: sql<string>`max(${s.observations.periodEnd})` })
		.from(s.observations)
		.where(and(inArray(s.observations.indicatorId, shown.map((i) => i.id)), current))
		.groupBy(s.observations.indicatorId);
	const newestLabels = await db
		.selectDistinctOn([s.observations.indicatorId], {
			indicatorId: s.observations.indicatorId,
			period: s.observations.period,
			provenance: sql<Provenance>`(select v.provenance from observation_versions v where v.observation_id = observations.id order by v.version desc limit 1)`
		})
		.from(s.observations)
		.where(and(inArray(s.observations.indicatorId, shown.map((i) => i.id)), current))
		.orderBy(s.observations.indicatorId, sql`${s.observations.periodEnd} desc`, sql`${s.observations.periodStart} asc`);
	const countOf = new Map(counts.map((c) => [c.indicatorId, Number(c.n)]));
	const newestOf = new Map(newestLabels.map((c) => [c.indicatorId, { period: c.period, provenance: c.provenance }]));
	const titles = new Map(plans.map((p) => [p.id, inLocale(p.titleZh, p.titleEn, locale)]));
	const order = plans.map((p) => p.id);
	return shown.map((i) => ({
		id: i.id,
		name: inLocale(i.nameZh, i.nameEn, locale),
		unit: i.unit,
		frequency: i.frequency,
		area: inLocale(i.areaZh, i.areaEn, locale),
		plans: order.filter((id) => planIds.get(i.id)!.includes(id)).map((id) => ({ id, title: titles.get(id)! })),
		targetCount: uses.filter((u) => u.indicatorId === i.id || u.shareOfIndicatorId === i.id).length,
		figureCount: countOf.get(i.id) ?? 0,
		latest: newestOf.get(i.id) ?? null,
		searchText: [i.id, i.nameZh, i.nameEn, i.areaZh, i.areaEn, i.definitionZh, i.definitionEn].join(' ').toLowerCase()
	}));
}

export interface IndicatorTarget {
	id: string;
	title: string;
	plan: { id: string; title: string };
	/** 'share': the target's share is of this indicator (it is the whole). */
	role: 'measure' | 'share';
	comparator: (typeof s.targets.$inferSelect)['comparator'];
	value: number;
	maxValue: number | null;
	unit: string;
	deadline: string;
	/** The stored verdict (null until the target is first judged). */
	verdict: { status: VerdictStatus; basis: VerdictBasis; probability: number | null } | null;
}

export interface IndicatorDetail {
	indicator: {
		id: string;
		name: string;
		unit: string;
		frequency: IndicatorRow['frequency'];
		measure: IndicatorRow['measure'];
		area: string;
		definition: string;
		direction: IndicatorRow['direction'];
	};
	/** Owner and release calendar; null when no published target measures on it (nothing waits for its figures). */
	due: IndicatorDueRow | null;
	/** Publishers of its figures' sources, most figures first. */
	sourceAgencies: { name: string; figures: number }[];
	/** Every current figure, newest period first, with its versions. */
	observations: ObservationRow[];
	targets: IndicatorTarget[];
	/** The indicator this one sits beside (another scope, a stated share), if any. */
	besideOf: { id: string; name: string } | null;
	/** Indicators sitting beside this one, with their newest figures. */
	context: { id: string; name: string; unit: string; figures: { period: string; value: number; provenance: ObservationRow['provenance']; source: FigureSource | null }[] }[];
}

/** An indicator as shown (null when missing or used by drafts only), every current figure newest period first with versions and sources. */
export async function indicatorFigures(db: Database, id: string, locale: Locale, timeZone = deploymentTimeZone()) {
	const indicators = await db.select().from(s.indicators).orderBy(asc(s.indicators.id));
	const indicator = indicators.find((i) => i.id === id);
	if (!indicator) return null;
	// Whether it is shown depends on published uses of it or of the indicators it sits beside.
	const uses = await publishedUses(db);
	if (!plansOf(indicators, uses).has(id)) return null;
	const current = await observationsAsOf(db, [id]);
	const listed = [...current].sort((a, b) => b.periodEnd.localeCompare(a.periodEnd) || a.periodStart.localeCompare(b.periodStart));
	const sources = await figureSources(db, current);
	const observations = await figureRows(db, listed, { indicators: new Map([[id, indicator]]), sources, locale, timeZone });
	return { indicator, indicators, uses, observations };
}

/** null when there is no such indicator or no published plan uses it (a draft's stays hidden). */
export async function indicatorDetail(db: Database, id: string, locale: Locale, timeZone = deploymentTimeZone()): Promise<IndicatorDetail | null> {
	const found = await indicatorFigures(db, id, locale, timeZone);
	if (!found) return null;
	const { indicator, indicators, uses, observations } = found;
	const name = (i: IndicatorRow) => inLocale(i.nameZh, i.nameEn, locale);
	const agencies = new Map<string, number>();
	for (const o of observations) if (o.source) agencies.set(o.source.publisher, (agencies.get(o.source.publisher) ?? 0) + 1);

	await syncJudgements(db);
	const targetIds = uses.filter((u) => u.indicatorId === id || u.shareOfIndicatorId === id).map((u) => u.targetId);
	const targetRows = targetIds.length === 0 ? [] : await db
		.select({ t: s.targets, planTitleZh: s.plans.titleZh, planTitleEn: s.plans.titleEn, status: s.targetJudgements.status, basis: s.targetJudgements.basis, probability: s.targetJudgements.probability })
		.from(s.targets)
		.innerJoin(s.plans, eq(s.plans.id, s.targets.planId))
		.leftJoin(s.targetJudgements, eq(s.targetJudgements.targetId, s.targets.id))
		.where(and(publishedPlan, inArray(s.targets.id, targetIds)))
		.orderBy(asc(s.plans.issuedOn), asc(s.targets.position));

	const besideRows = indicators.filter((i) => i.contextOf === id);
	const besideFigures = besideRows.length ? await observationsAsOf(db, besideRows.map((i) => i.id)) : [];
	const besideSources = await figureSources(db, besideFigures);
	const parent = indicator.contextOf ? indicators.find((i) => i.id === indicator.contextOf) : undefined;
	const [due] = await indicatorDues(db, { locale, cutoff: new Date(), asOf: new Date(), indicatorIds: [id] });
	return {
		indicator: {
			id,
			name: name(indicator),
			unit: indicator.unit,
			frequency: indicator.frequency,
			measure: indicator.measure,
			area: inLocale(indicator.areaZh, indicator.areaEn, locale),
			definition: inLocale(indicator.definitionZh, indicator.definitionEn, locale),
			direction: indicator.direction
		},
		due: due ?? null,
		sourceAgencies: [...agencies].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, figures]) => ({ name, figures })),
		observations,
		targets: targetRows.map((r) => ({
			id: r.t.id,
			title: inLocale(r.t.titleZh, r.t.titleEn, locale),
			plan: { id: r.t.planId, title: inLocale(r.planTitleZh, r.planTitleEn, locale) },
			role: r.t.indicatorId === id ? 'measure' : 'share',
			comparator: r.t.comparator,
			value: r.t.value,
			maxValue: r.t.maxValue,
			unit: r.t.unit,
			deadline: r.t.deadline,
			verdict: r.status ? { status: r.status as VerdictStatus, basis: r.basis as VerdictBasis, probability: r.probability } : null
		})),
		besideOf: parent ? { id: parent.id, name: name(parent) } : null,
		context: besideRows.map((i) => ({
			id: i.id,
			name: name(i),
			unit: i.unit,
			figures: besideFigures
				.filter((o) => o.indicatorId === i.id)
				.sort((a, b) => b.periodEnd.localeCompare(a.periodEnd))
				.map((o) => ({ period: o.period, value: o.value, provenance: o.provenance, source: (o.sourceId && besideSources.get(o.sourceId)) || null }))
		}))
	};
}
