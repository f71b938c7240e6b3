import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_USER_ID, createUser, ensureConsoleUser, setUserActive } from '../../src/lib/server/auth/accounts';
import { loadCatalogue } from '../../src/lib/server/catalogue/load-catalogue';
import { seedCatalogue } from '../../src/lib/server/catalogue/seed-catalogue';
import { readCorrection, readNewObservation, type EntryContext } from '../../src/lib/server/entry/observation-form';
import { addObservation, correctObservation, latestVersions } from '../../src/lib/server/queries/observations';
import { targetDetail } from '../../src/lib/server/queries/target';
import type { Role } from '../../src/lib/domain/plan';
import { backend, createMigratedDatabase, type TestDatabase } from './test-database';

/** A form as the page posts it: repeated names (flags, confirm) as repeated fields. */
function form(fields: Record<string, string | string[]>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
	return data;
}

/** Today is fixed so the period rules do not move with the calendar: 1 December 2026 in Shanghai. */
const TODAY = '2026-12-01';

describe(`correcting and entering figures on ${backend}`, () => {
	let t: TestDatabase;
	let analyst: string;
	let detail: NonNullable<Awaited<ReturnType<typeof targetDetail>>>;
	const context = (role: Role): EntryContext => ({ role, today: TODAY, sources: new Map(detail.sources.map((x) => [x.id, x.publishedOn])) });
	const figure = async (period: string) => (await latestVersions(t.handle.db, ['pd.scale'])).find((o) => o.period === period)!;
	const correct = async (fields: Record<string, string | string[]>, role: Role = 'analyst', targetId = 'pd-industry-scale') => {
		detail = (await targetDetail(t.handle.db, targetId, 'zh'))!;
		return readCorrection(form(fields), (id) => detail.observations.find((o) => o.id === id), context(role));
	};
	beforeAll(async () => {
		t = await createMigratedDatabase();
		await seedCatalogue(t.handle.db, loadCatalogue(path.resolve('catalogue')));
		await ensureConsoleUser(t.handle.db);
		analyst = await createUser(t.handle.db, { username: 'c-analyst', role: 'analyst', password: 'correcting analyst', mustChangePassword: false }, CONSOLE_USER_ID);
		detail = (await targetDetail(t.handle.db, 'pd-industry-scale', 'zh'))!;
	});
	afterAll(async () => t?.drop());

	it('the correction form starts from the figure’s source, flags and note, and a correction that changes only the value keeps them', async () => {
		const before = await figure('2021');
		expect(before).toMatchObject({ value: 2700, sourceId: 'chinanews-2022-01-26', flags: ['reprint', 'mirror_site'] });
		const shown = detail.observations.find((o) => o.id === before.observationId)!;
		// What the page preselects: the same source id, flags and note the figure has now.
		expect(shown).toMatchObject({ sourceId: 'chinanews-2022-01-26', flags: ['reprint', 'mirror_site'], note: before.note });
		const read = await correct({
			observationId: String(before.observationId),
			expectedVersion: String(before.version),
			value: '2750',
			provenance: 'official',
			sourceId: shown.sourceId!,
			flagsShown: '1',
			flags: shown.flags,
			note: shown.note ?? '',
			reason: '统计年鉴修订'
		});
		if (!read.ok) throw new Error(JSON.stringify(read));
		await correctObservation(t.handle.db, { ...read.correction, userId: analyst });
		const after = await figure('2021');
		expect(after).toMatchObject({ value: 2750, version: before.version + 1, sourceId: 'chinanews-2022-01-26', note: before.note });
		// The same flags (the form lists them in the catalogue's order).
		expect([...after.flags].sort()).toEqual(['mirror_site', 'reprint']);
	});

	it('a request that leaves out flags and note keeps them; unticking a flag removes it', async () => {
		const before = await figure('2024');
		expect(before.flags).toEqual(['conflicting_sources']);
		const base = { observationId: String(before.observationId), value: '4100', provenance: 'official', sourceId: 'kmwz-2025-04-10', reason: 'check' };
		const kept = await correct({ ...base, expectedVersion: String(before.version), value: '4101' });
		if (!kept.ok) throw new Error(JSON.stringify(kept));
		expect(kept.correction.flags).toBeUndefined();
		await correctObservation(t.handle.db, { ...kept.correction, userId: analyst });
		expect(await figure('2024')).toMatchObject({ value: 4101, flags: ['conflicting_sources'], note: before.note });

		const unticked = await correct({ ...base, expectedVersion: String(before.version + 1), flagsShown: '1', note: 'two reports differ' });
		if (!unticked.ok) throw new Error(JSON.stringify(unticked));
		await correctObservation(t.handle.db, { ...unticked.correction, userId: analyst });
		expect(await figure('2024')).toMatchObject({ value: 4100, flags: [], note: 'two reports differ' });
	});

	it('asks to confirm a figure for a period not yet ended, or from a source published before the period ended', async () => {
		const entry = { indicatorId: 'pd.scale', basis: 'period', provenance: 'estimate' };
		const read = (fields: Record<string, string | string[]>) => readNewObservation(form({ ...entry, ...fields }), detail.indicators, context('analyst'));
		// 2026 ends on 31 December: on 1 December it has not ended.
		expect(read({ period: '2026', value: '4600' })).toEqual({ ok: false, errors: {}, confirm: ['period_not_ended'] });
		// people-2025-07-28 came out in July 2025: it cannot hold the whole of 2025.
		expect(read({ period: '2025', value: '4400', sourceId: 'people-2025-07-28' })).toEqual({ ok: false, errors: {}, confirm: ['source_before_period_end'] });
		// A new source typed in the form counts the same way.
		expect(read({ period: '2023', value: '3800', sourceTitle: '年中通报', sourceUrl: 'https://example.gov.cn/a', sourceDate: '2023-08' })).toMatchObject({ confirm: ['source_before_period_end'] });
		// Ticking one of two questions is not enough.
		expect(read({ period: '2026', value: '4600', sourceId: 'people-2025-07-28', confirm: 'period_not_ended' })).toMatchObject({ ok: false, confirm: ['source_before_period_end'] });
		const confirmed = read({ period: '2026', value: '4600', confirm: 'period_not_ended' });
		if (!confirmed.ok) throw new Error(JSON.stringify(confirmed));
		await addObservation(t.handle.db, { ...confirmed.entry, userId: analyst });
		expect(await figure('2026')).toMatchObject({ value: 4600, provenance: 'estimate' });
		// No question for a finished period from a later source.
		expect(read({ period: '2023', value: '3800', sourceId: 'kmwz-2025-04-10' })).toMatchObject({ ok: true });

		// A correction asks the same, of the figure's own period.
		const f2026 = await figure('2026');
		const correction = { observationId: String(f2026.observationId), expectedVersion: String(f2026.version), value: '4650', provenance: 'estimate', reason: 'update' };
		expect(await correct(correction)).toMatchObject({ ok: false, confirm: ['period_not_ended'] });
		expect(await correct({ ...correction, confirm: 'period_not_ended' })).toMatchObject({ ok: true });
	});

	it('refuses illustrative figures from an analyst, on entry and on correction; an admin may enter them', async () => {
		const entry = { indicatorId: 'pd.scale', basis: 'period', period: '2019', value: '2000', provenance: 'illustrative' };
		expect(readNewObservation(form(entry), detail.indicators, context('analyst'))).toMatchObject({ ok: false, errors: { provenance: { code: 'illustrative_admin_only' } } });
		expect(readNewObservation(form(entry), detail.indicators, context('admin'))).toMatchObject({ ok: true, entry: { provenance: 'illustrative' } });
		const f2022 = await figure('2022');
		const correction = { observationId: String(f2022.observationId), expectedVersion: String(f2022.version), value: '3300', provenance: 'illustrative', reason: 'demo' };
		expect(await correct(correction)).toMatchObject({ ok: false, errors: { provenance: { code: 'illustrative_admin_only' } } });
		expect(await correct(correction, 'admin')).toMatchObject({ ok: true });
	});

	it('an illustrative figure corrected into an estimate drops the note that called it illustrative', async () => {
		const startup2023 = async () => (await latestVersions(t.handle.db, ['sh.trial-startup-time'])).find((o) => o.period === '2023')!;
		const made = await startup2023();
		expect(made).toMatchObject({ provenance: 'illustrative', note: expect.stringContaining('Illustrative') });
		const read = await correct({ observationId: String(made.observationId), expectedVersion: String(made.version), value: '33', provenance: 'estimate', reason: 'hospital survey' }, 'analyst', 'sh-trial-startup');
		if (!read.ok) throw new Error(JSON.stringify(read));
		await correctObservation(t.handle.db, { ...read.correction, userId: analyst });
		expect(await startup2023()).toMatchObject({ value: 33, provenance: 'estimate', note: null });
	});

	it('a deactivated analyst’s figures still name them as the one who recorded them', async () => {
		expect(await setUserActive(t.handle.db, analyst, false, CONSOLE_USER_ID)).toBe('ok');
		const shown = (await targetDetail(t.handle.db, 'pd-industry-scale', 'zh'))!.observations.find((o) => o.period === '2021')!;
		expect(shown.history[0]).toMatchObject({ value: 2750, recordedBy: 'c-analyst' });
	});
});
