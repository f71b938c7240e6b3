/**
 * Keeps wall screens live: one watcher per process reads the data version (queries/data-version.ts,
 * which every instance on one PostgreSQL server sees alike) as soon as the database says something
 * changed (LISTEN/NOTIFY), and every couple of seconds as a fallback, while any screen is
 * connected, and tells each open stream when it changes. Each stream then rebuilds its board's
 * payload, which also notices a rotated or revoked token.
 */
import type { Database, DatabaseHandle } from '../db/open';
import { recentVersions } from '../queries/observation-reads';
import { listPlansWithTargets } from '../queries/plans';
import { syncJudgements } from '../queries/judgements';
import { dataVersion } from '../queries/data-version';
import { CHANGES_SHOWN, indicatorIdsOf, shapeBoardPayload, type Accountability, type ScreenPayload } from './board-payload';
import type { Board } from '../queries/boards';
import type { Locale } from '../../domain/plan';
import { deploymentTimeZone, readConfig, readMailConfig } from '../config';
import { internalBaseUrl } from '../books/worker';
import { todayIn } from '../../domain/dates';
import { lateRequestList } from '../queries/round-reads';
import { indicatorDues, listOrganisations, listTasks, tasksNow } from '../queries/tasks';
import { currentComments } from '../queries/commentary-reads';

/** The version of everything a board shows: the data, and the day its targets are judged on. */
export async function screenVersion(db: Database): Promise<string> {
	return (await dataVersion(db)).key;
}

/** The board's payload, judged today (from the stored judgements, see queries/judgements.ts). */
export async function loadBoardPayload(db: Database, board: Board, now = new Date()): Promise<ScreenPayload> {
	// Judgements first, so that the version read next already counts their refresh.
	await syncJudgements(db, now);
	const version = await screenVersion(db);
	const plans = await listPlansWithTargets(db, board.locale, board.planIds);
	const indicatorIds = [...new Set(plans.filter((p) => board.planIds.includes(p.id)).flatMap((p) => p.targets.flatMap(indicatorIdsOf)))];
	// More than shown: a version of an indicator outside the board's targets is dropped by the shaping.
	const recent = await recentVersions(db, indicatorIds, CHANGES_SHOWN);
	const accountability = board.pages.includes('behind') ? await loadAccountability(db, board.locale, now) : undefined;
	// Every comment write is audited, so the version read above moves with it and the screens get the new note.
	const comments = board.pages.includes('at_risk') ? await currentComments(db, plans.filter((p) => board.planIds.includes(p.id)).flatMap((p) => p.targets.map((t) => t.id))) : undefined;
	const origin = readMailConfig(process.env, internalBaseUrl(process.env)).publicBaseUrl;
	return shapeBoardPayload({ board, plans, recent, version, now, accountability, comments, origin });
}

/** Tasks, units and indicator dues for the "who is behind" page, judged now. */
async function loadAccountability(db: Database, locale: Locale, now: Date): Promise<Accountability> {
	const options = await tasksNow(db, locale, readConfig(process.env).taskStaleDays);
	const [organisations, tasks, indicators, lateRequests] = await Promise.all([
		listOrganisations(db, locale),
		listTasks(db, { ...options, asOf: now }),
		indicatorDues(db, { locale, cutoff: options.cutoff, asOf: now }),
		lateRequestList(db, todayIn(now, deploymentTimeZone()))
	]);
	return { organisations, tasks, indicators, lateRequests };
}

type Listener = (version: string) => void;

/**
 * How often the data version is read while screens are connected: the fallback for a change whose
 * notification was lost (the listening connection was down). Normally a change arrives at once by
 * the database's notification (DatabaseHandle.watchData, LISTEN/NOTIFY on PostgreSQL).
 */
export const VERSION_POLL_MS = Number(process.env.PACER_SCREEN_POLL_MS ?? 2000);

/** How often an open stream says it is alive; the screen gives up on a stream silent for several of these. */
export const HEARTBEAT_MS = Number(process.env.PACER_SCREEN_HEARTBEAT_MS ?? 5000);

const listeners = new Set<Listener>();
let timer: ReturnType<typeof setInterval> | null = null;
let unwatchData: (() => void) | null = null;
let lastVersion: string | null = null;
let reading = false;
let readAgain = false;

/** Reads the version and tells every listener when it moved; a read asked for during one runs right after it. */
async function readVersion(db: Database) {
	if (reading) {
		readAgain = true;
		return;
	}
	reading = true;
	try {
		do {
			readAgain = false;
			try {
				const version = await screenVersion(db);
				if (version !== lastVersion && listeners.size) {
					lastVersion = version;
					for (const l of listeners) l(version);
				}
			} catch {
				// The database is away for a moment: the screens keep their data and the next read tries again.
			}
		} while (readAgain);
	} finally {
		reading = false;
	}
}

/** Calls `listener` with each new version while subscribed; returns the unsubscribe function. */
export function watchScreenVersion(handle: Pick<DatabaseHandle, 'db' | 'watchData'>, listener: Listener): () => void {
	listeners.add(listener);
	if (!timer) {
		unwatchData = handle.watchData(() => void readVersion(handle.db));
		timer = setInterval(() => void readVersion(handle.db), VERSION_POLL_MS);
		// Screens must not keep a stopping server alive.
		timer.unref?.();
	}
	return () => {
		listeners.delete(listener);
		if (listeners.size === 0 && timer) {
			clearInterval(timer);
			unwatchData?.();
			timer = null;
			unwatchData = null;
			lastVersion = null;
		}
	};
}

const closers = new Set<() => void>();
let closingOnShutdown = false;

/**
 * Registers a stream to be ended when the server stops: adapter-node waits for open connections,
 * and a live stream never ends by itself, so a deploy would hang for its full shutdown timeout.
 */
export function closeOnShutdown(close: () => void): () => void {
	closers.add(close);
	if (!closingOnShutdown) {
		closingOnShutdown = true;
		for (const signal of ['SIGTERM', 'SIGINT'] as const) {
			process.once(signal, () => {
				for (const c of closers) c();
			});
		}
	}
	return () => closers.delete(close);
}
