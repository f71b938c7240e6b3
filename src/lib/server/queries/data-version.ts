/**
 * The one version of the data every cache and watcher keys on: the page cache, the stored
 * judgements' catch-up, the live wall screens and the past-date overview. Everything a page of
 * judgements depends on is read in one query: the newest audit row (every write writes one), the
 * newest figure version, the number of targets, the newest stored-judgement revision, and the day
 * in the deployment's zone (verdicts are "as of today").
 */
import { sql } from 'drizzle-orm';
import { todayIn } from '../../domain/dates';
import { deploymentTimeZone } from '../config';
import type { Database } from '../db/open';
import * as s from '../db/schema';

export interface DataVersion {
	audit: number;
	/** The newest observation_versions id. */
	figures: number;
	targets: number;
	/** The newest target_judgements revision. */
	judged: number;
	day: string;
	/** All of the above as one string. */
	key: string;
}

const reading = new WeakMap<Database, Promise<DataVersion>>();

/**
 * The data's version now. Requests that arrive while the query runs share it, so under load one
 * read serves many; such a request may get a version read up to one query's time before it arrived,
 * and a write committed in that window shows from the next request on.
 */
export function dataVersion(db: Database): Promise<DataVersion> {
	let pending = reading.get(db);
	if (!pending) {
		pending = readDataVersion(db).finally(() => reading.delete(db));
		reading.set(db, pending);
	}
	return pending;
}

export async function readDataVersion(db: Database, now = new Date()): Promise<DataVersion> {
	const [row] = await db
		.select({
			audit: sql<number>`(select coalesce(max(id), 0) from ${s.auditLog})`,
			figures: sql<number>`(select coalesce(max(id), 0) from ${s.observationVersions})`,
			targets: sql<number>`(select count(*) from ${s.targets})`,
			judged: sql<number>`(select coalesce(max(revision), 0) from ${s.targetJudgements})`
		})
		.from(sql`(select 1) as one`);
	const day = todayIn(now, deploymentTimeZone());
	const [audit, figures, targets, judged] = [row.audit, row.figures, row.targets, row.judged].map(Number);
	return { audit, figures, targets, judged, day, key: `${audit}|${figures}|${targets}|${judged}|${day}` };
}
