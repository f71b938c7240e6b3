/**
 * What a wall screen receives (see server/screen/board-payload.ts, which builds it): defined here so
 * that the screen's components read it without importing server code.
 */
import type { ScreenPage } from './board';
import type { DatedForecast } from './evaluate';
import type { QuarterVerdict } from './judgement';
import type { Comparator, Locale, Provenance } from './plan';
import type { ProgressPoint, ProgressTarget } from './progress';
import type { StatusSummary } from './rollup';
import type { SeriesPoint } from './series';
import type { TaskStanding } from './tasks';
import type { VerdictBasis, VerdictStatus } from './verdict';

export interface ScreenTarget {
	id: string;
	/** The short link to the target page (`/t/<id>` on ORIGIN; shown as host and path, without the scheme) and its QR code (screen/qr.ts). */
	link: { url: string; host: string; path: string; qr: { size: number; path: string } };
	title: string;
	unit: string;
	comparator: Comparator;
	value: number;
	maxValue: number | null;
	deadline: string;
	/** The verdict, what it rests on, and the probability shown beside it (domain/verdict.ts). */
	status: VerdictStatus;
	basis: VerdictBasis;
	probability: number | null;
	latest: { value: number; period: string; provenance: Provenance; partial: boolean } | null;
	/** Where the required path stands at the latest figure's date. */
	requiredAtLatest: number | null;
	baseline: number | null;
	/** The figure it shows is illustrative: the screen must say so (figureIsIllustrative). */
	illustrative: boolean;
	/** The verdict at the last quarter end, for the "changed since" mark. */
	previousQuarter: QuarterVerdict | null;
}

export interface HeadlineTarget extends ScreenTarget {
	/** The figures (no baseline) for a d3 sparkline. */
	trend: { date: string; value: number }[];
}

/** A target's commentary as the wall shows it: shortened to fit its card, with author and date. */
export interface ScreenComment {
	text: string;
	/** The note was longer than shown: the target page has it whole. */
	cut: boolean;
	author: string;
	recordedAt: string;
	asOf: string | null;
}

export interface RiskTarget extends ScreenTarget {
	/** The analysts' current note on why it is behind (domain/commentary.ts), or null. */
	comment: ScreenComment | null;
	expectedAtDeadline: number | null;
	interval80: { lower: number; upper: number } | null;
	chart: { target: ProgressTarget; series: SeriesPoint[]; baseline: ProgressPoint | null; forecast: DatedForecast | null };
}

export interface PlanStatus {
	id: string;
	title: string;
	summary: StatusSummary;
	lastUpdate: string | null;
	illustrative: boolean;
}

export interface ScreenChange {
	/** The version's id: stable, so a new row can be highlighted. */
	id: number;
	indicator: string;
	targets: string[];
	period: string;
	unit: string;
	value: number | null;
	previousValue: number | null;
	version: number;
	provenance: Provenance;
	recordedAt: string;
}

/** One responsible unit on the "who is behind" page. */
export interface BehindUnit {
	id: string;
	/** The full name (shown as the tooltip), and the one-line name the wall shows. */
	name: string;
	shortName: string;
	leads: number;
	behind: number;
	delayed: number;
	overdue: number;
	stale: number;
	indicatorsOverdue: number;
	/** Requests of open data rounds (its indicators' figures, its tasks' notes) not approved by their due day. */
	roundsLate: number;
	/** Led tasks never reported though their first report is past due: shown apart, not as behind. */
	notReported: number;
	notReportedSince: string | null;
	/** The first tasks it leads that are behind, by number, then those not reported yet. */
	tasks: { id: string; label: string; standing: TaskStanding; overdue: boolean; stale: boolean; notReported: boolean; firstReportDue: string }[];
}

export interface ScreenPayload {
	/** Changes whenever anything the board shows may have changed: the data version and the day judged. */
	version: string;
	board: { name: string; locale: Locale; pages: ScreenPage[]; rotationSeconds: number };
	/** When the newest figure on the board was recorded. */
	dataAsOf: string | null;
	generatedAt: string;
	headline: HeadlineTarget[];
	plans: PlanStatus[];
	/** The targets at risk, worst first, up to what the wall pages through; `atRiskCount` counts them all. */
	atRisk: RiskTarget[];
	atRiskCount: number;
	changes: ScreenChange[];
	behind: BehindUnit[];
	illustrative: boolean;
}
