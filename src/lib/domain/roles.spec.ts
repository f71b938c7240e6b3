import { describe, expect, it } from 'vitest';
import { hasRole, loginDelaySeconds, MAX_LOGIN_DELAY_SECONDS, mayRecordProvenance } from './roles';

describe('roles', () => {
	it('orders viewer < analyst < admin', () => {
		expect(hasRole('admin', 'analyst')).toBe(true);
		expect(hasRole('analyst', 'analyst')).toBe(true);
		expect(hasRole('viewer', 'analyst')).toBe(false);
		expect(hasRole('analyst', 'admin')).toBe(false);
	});

	it('keeps reporters out of analyst work but lets them read', () => {
		expect(hasRole('reporter', 'viewer')).toBe(true);
		expect(hasRole('reporter', 'analyst')).toBe(false);
		expect(hasRole('viewer', 'reporter')).toBe(false);
	});

	it('slows down repeated failed logins, doubling and capped', () => {
		expect([1, 2, 3, 4, 5, 6].map(loginDelaySeconds)).toEqual([0, 0, 0, 2, 4, 8]);
		expect(loginDelaySeconds(40)).toBe(MAX_LOGIN_DELAY_SECONDS);
	});
});

describe('mayRecordProvenance', () => {
	it('keeps illustrative figures to admins', () => {
		expect(mayRecordProvenance('admin', 'illustrative')).toBe(true);
		expect(mayRecordProvenance('analyst', 'illustrative')).toBe(false);
		expect(mayRecordProvenance('viewer', 'illustrative')).toBe(false);
		for (const p of ['official', 'provisional', 'estimate'] as const) expect(mayRecordProvenance('analyst', p)).toBe(true);
	});
});
