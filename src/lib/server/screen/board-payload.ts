/**
 * What a wall screen receives: only its board's plans and targets, already judged, cut down to
 * what its pages draw. The same payload is rendered on the first request and sent again over the
 * live stream whenever the data change, so the two can never disagree.
 */
import { inLocale } from '../../domain/plan';
import type { QuarterVerdict } from '../../domain/judgement';
import { chooseHeadline, headlineCandidate, type BoardSettings } from '../../domain/board';
import type { DatedForecast } from '../../domain/evaluate';
import type { Comparator, Locale, Provenance } from '../../domain/plan';
import { figureIsIllustrative } from '../../domain/judgement';
import type { ProgressPoint, ProgressTarget } from '../../domain/progress';
import { atRiskFirst, type StatusSummary } from '../../domain/rollup';
import { FINAL_VERDICTS, isAtRisk, VERDICT_BASES, type VerdictBasis, type VerdictStatus } from '../../domain/verdict';
import type { SeriesPoint } from '../../domain/series';
import type { RecentVersion } from '../queries/observation-reads';
import type { PlanSummary, TargetSummary } from '../queries/plans';
import type { IndicatorDueRow, TaskRow } from '../queries/tasks';
import { translator } from '../../i18n';
import { route } from '../../route';
import { qrCode } from '../../screen/qr';
import { sortOrganisations, summariseOrganisations } from '../../domain/tasks';
import type { ScreenTarget, HeadlineTarget, RiskTarget, PlanStatus, ScreenChange, BehindUnit, ScreenPayload, ScreenComment } from '../../domain/screen-payload';
import { shortenCommentary, type TargetComment } from '../../domain/commentary';

export type { ScreenTarget, HeadlineTarget, RiskTarget, PlanStatus, ScreenChange, BehindUnit, ScreenPayload } from '../../domain/screen-payload';

/** Targets at risk sent to a wall: three pages of AT_RISK_PER_PAGE (domain/board.ts) a rotation at most. */
export const AT_RISK_MAX = 12;
export const CHANGES_SHOWN = 7;
/** Half-width columns of commentary on a risk card: two lines with its author and date at the screen's type size. */
export const COMMENT_COLUMNS = 80;

function screenComment(comment: TargetComment | undefined): ScreenComment | null {
	if (!comment) return null;
	const text = shortenCommentary(comment.text, COMMENT_COLUMNS);
	return { text, cut: text !== comment.text, author: comment.author, recordedAt: comment.recordedAt, asOf: comment.asOf };
}






/** Six units with two tasks each fit one 1920×1080 page at the screen's type sizes. */
export const BEHIND_UNITS_SHOWN = 6;
const BEHIND_TASKS_SHOWN = 2;

/** The tasks and indicator dues the "who is behind" page is built from (all plans; the board's are picked here). */
export interface Accountability {
	organisations: { id: string; name: string; shortName?: string | null }[];
	tasks: TaskRow[];
	indicators: IndicatorDueRow[];
	/** Late requests of open data rounds (queries/round-reads.ts lateRequestList), with what each asks. */
	lateRequests?: { organisationId: string; indicatorId: string | null; taskId: string | null }[];
}

/**
 * The units of the board's plans with most led tasks behind (or overdue indicators), worst first,
 * then units whose led tasks were only never reported (shown as "not reported yet", not as behind);
 * none when nothing is behind or unreported.
 */
export function behindUnits(accountability: Accountability, planIds: string[], targetIds: Set<string>, locale: Locale): BehindUnit[] {
	const tasks = accountability.tasks.filter((t) => planIds.includes(t.planId));
	const indicators = accountability.indicators.filter((i) => i.targetIds.some((id) => targetIds.has(id)));
	const names = new Map(accountability.organisations.map((o) => [o.id, o.name]));
	const shortNames = new Map(accountability.organisations.flatMap((o) => (o.shortName ? [[o.id, o.shortName] as const] : [])));
	// A board counts the late round requests of its own indicators and tasks.
	const boardIndicators = new Set(indicators.map((i) => i.id));
	const boardTasks = new Set(tasks.map((t) => t.id));
	const roundsLate = new Map<string, number>();
	for (const r of accountability.lateRequests ?? []) {
		if ((r.indicatorId && boardIndicators.has(r.indicatorId)) || (r.taskId && boardTasks.has(r.taskId))) roundsLate.set(r.organisationId, (roundsLate.get(r.organisationId) ?? 0) + 1);
	}
	const late = (id: string) => roundsLate.get(id) ?? 0;
	const rows = summariseOrganisations(
		accountability.organisations.map((o) => o.id),
		tasks.map((t) => ({ id: t.id, planId: t.planId, units: t.units, judgement: t.judgement, targets: [] })),
		indicators.map((i) => ({ id: i.id, ownerOrganisationId: i.owner.organisationId, due: i.due }))
	);
	const serious = (r: (typeof rows)[number]) => r.behind > 0 || r.indicatorsOverdue > 0 || late(r.organisationId) > 0;
	return sortOrganisations(
		rows.filter((r) => serious(r) || r.notReported > 0),
		'behind',
		(id) => names.get(id) ?? id
	)
		// Units behind in any way (late round requests too) before units only never reported; sort is stable.
		.sort((a, b) => Number(serious(b)) - Number(serious(a)))
		.slice(0, BEHIND_UNITS_SHOWN)
		.map((r) => ({
			id: r.organisationId,
			name: names.get(r.organisationId) ?? r.organisationId,
			shortName: shortNames.get(r.organisationId) ?? names.get(r.organisationId) ?? r.organisationId,
			leads: r.leads,
			behind: r.behind,
			delayed: r.delayed,
			overdue: r.overdue,
			stale: r.stale,
			indicatorsOverdue: r.indicatorsOverdue,
			roundsLate: late(r.organisationId),
			notReported: r.notReported,
			notReportedSince: r.notReportedSince,
			tasks: [
				...tasks.filter((t) => t.judgement.behind && t.units[0]?.organisationId === r.organisationId),
				...tasks.filter((t) => !t.judgement.behind && t.judgement.notReported && t.units[0]?.organisationId === r.organisationId)
			]
				.slice(0, BEHIND_TASKS_SHOWN)
				.map((t) => ({
					id: t.id,
					label: `${translator(locale)(`task.kind.${t.kind}`, { number: t.number })} ${t.title}`,
					standing: t.judgement.standing,
					overdue: t.judgement.overdue,
					stale: t.judgement.stale,
					notReported: t.judgement.notReported,
					firstReportDue: t.judgement.firstReportDue
				}))
		}));
}


export type BoardForPayload = BoardSettings;

const usesIllustrative = (t: TargetSummary) => figureIsIllustrative(t.latest);

/** The card's way to the target page: a short link on the deployment's address, and its QR code. */
function drillDown(targetId: string, origin: string): ScreenTarget['link'] {
	const path = route.targetShort(targetId);
	return { url: origin + path, host: origin.replace(/^https?:\/\//, ''), path, qr: qrCode(origin + path) };
}

function screenTarget(t: TargetSummary, origin: string): ScreenTarget {
	const progress = t.evaluation.progress;
	return {
		id: t.id,
		link: drillDown(t.id, origin),
		title: t.title,
		unit: t.unit,
		comparator: t.comparator,
		value: t.value,
		maxValue: t.maxValue,
		deadline: t.deadline,
		status: t.evaluation.verdict.status,
		basis: t.evaluation.verdict.basis,
		probability: t.evaluation.verdict.probability,
		latest: t.latest ? { value: t.latest.value, period: t.latest.period, provenance: t.latest.provenance, partial: t.latest.partial } : null,
		requiredAtLatest: progress.requiredAtLatest,
		baseline: progress.baseline?.value ?? null,
		illustrative: usesIllustrative(t),
		previousQuarter: t.previousQuarter
	};
}

/** The headline targets: pinned by the admin, else the default choice (domain/board.ts chooseHeadline). */
function pickHeadline(targets: TargetSummary[], planIds: string[], pinned: string[]): TargetSummary[] {
	return chooseHeadline(targets.map(headlineCandidate), planIds, pinned).map((id) => targets.find((t) => t.id === id)!);
}

/**
 * Shapes one board's payload from the judged plans (all of them; only the board's are used) and
 * the recent figure versions of its indicators.
 * @example shapeBoardPayload({ board, plans, recent, version: '42|2026-11-23', now }).plans.map((p) => p.id) // only board.planIds
 */
export function shapeBoardPayload(input: {
	board: BoardForPayload;
	plans: PlanSummary[];
	recent: RecentVersion[];
	version: string;
	now: Date;
	accountability?: Accountability;
	/** Each target's current commentary (queries/commentary-reads.ts). */
	comments?: Map<string, TargetComment>;
	/** The deployment's address (ORIGIN) for the cards' short links. */
	origin?: string;
}): ScreenPayload {
	const { board, recent } = input;
	// Relative links when no address is known (unit tests): the QR code then still reads, as a path.
	const origin = input.origin ?? '';
	const plans = board.planIds.map((id) => input.plans.find((p) => p.id === id)).filter((p): p is PlanSummary => p !== undefined);
	const targets = plans.flatMap((p) => p.targets);
	const headline = pickHeadline(targets, board.planIds, board.headlineTargetIds).map(
		(t): HeadlineTarget => ({ ...screenTarget(t, origin), trend: t.evaluation.series.filter((p) => !p.baseline).map(({ date, value }) => ({ date, value })) })
	);
	const risky = atRiskFirst(
		targets.filter((t) => isAtRisk(t.evaluation.verdict.status)).map((t) => ({ t, status: t.evaluation.verdict.status, probability: t.evaluation.verdict.probability }))
	);
	const atRisk = risky
		.slice(0, AT_RISK_MAX)
		.map(({ t }): RiskTarget => ({
			...screenTarget(t, origin),
			comment: screenComment(input.comments?.get(t.id)),
			expectedAtDeadline: t.evaluation.expectedAtDeadline,
			interval80: t.evaluation.deadlineIntervals?.['80'] ?? null,
			chart: {
				target: { comparator: t.comparator, value: t.value, maxValue: t.maxValue, kind: t.kind, deadline: t.deadline, unit: t.unit },
				series: t.evaluation.series,
				baseline: t.evaluation.progress.baseline,
				forecast: t.evaluation.forecast
			}
		}));
	const titlesByIndicator = new Map<string, string[]>();
	for (const t of targets) {
		for (const id of indicatorIdsOf(t)) titlesByIndicator.set(id, [...(titlesByIndicator.get(id) ?? []), t.title]);
	}
	const changes = recent
		.filter((r) => titlesByIndicator.has(r.indicatorId))
		.slice(0, CHANGES_SHOWN)
		.map(
			(r): ScreenChange => ({
				id: r.id,
				indicator: inLocale(r.indicatorNameZh, r.indicatorNameEn, board.locale),
				targets: titlesByIndicator.get(r.indicatorId)!,
				period: r.period,
				unit: r.unit,
				value: r.value,
				previousValue: r.previousValue,
				version: r.version,
				provenance: r.provenance,
				recordedAt: r.recordedAt.toISOString()
			})
		);
	const lastUpdates = plans.map((p) => p.lastUpdate?.getTime() ?? 0).filter((t) => t > 0);
	const planStatuses = plans.map((p) => ({
		id: p.id,
		title: p.title,
		summary: p.summary,
		lastUpdate: p.lastUpdate?.toISOString() ?? null,
		illustrative: p.targets.some(usesIllustrative)
	}));
	return {
		version: input.version,
		board: { name: board.name, locale: board.locale, pages: board.pages, rotationSeconds: board.rotationSeconds },
		dataAsOf: lastUpdates.length ? new Date(Math.max(...lastUpdates)).toISOString() : null,
		generatedAt: input.now.toISOString(),
		headline,
		plans: planStatuses,
		atRisk,
		atRiskCount: risky.length,
		changes,
		behind: input.accountability ? behindUnits(input.accountability, board.planIds, new Set(targets.map((t) => t.id)), board.locale) : [],
		illustrative:
			headline.some((t) => t.illustrative) ||
			atRisk.some((t) => t.illustrative) ||
			planStatuses.some((p) => p.illustrative) ||
			changes.some((c) => c.provenance === 'illustrative')
	};
}

/** The indicators a target is measured on; a share target also depends on its parent series. */
export function indicatorIdsOf(t: Pick<TargetSummary, 'indicatorId' | 'shareOfIndicatorId'>): string[] {
	return t.shareOfIndicatorId ? [t.indicatorId, t.shareOfIndicatorId] : [t.indicatorId];
}
