/**
 * Pacer's configuration, read from the environment once. The app passes `$env/dynamic/private`,
 * scripts pass process.env: both end here, so the rules live in one place.
 */
import path from 'node:path';
import { DEFAULT_STALE_AFTER_DAYS } from '../domain/tasks';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../domain/dates';
import { DEFAULT_ATTACHMENT_LIMIT } from '../domain/alerts';

function positiveInteger(text: string | undefined, name: string): number | undefined {
	if (!text?.trim()) return undefined;
	const value = Number(text);
	if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of days (got "${text}")`);
	return value;
}

export interface PacerConfig {
	/** postgres://…; absent means the embedded PGlite database in dataDir. */
	databaseUrl: string | undefined;
	dataDir: string;
	catalogueDir: string;
	migrationsDir: string;
	/** Days without a progress note after which an open task is flagged stale. */
	taskStaleDays: number;
	/** The deployment's IANA time zone: as-of days, book cut-offs, schedules and every time shown are in it. */
	timeZone: string;
}

/**
 * Zone names already checked: the check builds an Intl formatter, and deploymentTimeZone is asked
 * many times per page (it was 9% of a target page's CPU). The name is still read every time.
 */
const knownZones = new Set<string>();

/** PACER_TIME_ZONE, checked against the runtime's zone database; a typo must not silently mean UTC. */
export function readTimeZone(env: Record<string, string | undefined>): string {
	const zone = env.PACER_TIME_ZONE?.trim() || DEFAULT_TIME_ZONE;
	if (knownZones.has(zone)) return zone;
	if (!isTimeZone(zone)) throw new Error(`PACER_TIME_ZONE must be an IANA time zone name such as Asia/Shanghai or UTC (got "${zone}")`);
	knownZones.add(zone);
	return zone;
}

/** The deployment's time zone for server code that has no config at hand (the environment does not change while running). */
export function deploymentTimeZone(): string {
	return readTimeZone(process.env);
}

export function readConfig(env: Record<string, string | undefined>): PacerConfig {
	const databaseUrl = env.DATABASE_URL?.trim() || undefined;
	if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
		throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got "${databaseUrl.slice(0, 20)}…")`);
	}
	return {
		databaseUrl,
		dataDir: path.resolve(env.PACER_DATA_DIR?.trim() || 'data'),
		catalogueDir: path.resolve(env.PACER_CATALOGUE_DIR?.trim() || 'catalogue'),
		migrationsDir: path.resolve(env.PACER_MIGRATIONS_DIR?.trim() || 'drizzle'),
		taskStaleDays: positiveInteger(env.PACER_TASK_STALE_DAYS, 'PACER_TASK_STALE_DAYS') ?? DEFAULT_STALE_AFTER_DAYS,
		timeZone: readTimeZone(env)
	};
}

/** How Pacer sends mail and links back to itself (server/alerts/). */
export interface MailConfig {
	/** smtp:// or smtps:// with credentials; absent: every mail fails with "mail not configured", visibly. */
	smtpUrl: string | undefined;
	from: string;
	/** The address people open Pacer at, for links in mail and chat messages: ORIGIN, else this instance. */
	publicBaseUrl: string;
	/** A book PDF larger than this many bytes is sent as a link, not attached. */
	attachmentLimit: number;
}

export function readMailConfig(env: Record<string, string | undefined>, fallbackBaseUrl: string): MailConfig {
	const smtpUrl = env.PACER_SMTP_URL?.trim() || undefined;
	if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new Error(`PACER_SMTP_URL must start with smtp:// or smtps:// (got "${smtpUrl.slice(0, 12)}…")`);
	const limit = env.PACER_MAIL_ATTACHMENT_LIMIT?.trim();
	const attachmentLimit = limit ? Number(limit) : DEFAULT_ATTACHMENT_LIMIT;
	if (!Number.isInteger(attachmentLimit) || attachmentLimit < 0) throw new Error(`PACER_MAIL_ATTACHMENT_LIMIT must be a number of bytes (got "${limit}")`);
	return {
		smtpUrl,
		from: env.PACER_MAIL_FROM?.trim() || 'Pacer <pacer@localhost>',
		publicBaseUrl: (env.ORIGIN?.trim() || fallbackBaseUrl).replace(/\/+$/, ''),
		attachmentLimit
	};
}
