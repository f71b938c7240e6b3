import { describe, expect, it } from 'vitest';
import { canSubmit, daysLate, isLate, isRowId, parseRoundPeriod, reminderKind, requestAccess, requestedPeriod, tallyByUnit, type RoundPeriod } from './rounds';

const round = (text: string): RoundPeriod => {
	const read = parseRoundPeriod(text);
	if (!read.ok) throw new Error(text);
	return read.value;
};

describe('data rounds', () => {
	it('reads a round period as figures are written', () => {
		expect(round('2026-Q3')).toEqual({ period: '2026-Q3', periodStart: '2026-07-01', periodEnd: '2026-09-30', frequency: 'quarter' });
		expect(round('2026年上半年')).toMatchObject({ period: '2026-H1', frequency: 'half' });
		expect(round('2025')).toMatchObject({ periodEnd: '2025-12-31', frequency: 'year' });
		expect(parseRoundPeriod('Q3')).toMatchObject({ ok: false, error: { code: 'period_format' } });
	});

	it.each([
		// round, indicator frequency, measure, usual basis -> period, basis (or not due)
		['2026-Q3', 'year', 'flow', 'period', '2026-01..09', 'year_to_date'],
		['2026-Q4', 'year', 'flow', 'period', '2026', 'period'],
		['2026-Q3', 'year', 'stock', 'period', null, null],
		['2026-H2', 'year', 'stock', 'period', '2026', 'period'],
		['2026', 'quarter', 'flow', 'period', '2026-Q4', 'period'],
		['2026-Q2', 'half', 'flow', 'period', '2026-H1', 'period'],
		['2026-Q3', 'irregular', 'stock', 'point', '2026-Q3', 'point'],
		['2026-03', 'quarter', 'flow', 'period', '2026-Q1', 'period']
	] as const)('a %s round asks a %s %s indicator (kept as %s) for %s', (text, frequency, measure, usualBasis, period, basis) => {
		const asked = requestedPeriod(round(text), { frequency, measure, usualBasis });
		if (period === null) expect(asked).toEqual({ asked: false, reason: 'not_due' });
		else expect(asked).toMatchObject({ asked: true, period, basis });
	});

	it('calls a request late once its due day has passed and it is not approved', () => {
		expect(isLate('open', '2026-10-15', '2026-10-15')).toBe(false);
		expect(isLate('submitted', '2026-10-15', '2026-10-16')).toBe(true);
		expect(isLate('approved', '2026-10-15', '2026-12-01')).toBe(false);
		expect(daysLate('returned', '2026-11-15', '2026-12-01')).toBe(16);
	});

	it('tallies a round per unit, most late first', () => {
		const rows = tallyByUnit(
			[
				{ organisationId: 'a', status: 'approved' },
				{ organisationId: 'b', status: 'open' },
				{ organisationId: 'b', status: 'returned' },
				{ organisationId: 'a', status: 'submitted' }
			],
			'2026-11-15',
			'2026-12-01'
		);
		expect(rows).toEqual([
			{ organisationId: 'b', requested: 2, submitted: 0, approved: 0, returned: 1, late: 2 },
			{ organisationId: 'a', requested: 2, submitted: 1, approved: 1, returned: 0, late: 1 }
		]);
	});

	it('lets a reporter see only their unit’s requests, coordinators all, viewers none', () => {
		expect(requestAccess({ role: 'reporter', organisationId: 'a' }, 'a')).toBe('reporter');
		expect(requestAccess({ role: 'reporter', organisationId: 'a' }, 'b')).toBeNull();
		expect(requestAccess({ role: 'reporter', organisationId: null }, 'a')).toBeNull();
		expect(requestAccess({ role: 'analyst', organisationId: 'a' }, 'b')).toBe('coordinator');
		expect(requestAccess({ role: 'viewer', organisationId: 'a' }, 'a')).toBeNull();
		expect(canSubmit('returned', 'open')).toBe(true);
		expect(canSubmit('submitted', 'open')).toBe(false);
		expect(canSubmit('open', 'closed')).toBe(false);
	});

	it('picks the reminders due: soon before the due day, late only after the escalation delay', () => {
		expect(reminderKind('open', '2026-12-05', '2026-12-01', 7, 3)).toBe('due_soon');
		expect(reminderKind('open', '2026-12-20', '2026-12-01', 7, 3)).toBeNull();
		expect(reminderKind('open', '2026-11-30', '2026-12-01', 7, 3)).toBeNull();
		expect(reminderKind('returned', '2026-11-20', '2026-12-01', 7, 3)).toBe('late');
		expect(reminderKind('approved', '2026-11-20', '2026-12-01', 7, 3)).toBeNull();
		// Submitted: the coordinator has it, not the unit.
		expect(reminderKind('submitted', '2026-11-20', '2026-12-01', 7, 3)).toBeNull();
		expect(reminderKind('submitted', '2026-12-05', '2026-12-01', 7, 3)).toBeNull();
	});

	it('takes only numbers a row id can be from a URL', () => {
		expect([1, 2_147_483_647].map(isRowId)).toEqual([true, true]);
		expect([0, -1, 1.5, Number.NaN, 2_147_483_648, 99_999_999_999].map(isRowId)).toEqual([false, false, false, false, false, false]);
	});
});
