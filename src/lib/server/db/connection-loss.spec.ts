import { describe, expect, it } from 'vitest';
import { innermostMessage, isConnectionLoss } from './connection-loss';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('isConnectionLoss', () => {
	it.each([
		['postgres.js lost the socket', withCode('CONNECTION_CLOSED', 'write CONNECTION_CLOSED 127.0.0.1:5432')],
		['the server was shut down (pg_ctl restart -m fast)', withCode('57P01', 'terminating connection due to administrator command')],
		['the server is not up yet', withCode('ECONNREFUSED')],
		['a connection exception class 08', withCode('08006')],
		['wrapped by drizzle', Object.assign(new Error('Failed query: insert …'), { cause: withCode('57P01') })]
	])('%s: lost', (_, error) => expect(isConnectionLoss(error)).toBe(true));

	it.each([
		['a unique violation', withCode('23505')],
		['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
		['wrapped refusal', Object.assign(new Error('Failed query'), { cause: withCode('23503') })],
		['not an error', 'text'],
		['nothing', null]
	])('%s: not lost', (_, error) => expect(isConnectionLoss(error)).toBe(false));
});

describe('innermostMessage', () => {
	it("gives the driver's message, not drizzle's quoted statement", () => {
		const wrapped = Object.assign(new Error('Failed query: insert into observations … params: 1,2,3'), { cause: withCode('57P01', 'terminating connection due to administrator command') });
		expect(innermostMessage(wrapped)).toBe('terminating connection due to administrator command');
		expect(innermostMessage(withCode('CONNECTION_CLOSED', 'write CONNECTION_CLOSED 127.0.0.1:5432'))).toBe('write CONNECTION_CLOSED 127.0.0.1:5432');
	});
});
