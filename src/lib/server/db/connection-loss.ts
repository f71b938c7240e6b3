/**
 * Whether an error means the database went away (restarted, connection cut, unreachable) rather
 * than refusing the statement: such a failure rolled the transaction back and may be retried as is.
 * drizzle wraps the driver's error as `cause`, so the whole chain is looked at.
 */
const LOST_CODES = new Set([
	// postgres.js
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'CONNECT_TIMEOUT',
	// Node's sockets
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	// PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now
	'57P01',
	'57P02',
	'57P03'
]);

export function isConnectionLoss(error: unknown): boolean {
	for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
		const code = String((e as { code?: unknown }).code ?? '');
		// Class 08: connection exceptions.
		if (LOST_CODES.has(code) || code.startsWith('08')) return true;
	}
	return false;
}

/** The driver's own words for the failure: drizzle's wrapper quotes the whole statement and its parameters. */
export function innermostMessage(error: unknown): string {
	let message = error instanceof Error ? error.message : String(error);
	for (let e = (error as { cause?: unknown })?.cause, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) message = e.message;
	return message;
}
