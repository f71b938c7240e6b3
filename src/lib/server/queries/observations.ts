/**
 * Observations and their versions. Values are never updated in place: a correction is a new
 * version, and the figure "as of" a date is the newest version recorded on or before it.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { ObservationFlag, Provenance } from '../../domain/plan';
import { keptNote } from '../../domain/provenance';
import type { Database, Transaction } from '../db/open';
import * as s from '../db/schema';
import { refreshJudgements } from './judgements';
import { type ObservationValue } from './observation-reads';

// Reads live apart (observation-reads.ts), so judging can read figures without importing their writes.
export * from './observation-reads';

export class ObservationConflictError extends Error {
	constructor(
		readonly observationId: number,
		readonly expectedVersion: number,
		readonly currentVersion: number,
		readonly currentValue: number | null
	) {
		super(`observation ${observationId} is at version ${currentVersion}, not ${expectedVersion}: someone else changed it`);
	}
}

/** The newest version of one observation, inside a write that decides on it. */
async function newestVersion(tx: Transaction, observationId: number) {
	const [latest] = await tx
		.select()
		.from(s.observationVersions)
		.where(eq(s.observationVersions.observationId, observationId))
		.orderBy(desc(s.observationVersions.version))
		.limit(1);
	return latest as typeof latest | undefined;
}

/** A source named by an analyst in the same form as the figure it supports. */
export interface NewSource {
	title: string;
	publisher: string;
	url: string;
	publishedOn: string;
}

async function addSource(tx: Transaction, source: NewSource): Promise<string> {
	const id = `entered-${randomUUID().slice(0, 8)}`;
	await tx.insert(s.sources).values({ id, ...source });
	return id;
}

export interface ObservationCorrection {
	observationId: number;
	/** The version the author saw; the write fails if another has been added since. */
	expectedVersion: number;
	value: number | null;
	provenance: Provenance;
	sourceId: string | null;
	/** A source named in the same form, created with the version. */
	newSource?: NewSource | null;
	/** Left out: the current version's flags are kept. */
	flags?: ObservationFlag[];
	/** Left out: the current version's note is kept (keptNote). */
	note?: string | null;
	reason: string;
	userId: string;
	recordedAt?: Date;
}

/** Adds a version to an observation, checking the author's expected version, and audits it. */
export async function correctObservation(db: Database, change: ObservationCorrection) {
	return db.transaction((tx) => correctObservationIn(tx, change));
}

/** correctObservation inside a caller's transaction (a round's approval writes its figure with its review). */
export async function correctObservationIn(tx: Transaction, change: ObservationCorrection) {
	if (!change.reason.trim()) throw new Error('a correction needs a reason');
	// Lock the observation row so two corrections of one value are serialised.
	const [locked] = await tx.select({ indicatorId: s.observations.indicatorId }).from(s.observations).where(eq(s.observations.id, change.observationId)).for('update');
	const latest = await newestVersion(tx, change.observationId);
	if (!latest) throw new Error(`no observation ${change.observationId}`);
	if (latest.version !== change.expectedVersion) {
		throw new ObservationConflictError(change.observationId, change.expectedVersion, latest.version, latest.value);
	}
	const sourceId = change.newSource ? await addSource(tx, change.newSource) : change.sourceId;
	const [version] = await tx
		.insert(s.observationVersions)
		.values({
			observationId: change.observationId,
			version: latest.version + 1,
			value: change.value,
			provenance: change.provenance,
			sourceId,
			flags: change.flags ?? latest.flags,
			note: change.note === undefined ? keptNote(latest, change.provenance) : change.note,
			reason: change.reason,
			recordedBy: change.userId,
			recordedAt: change.recordedAt ?? new Date()
		})
		.returning();
	await tx.insert(s.auditLog).values({
		userId: change.userId,
		action: 'observation.correct',
		entity: 'observation',
		entityId: String(change.observationId),
		detail: { from: latest.value, to: change.value, version: version.version, reason: change.reason }
	});
	// The targets measured on this indicator are judged again before the write is seen.
	await refreshJudgements(tx, { indicatorIds: [locked.indicatorId] });
	return version;
}

export class ObservationExistsError extends Error {
	constructor(
		readonly observationId: number,
		readonly currentVersion: number,
		readonly currentValue: number | null
	) {
		super(`a figure for this period already exists (observation ${observationId}): correct it instead`);
	}
}

export interface NewObservation {
	indicatorId: string;
	period: string;
	periodStart: string;
	periodEnd: string;
	basis: ObservationValue['basis'];
	value: number;
	provenance: Provenance;
	sourceId: string | null;
	/** A source named in the same form, created with the figure. */
	newSource?: NewSource | null;
	note?: string | null;
	userId: string;
}

/** Adds a figure for a period that has none; an existing one is never overwritten (correct it instead). */
export async function addObservation(db: Database, entry: NewObservation): Promise<number> {
	return db.transaction(async (tx) => (await addObservationIn(tx, entry)).observationId);
}

/** addObservation inside a caller's transaction; also returns the first version's id. */
export async function addObservationIn(tx: Transaction, entry: NewObservation): Promise<{ observationId: number; versionId: number }> {
	const [existing] = await tx
		.select({ id: s.observations.id })
		.from(s.observations)
		.where(
			and(
				eq(s.observations.indicatorId, entry.indicatorId),
				eq(s.observations.periodStart, entry.periodStart),
				eq(s.observations.periodEnd, entry.periodEnd),
				eq(s.observations.basis, entry.basis)
			)
		);
	if (existing) {
		const latest = await newestVersion(tx, existing.id);
		throw new ObservationExistsError(existing.id, latest?.version ?? 0, latest?.value ?? null);
	}
	const sourceId = entry.newSource ? await addSource(tx, entry.newSource) : entry.sourceId;
	const [observation] = await tx
		.insert(s.observations)
		.values({ indicatorId: entry.indicatorId, period: entry.period, periodStart: entry.periodStart, periodEnd: entry.periodEnd, basis: entry.basis })
		.returning();
	const [first] = await tx.insert(s.observationVersions).values({
		observationId: observation.id,
		version: 1,
		value: entry.value,
		provenance: entry.provenance,
		sourceId,
		note: entry.note ?? null,
		reason: 'entered',
		recordedBy: entry.userId
	}).returning({ id: s.observationVersions.id });
	await tx.insert(s.auditLog).values({
		userId: entry.userId,
		action: 'observation.add',
		entity: 'observation',
		entityId: String(observation.id),
		detail: { indicator: entry.indicatorId, period: entry.period, value: entry.value, provenance: entry.provenance }
	});
	await refreshJudgements(tx, { indicatorIds: [entry.indicatorId] });
	return { observationId: observation.id, versionId: first.id };
}
