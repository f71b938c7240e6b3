/**
 * What a briefing book says: the chosen plans judged from the figures recorded by the book's data
 * cutoff, and for every target the figures behind it with their sources, as they stood then.
 */
import { inLocale } from '../../domain/plan';
import { inArray } from 'drizzle-orm';
import type { Locale, Provenance } from '../../domain/plan';
import type { Database } from '../db/open';
import * as s from '../db/schema';
import { observationsAsOf } from '../queries/observation-reads';
import { judgePlans, planRows, type PlanSummary } from '../queries/plans';
import { listTasks, targetStatusMap, type TaskRow } from '../queries/tasks';
import { readConfig } from '../config';
import { currentComments } from '../queries/commentary-reads';
import type { TargetComment } from '../../domain/commentary';
import { sortOrganisations, summariseOrganisations, TASK_STANDINGS, type TaskJudgement, type TaskStanding } from '../../domain/tasks';

export interface BookFigure {
	indicatorName: string;
	period: string;
	value: number;
	unit: string;
	provenance: Provenance;
	source: { title: string; publisher: string; url: string; publishedOn: string } | null;
}

export interface BookContent {
	asOf: string;
	dataCutoff: string;
	locale: Locale;
	plans: PlanSummary[];
	/** Target id -> the figures its series is built from, oldest first. */
	figures: Record<string, BookFigure[]>;
	/** Target id -> the analysts' commentary current at the cutoff (a later edit does not change the book). */
	comments: Record<string, TargetComment>;
	/** Each plan's tasks and measures as of the cutoff, and the units that lead them. */
	tasks: Record<string, BookTasks>;
	/** Whether any figure in the book is illustrative: then every page says so. */
	illustrative: boolean;
}

export interface BookTasks {
	counts: Record<TaskStanding, number>;
	overdue: number;
	stale: number;
	/** Never reported though the first report was due: not behind by that alone. */
	notReported: number;
	/** Lead units, most behind first; their "unreported" standing column is apart from behind. */
	units: { name: string; leads: number; led: Record<TaskStanding, number>; behind: number }[];
	rows: { kind: TaskRow['kind']; number: number; title: string; lead: string; judgement: TaskJudgement; lastNote: string | null }[];
}

/** Sums a plan's tasks for the book: counts by standing, and by lead unit. */
function bookTasks(tasks: TaskRow[]): BookTasks {
	const counts = Object.fromEntries(TASK_STANDINGS.map((s) => [s, 0])) as Record<TaskStanding, number>;
	for (const task of tasks) counts[task.judgement.standing] += 1;
	const names = new Map(tasks.flatMap((t) => t.units.map((u) => [u.organisationId, u.name] as const)));
	const summaries = summariseOrganisations(
		[...names.keys()],
		tasks.map((t) => ({ id: t.id, planId: t.planId, units: t.units, judgement: t.judgement, targets: [] })),
		[]
	).filter((r) => r.leads > 0);
	return {
		counts,
		overdue: tasks.filter((t) => t.judgement.overdue).length,
		stale: tasks.filter((t) => t.judgement.stale).length,
		notReported: tasks.filter((t) => t.judgement.notReported).length,
		units: sortOrganisations(summaries, 'behind', (id) => names.get(id) ?? id).map((r) => ({ name: names.get(r.organisationId)!, leads: r.leads, led: r.led, behind: r.behind })),
		rows: tasks.map((t) => ({
			kind: t.kind,
			number: t.number,
			title: t.title,
			lead: t.units[0]?.name ?? '—',
			judgement: t.judgement,
			lastNote: t.latest?.progressOn ?? null
		}))
	};
}

export class UnknownPlanError extends Error {
	constructor(readonly planIds: string[]) {
		super(`no plan with id ${planIds.map((id) => `"${id}"`).join(', ')}`);
	}
}

export async function bookContent(
	db: Database,
	request: { asOf: string; dataCutoff: Date; planIds: string[]; locale: Locale }
): Promise<BookContent> {
	// Each plan as it stood at the cutoff: a plan published later is not in the book (judgePlans).
	const all = await judgePlans(db, request.locale, request.dataCutoff);
	const missing = request.planIds.filter((id) => !all.some((p) => p.id === id));
	const published = missing.length ? new Set((await planRows(db, missing)).map((p) => p.id)) : new Set<string>();
	const unknown = missing.filter((id) => !published.has(id));
	if (unknown.length) throw new UnknownPlanError(unknown);
	const plans = request.planIds.length ? all.filter((p) => request.planIds.includes(p.id)) : all;

	// The targets as that revision had them, which may differ from (or no longer be among) today's rows.
	const indicatorsOf = new Map(
		plans.flatMap((p) => p.targets.map((t) => [t.id, [t.indicatorId, ...(t.shareOfIndicatorId ? [t.shareOfIndicatorId] : [])]] as const))
	);
	const indicatorIds = [...new Set([...indicatorsOf.values()].flat())];
	const indicators = new Map(
		indicatorIds.length ? (await db.select().from(s.indicators).where(inArray(s.indicators.id, indicatorIds))).map((i) => [i.id, i]) : []
	);
	const observations = await observationsAsOf(db, indicatorIds, request.dataCutoff);
	const sourceIds = [...new Set(observations.map((o) => o.sourceId).filter((id): id is string => id !== null))];
	const sources = new Map(sourceIds.length ? (await db.select().from(s.sources).where(inArray(s.sources.id, sourceIds))).map((x) => [x.id, x]) : []);

	const figures: Record<string, BookFigure[]> = {};
	for (const [targetId, ids] of indicatorsOf) {
		figures[targetId] = observations
			.filter((o) => ids.includes(o.indicatorId))
			.map((o) => {
				const indicator = indicators.get(o.indicatorId)!;
				const source = o.sourceId ? sources.get(o.sourceId) : undefined;
				return {
					indicatorName: inLocale(indicator.nameZh, indicator.nameEn, request.locale),
					period: o.period,
					value: o.value,
					unit: indicator.unit,
					provenance: o.provenance,
					source: source ? { title: source.title, publisher: source.publisher, url: source.url, publishedOn: source.publishedOn } : null
				};
			});
	}
	// Tasks as they stood at the cutoff: only progress notes recorded by then, judged on that moment.
	const taskRows = await listTasks(db, {
		locale: request.locale,
		cutoff: request.dataCutoff,
		asOf: request.dataCutoff,
		targetStatus: targetStatusMap(plans),
		staleAfterDays: readConfig(process.env).taskStaleDays
	});
	const tasks = Object.fromEntries(
		plans.map((p) => [p.id, bookTasks(taskRows.filter((t) => t.planId === p.id))] as const).filter(([, b]) => b.rows.length > 0)
	);
	const comments = Object.fromEntries(await currentComments(db, plans.flatMap((p) => p.targets.map((t) => t.id)), request.dataCutoff));
	return {
		asOf: request.asOf,
		tasks,
		comments,
		dataCutoff: request.dataCutoff.toISOString(),
		locale: request.locale,
		plans,
		figures,
		illustrative: Object.values(figures).some((list) => list.some((f) => f.provenance === 'illustrative'))
	};
}
