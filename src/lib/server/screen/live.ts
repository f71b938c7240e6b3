/**
 * Keeps wall screens live: one watcher per process reads the data version (the newest audit-log id,
 * which every instance on one PostgreSQL server sees) every couple of seconds while any screen is
 * connected, and tells each open stream when it changes. Each stream then rebuilds its board's
 * payload, which also notices a rotated or revoked token.
 */
import type { Database } from '../db/open';
import { recentVersions } from '../queries/observations';
import { dataVersion, listPlansWithTargets } from '../queries/plans';
import { CHANGES_SHOWN, indicatorIdsOf, shapeBoardPayload, type ScreenPayload } from './board-payload';
import type { Board } from '../queries/boards';

/** The version of everything a board shows: the data, and the day its targets are judged on. */
export async function screenVersion(db: Database, now = new Date()): Promise<string> {
	return `${await dataVersion(db)}|${now.toISOString().slice(0, 10)}`;
}

/** The board's payload, judged today (from the stored judgements, see queries/judgements.ts). */
export async function loadBoardPayload(db: Database, board: Board, now = new Date()): Promise<ScreenPayload> {
	const version = await screenVersion(db, now);
	const plans = await listPlansWithTargets(db, board.locale, board.planIds);
	const indicatorIds = [...new Set(plans.filter((p) => board.planIds.includes(p.id)).flatMap((p) => p.targets.flatMap(indicatorIdsOf)))];
	// More than shown: a version of an indicator outside the board's targets is dropped by the shaping.
	const recent = await recentVersions(db, indicatorIds, CHANGES_SHOWN);
	return shapeBoardPayload({ board, plans, recent, version, now });
}

type Listener = (version: string) => void;

/** How often the data version is read; a change reaches the screens within this plus the send. */
export const VERSION_POLL_MS = Number(process.env.PACER_SCREEN_POLL_MS ?? 2000);

/** How often an open stream says it is alive; the screen gives up on a stream silent for several of these. */
export const HEARTBEAT_MS = Number(process.env.PACER_SCREEN_HEARTBEAT_MS ?? 5000);

const listeners = new Set<Listener>();
let timer: ReturnType<typeof setInterval> | null = null;
let lastVersion: string | null = null;

/** Calls `listener` with each new version while subscribed; returns the unsubscribe function. */
export function watchScreenVersion(db: Database, listener: Listener): () => void {
	listeners.add(listener);
	if (!timer) {
		let reading = false;
		timer = setInterval(async () => {
			if (reading) return;
			reading = true;
			try {
				const version = await screenVersion(db);
				if (version !== lastVersion) {
					lastVersion = version;
					for (const l of listeners) l(version);
				}
			} catch {
				// The database is away for a moment: the screens keep their data and the next read tries again.
			} finally {
				reading = false;
			}
		}, VERSION_POLL_MS);
		// Screens must not keep a stopping server alive.
		timer.unref?.();
	}
	return () => {
		listeners.delete(listener);
		if (listeners.size === 0 && timer) {
			clearInterval(timer);
			timer = null;
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
