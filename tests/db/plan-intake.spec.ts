/**
 * Plan intake end to end on the database: a draft from an extraction, review, publishing,
 * revisions, books as of a day between revisions, bundles out and in, and drafts seen nowhere
 * outside intake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import * as s from '../../src/lib/server/db/schema';
import { createDraft, draftDocument, getPlanReview, listPlansForIntake, PlanNotFoundError, type DraftDocument } from '../../src/lib/server/plans/drafts';
import { acceptPending, addProposal, deleteDraft, reviewProposal, updatePlanDetails } from '../../src/lib/server/plans/review';
import { publishPlan } from '../../src/lib/server/plans/publish';
import { BundleError, exportPlanBundle, importPlanBundle } from '../../src/lib/server/plans/bundle';
import { judgePlans, listPlansWithTargets, planRows, planTitles } from '../../src/lib/server/queries/plans';
import { overviewPage, overviewPageAsOf } from '../../src/lib/server/queries/overview';
import { boardChoices } from '../../src/lib/server/queries/boards';
import { exportCatalogue } from '../../src/lib/server/export/catalogue-export';
import { indicatorDues, listOrganisations, listTasks, organisationSummaries, tasksNow } from '../../src/lib/server/queries/tasks';
import { bookContent, UnknownPlanError } from '../../src/lib/server/books/content';
import { exploreTargets } from '../../src/lib/server/queries/explore';
import { targetDetail } from '../../src/lib/server/queries/target';
import { endOfLocalDay, localDay } from '../../src/lib/domain/dates';
import { describePublishProblem } from '../../src/lib/domain/intake/publish-problems';
import { deploymentTimeZone } from '../../src/lib/server/config';
import type { Extraction } from '../../src/lib/domain/intake/extraction';
import { backend, createMigratedDatabase, createSeededDatabase, type TestDatabase } from './test-database';

const ANALYST = 'analyst-intake';

const goals =
	'一、发展目标 到2027年，生物医药产业规模达到800亿元，新增上市企业5家，临床试验启动时间压缩至20周以内，创新药占全国比重达到5%。对重点项目给予最高500万元支持。';
const platform = '（一）加快建设临床研究平台，新建研究型病床200张。（责任单位：区科经委、区发改委、测试新单位等）';

const extraction: Extraction = {
	title: '测试区生物医药发展方案（2025-2027年）',
	issuer: '测试区人民政府',
	docNumber: '测府发〔2025〕3号',
	issued: null,
	effectiveFrom: null,
	effectiveTo: '2027-12-31',
	clauses: [
		{ path: '一、', labels: ['一、'], heading: '发展目标', text: goals, units: [] },
		{ path: '二、（一）', labels: ['二、', '（一）'], heading: null, text: platform, units: ['区科经委', '区发改委', '测试新单位等'] }
	],
	targets: [
		{ clause: '一、', quote: '生物医药产业规模达到800亿元', indicator: '生物医药产业规模', comparator: '>=', value: 800, max: null, unit: '亿元', deadline: '2027-12-31', deadlineBasis: 'stated', kind: 'level', baseline: null, shareOf: null, confidence: 0.95 },
		{ clause: '一、', quote: '新增上市企业5家', indicator: '新增上市企业', comparator: '>=', value: 5, max: null, unit: '家', deadline: '2027-12-31', deadlineBasis: 'stated', kind: 'new_since_baseline', baseline: null, shareOf: null, confidence: 0.9 },
		{ clause: '一、', quote: '临床试验启动时间压缩至20周以内', indicator: '临床试验启动时间', comparator: '<=', value: 20, max: null, unit: '周', deadline: '2027-12-31', deadlineBasis: 'stated', kind: 'duration', baseline: null, shareOf: null, confidence: 0.8 },
		{ clause: '一、', quote: '创新药占全国比重达到5%', indicator: '创新药全国占比', comparator: '>=', value: 5, max: null, unit: '%', deadline: '2027-12-31', deadlineBasis: 'stated', kind: 'share', baseline: null, shareOf: '全国', confidence: 0.7 },
		{ clause: '二、（一）', quote: '新建研究型病床200张', indicator: '研究型病床', comparator: '>=', value: 200, max: null, unit: '张', deadline: null, deadlineBasis: null, kind: 'new_since_baseline', baseline: null, shareOf: null, confidence: 0.6 }
	],
	facts: [
		{ clause: '一、', quote: '最高500万元', kind: 'support_cap', value: 500, unit: '万元' },
		{ clause: '一、', quote: '到2027年', kind: 'date', value: null, unit: null }
	],
	tasks: [{ clause: '二、（一）', number: 1, title: '建设临床研究平台', text: '加快建设临床研究平台，新建研究型病床200张。', units: ['区科经委', '区发改委', '测试新单位等'], deadline: null }]
};

const document: DraftDocument = {
	fileName: '测试方案.docx',
	format: 'docx',
	byteSize: 12345,
	sha256: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
	originalText: `测试区人民政府关于印发方案的通知\n${goals}\n${platform}`,
	cleanText: `${goals}\n${platform}`
};

describe(`plan intake on ${backend}`, () => {
	let t: TestDatabase;
	let fresh: TestDatabase;
	let planId: string;
	const db = () => t.handle.db;
	const review = async () => (await getPlanReview(db(), planId))!;
	const proposal = async (quote: string) => (await review()).proposals.find((p) => p.quote.includes(quote))!;
	const tz = deploymentTimeZone();

	beforeAll(async () => {
		t = await createSeededDatabase();
		await db().insert(s.users).values({ id: ANALYST, username: 'intake', displayName: 'Intake Analyst', role: 'analyst' });
	});
	afterAll(async () => {
		await fresh?.drop();
		await t?.drop();
	});

	it('creates a draft from a document and its extraction, with everything the review page needs', async () => {
		({ planId } = await createDraft(db(), ANALYST, { document, extraction }));
		expect(planId).toBe('plan-2025-3-ab12cd34');
		const r = await review();
		expect(r.plan).toMatchObject({ status: 'draft', revision: 1, publishedAt: null, titleZh: extraction.title, issuerZh: '测试区人民政府', areaZh: '测试区', effectiveTo: '2027-12-31' });
		// No issue or start date in the text: today, marked for review.
		expect(r.plan.issuedOn).toBe(localDay(new Date(), tz));
		expect(r.plan.assumedFields).toEqual(['issuedOn', 'effectiveFrom']);
		expect(r.document).toMatchObject({ fileName: '测试方案.docx', format: 'docx', cleanText: document.cleanText });
		expect(r.clauses.map((c) => [c.id, c.path, c.textEn])).toEqual([
			[`${planId}-c1`, ['一、'], ''],
			[`${planId}-c2`, ['二、', '（一）'], '']
		]);
		expect(r.proposals).toHaveLength(5);
		expect(r.proposals.every((p) => p.decision === 'pending' && p.targetId === null)).toBe(true);
		const scale = r.proposals[0];
		expect(scale.suggestions.length).toBeGreaterThan(0);
		expect(scale.suggestions.length).toBeLessThanOrEqual(5);
		expect(scale.suggestions.map((x) => x.id)).toEqual(expect.arrayContaining(['sh.scale', 'pd.scale']));
		expect(scale.suggestions[0].sameUnit).toBe(true);
		// Facts without a number are left out.
		expect(r.facts.map((f) => [f.quote, f.value, f.unit])).toEqual([['最高500万元', 500, '万元']]);
		expect(r.tasks).toHaveLength(1);
		expect(r.tasks[0]).toMatchObject({ number: 1, unitsOpenEnded: true, due: '2027-12-31' });
		expect(r.tasks[0].units.map((u) => [u.nameZh, u.role, u.isNew])).toEqual([
			['区科经委', 'lead', false],
			['区发改委', 'support', false],
			['测试新单位', 'support', true]
		]);
		expect(r.newOrganisations.map((o) => o.nameZh)).toEqual(['测试新单位']);
		expect(r.problems.map(describePublishProblem)).toEqual(expect.arrayContaining([expect.stringMatching(/issuedOn/), expect.stringMatching(/proposal 1 .* is still pending/)]));
		const [audited] = await db().select({ n: count() }).from(s.auditLog).where(and(eq(s.auditLog.action, 'plan.draft'), eq(s.auditLog.entityId, planId)));
		expect(audited.n).toBe(1);
		const listed = (await listPlansForIntake(db())).find((p) => p.id === planId)!;
		expect(listed).toMatchObject({ status: 'draft', proposals: { pending: 5, accepted: 0, rejected: 0 }, targets: 0 });
	});

	it('keeps the draft out of every page but intake', async () => {
		const locale = 'zh';
		expect((await planTitles(db(), locale)).map((p) => p.id)).not.toContain(planId);
		expect((await planRows(db())).map((p) => p.id)).not.toContain(planId);
		expect(await planRows(db(), [planId])).toEqual([]);
		expect((await listPlansWithTargets(db(), locale)).map((p) => p.id)).not.toContain(planId);
		expect((await judgePlans(db(), locale, new Date())).map((p) => p.id)).not.toContain(planId);
		const overview = await overviewPage(db(), locale, null);
		expect(overview.planCount).toBe(2);
		expect((await boardChoices(db(), locale)).map((p) => p.id)).not.toContain(planId);
		expect((await exportCatalogue(db())).plans.map((p) => p.id)).not.toContain(planId);
		expect((await exploreTargets(db(), locale)).some((r) => r.planId === planId)).toBe(false);
		const tasks = await listTasks(db(), await tasksNow(db(), locale, 90));
		expect(tasks.some((task) => task.planId === planId)).toBe(false);
		expect((await listOrganisations(db(), locale)).map((o) => o.nameZh)).not.toContain('测试新单位');
		const options = await tasksNow(db(), locale, 90);
		const units = await organisationSummaries(db(), options);
		expect(units.tasks.some((task) => task.planId === planId)).toBe(false);
		expect(units.rows.some((row) => row.organisationId.startsWith('org-'))).toBe(false);
		expect((await indicatorDues(db(), options)).length).toBeGreaterThan(0);
		await expect(bookContent(db(), { asOf: '2026-01-01', dataCutoff: new Date(), planIds: [planId], locale })).rejects.toBeInstanceOf(UnknownPlanError);
		expect((await bookContent(db(), { asOf: '2026-01-01', dataCutoff: new Date(), planIds: [], locale })).plans.map((p) => p.id)).not.toContain(planId);
		const [targets] = await db().select({ n: count() }).from(s.targets).where(eq(s.targets.planId, planId));
		const [judged] = await db().select({ n: count() }).from(s.targetJudgements).where(eq(s.targetJudgements.planId, planId));
		expect([targets.n, judged.n]).toEqual([0, 0]);
	});

	it('refuses a quote that is not word for word in its clause, and unknown plans and indicators', async () => {
		const listings = await proposal('上市企业');
		const bad = await reviewProposal(db(), ANALYST, planId, listings.id, { decision: 'accepted', quote: '新增上市企业6家' });
		expect(bad).toEqual({ ok: false, errors: { quote: expect.any(String) } });
		const unknown = await reviewProposal(db(), ANALYST, planId, listings.id, { decision: 'accepted', indicator: { link: 'no.such-indicator' } });
		expect(unknown).toMatchObject({ ok: false, errors: { indicator: expect.any(String) } });
		await expect(reviewProposal(db(), ANALYST, 'no-such-plan', listings.id, { decision: 'rejected' })).rejects.toBeInstanceOf(PlanNotFoundError);
		expect(await reviewProposal(db(), ANALYST, planId, 999_999, { decision: 'rejected' })).toMatchObject({ ok: false });
		expect((await proposal('上市企业')).decision).toBe('pending');
	});

	it('reviews: links one, edits one (and creates its indicator), rejects one, accepts the rest', async () => {
		expect(await reviewProposal(db(), ANALYST, planId, (await proposal('产业规模')).id, { decision: 'accepted', indicator: { link: 'sh.scale' }, titleEn: 'Industry scale' })).toEqual({ ok: true });
		const edited = await reviewProposal(db(), ANALYST, planId, (await proposal('上市企业')).id, {
			decision: 'accepted',
			quote: '上市企业5家',
			value: 6,
			titleZh: '新增上市企业',
			indicator: { create: { nameZh: '测试区上市企业', nameEn: 'Listed firms', unit: '家', frequency: 'year', direction: 'higher', measure: 'stock', areaZh: '测试区', areaEn: '', definitionZh: '', definitionEn: '' } }
		});
		expect(edited).toEqual({ ok: true });
		expect(await reviewProposal(db(), ANALYST, planId, (await proposal('临床试验')).id, { decision: 'rejected' })).toEqual({ ok: true });
		expect(await reviewProposal(db(), ANALYST, planId, (await proposal('全国')).id, { decision: 'accepted', shareOf: 'cn.class1-drugs' })).toEqual({ ok: true });

		const pending = await publishPlan(db(), ANALYST, planId);
		expect(pending.ok).toBe(false);
		expect(pending.ok === false && pending.problems.map(describePublishProblem).some((p) => /proposal 5 .* still pending/.test(p))).toBe(true);

		expect(await acceptPending(db(), ANALYST, planId)).toEqual({ accepted: 1 });
		const beds = await proposal('病床');
		expect(beds).toMatchObject({ decision: 'accepted', newIndicator: { nameZh: '研究型病床', unit: '张', direction: 'higher', measure: 'flow', frequency: 'year', areaZh: '测试区' } });
		const noDeadline = await publishPlan(db(), ANALYST, planId);
		expect(noDeadline.ok === false && noDeadline.problems.map(describePublishProblem)).toEqual(expect.arrayContaining([expect.stringMatching(/病床.*no deadline/), expect.stringMatching(/issuedOn/)]));

		expect(await reviewProposal(db(), ANALYST, planId, beds.id, { decision: 'accepted', deadline: '2027-12-31' })).toEqual({ ok: true });
		const details = await updatePlanDetails(db(), ANALYST, planId, { ...(await review()).plan, issuedOn: '2025-03-01', effectiveFrom: '2025-03-01', titleEn: 'Test district biomedicine plan' });
		expect(details).toEqual({ ok: true });
		expect(await updatePlanDetails(db(), ANALYST, planId, { ...(await review()).plan, effectiveTo: '2020-01-01' })).toMatchObject({ ok: false, errors: { effectiveTo: expect.any(String) } });
		expect((await review()).problems).toEqual([]);
	});

	it('publishes: accepted proposals become judged targets on the overview, new indicators get ids', async () => {
		const published = await publishPlan(db(), ANALYST, planId, 'first');
		expect(published).toEqual({ ok: true, revision: 1, changed: true });
		const targets = await db().select().from(s.targets).where(eq(s.targets.planId, planId)).orderBy(s.targets.position);
		expect(targets.map((x) => [x.id, x.quote, x.value, x.indicatorId, x.shareOfIndicatorId])).toEqual([
			[`${planId}-t1`, '生物医药产业规模达到800亿元', 800, 'sh.scale', null],
			[`${planId}-t2`, '上市企业5家', 6, `${planId}-i1`, null],
			[`${planId}-t3`, '创新药占全国比重达到5%', 5, `${planId}-i2`, 'cn.class1-drugs'],
			[`${planId}-t4`, '新建研究型病床200张', 200, `${planId}-i3`, null]
		]);
		const [created] = await db().select().from(s.indicators).where(eq(s.indicators.id, `${planId}-i1`));
		expect(created).toMatchObject({ nameZh: '测试区上市企业', unit: '家' });
		// The task of the beds' clause serves the beds target.
		const links = await db().select().from(s.taskTargets).where(eq(s.taskTargets.taskId, `${planId}-task1`));
		expect(links.map((l) => [l.targetId, l.basis, l.quote])).toEqual([[`${planId}-t4`, 'clause', '新建研究型病床200张']]);
		const judged = await db().select().from(s.targetJudgements).where(eq(s.targetJudgements.planId, planId));
		expect(judged).toHaveLength(4);
		expect((await planTitles(db(), 'zh')).map((p) => p.id)).toContain(planId);
		const overview = await overviewPage(db(), 'zh', null);
		expect(overview.planCount).toBe(3);
		expect((await targetDetail(db(), `${planId}-t1`, 'zh'))?.target.value).toBe(800);
		expect((await listOrganisations(db(), 'zh')).map((o) => o.nameZh)).toContain('测试新单位');
		const r = await review();
		expect(r.plan).toMatchObject({ status: 'published', revision: 1 });
		expect(r.revisions.map((x) => [x.revision, x.note])).toEqual([[1, 'first']]);
		const listed = (await listPlansForIntake(db())).find((p) => p.id === planId)!;
		expect(listed).toMatchObject({ status: 'published', revision: 1, proposals: { pending: 0, accepted: 4, rejected: 1 }, targets: 4 });
		// Publishing again with nothing changed records nothing.
		expect(await publishPlan(db(), ANALYST, planId)).toEqual({ ok: true, revision: 1, changed: false });
	});

	it('publishes later edits as revision 2, keeping revision 1 for books as of the days before', async () => {
		// Revision 1 as if published on 1 June 2025.
		const june = new Date('2025-06-01T04:00:00Z');
		await db().update(s.planRevisions).set({ publishedAt: june }).where(eq(s.planRevisions.planId, planId));
		await db().update(s.plans).set({ publishedAt: june }).where(eq(s.plans.id, planId));

		expect(await reviewProposal(db(), ANALYST, planId, (await proposal('产业规模')).id, { decision: 'accepted', value: 900 })).toEqual({ ok: true });
		expect(await reviewProposal(db(), ANALYST, planId, (await proposal('病床')).id, { decision: 'rejected' })).toEqual({ ok: true });
		// Until published, nothing published changes.
		expect((await db().select().from(s.targets).where(eq(s.targets.id, `${planId}-t1`)))[0].value).toBe(800);

		expect(await publishPlan(db(), ANALYST, planId, 'scale raised, beds dropped')).toEqual({ ok: true, revision: 2, changed: true });
		const targets = await db().select().from(s.targets).where(eq(s.targets.planId, planId)).orderBy(s.targets.position);
		expect(targets.map((x) => [x.id, x.value])).toEqual([
			[`${planId}-t1`, 900],
			[`${planId}-t2`, 6],
			[`${planId}-t3`, 5]
		]);
		expect(await db().select().from(s.targetJudgements).where(eq(s.targetJudgements.targetId, `${planId}-t4`))).toEqual([]);
		const revisions = await db().select().from(s.planRevisions).where(eq(s.planRevisions.planId, planId)).orderBy(s.planRevisions.revision);
		expect(revisions.map((r) => r.revision)).toEqual([1, 2]);
		const first = revisions[0].bundle as { targets: { id: string; value: number }[] };
		expect(first.targets.map((x) => [x.id, x.value])).toEqual([
			[`${planId}-t1`, 800],
			[`${planId}-t2`, 6],
			[`${planId}-t3`, 5],
			[`${planId}-t4`, 200]
		]);

		const book = async (day: string) => {
			const content = await bookContent(db(), { asOf: day, dataCutoff: endOfLocalDay(day, tz), planIds: [], locale: 'zh' });
			return content.plans.find((p) => p.id === planId);
		};
		const between = (await book('2025-07-01'))!;
		expect(between.targets.map((x) => [x.id, x.value])).toEqual(first.targets.map((x) => [x.id, x.value]));
		const now = (await book(localDay(new Date(), tz)))!;
		expect(now.targets.map((x) => [x.id, x.value])).toEqual(targets.map((x) => [x.id, x.value]));
		// Before revision 1 the plan was not published: not in the book.
		expect(await book('2025-05-01')).toBeUndefined();
		// The overview as of a past day counts and shows only the plans published by then.
		const may = await overviewPageAsOf(db(), 'zh', '2025-05-01', null);
		expect([may.planCount, may.plans.some((p) => p.id === planId)]).toEqual([2, false]);
		const july = await overviewPageAsOf(db(), 'zh', '2025-07-01', null);
		expect(july.planCount).toBe(3);
		expect(july.plans.find((p) => p.id === planId)?.targetCount).toBe(4);
		// The seed plans are dated their issue day.
		const early = await bookContent(db(), { asOf: '2023-01-01', dataCutoff: endOfLocalDay('2023-01-01', tz), planIds: [], locale: 'zh' });
		expect(early.plans.map((p) => p.id)).toEqual(['pudong-biomedicine-2022-2024']);
	});

	it('exports a bundle that a fresh database imports with the same targets, once', async () => {
		const bundle = (await exportPlanBundle(db(), planId))!;
		expect(bundle.schemaVersion).toBe(1);
		expect(bundle.indicators.map((i) => i.id).sort()).toEqual(['cn.class1-drugs', `${planId}-i1`, `${planId}-i2`, 'sh.scale'].sort());
		expect(bundle.organisations.map((o) => o.name.zh)).toEqual(expect.arrayContaining(['测试新单位']));
		// Back into the same database: the plan already says this.
		expect(await importPlanBundle(db(), ANALYST, bundle)).toEqual({ planId, changed: false, revision: 2 });

		fresh = await createMigratedDatabase();
		const other = fresh.handle.db;
		await other.insert(s.users).values({ id: ANALYST, username: 'intake', displayName: 'Intake Analyst', role: 'analyst' });
		const imported = await importPlanBundle(other, ANALYST, JSON.parse(JSON.stringify(bundle)));
		expect(imported).toEqual({ planId, changed: true, revision: 1 });
		const columns = { id: s.targets.id, quote: s.targets.quote, value: s.targets.value, indicatorId: s.targets.indicatorId, shareOf: s.targets.shareOfIndicatorId, deadline: s.targets.deadline, position: s.targets.position };
		const here = await db().select(columns).from(s.targets).where(eq(s.targets.planId, planId)).orderBy(s.targets.position);
		const there = await other.select(columns).from(s.targets).where(eq(s.targets.planId, planId)).orderBy(s.targets.position);
		expect(there).toEqual(here);
		expect(await other.select({ n: count() }).from(s.targetJudgements)).toEqual([{ n: 3 }]);

		const audits = async () => (await other.select({ n: count() }).from(s.auditLog))[0].n;
		const before = await audits();
		expect(await importPlanBundle(other, ANALYST, bundle)).toEqual({ planId, changed: false, revision: 1 });
		expect(await audits()).toBe(before);
		expect(await other.select({ n: count() }).from(s.planRevisions)).toEqual([{ n: 1 }]);

		const changed = structuredClone(bundle);
		changed.targets[1].value = 7;
		expect(await importPlanBundle(other, ANALYST, changed)).toEqual({ planId, changed: true, revision: 2 });
		expect((await other.select().from(s.targets).where(eq(s.targets.id, `${planId}-t2`)))[0].value).toBe(7);
		// The import's targets are accepted proposals, so review can edit them into the next revision.
		const r = (await getPlanReview(other, planId))!;
		expect(r.proposals.map((p) => [p.targetId, p.decision])).toEqual(changed.targets.map((x) => [x.id, 'accepted']));
	});

	it('refuses a broken bundle, listing its problems', async () => {
		const bundle = (await exportPlanBundle(db(), planId))!;
		const broken = { ...bundle, targets: [{ ...bundle.targets[0], quote: '不在条款里' }, { ...bundle.targets[1], indicator: 'missing.one' }] };
		const error = await importPlanBundle(db(), ANALYST, broken).catch((e) => e);
		expect(error).toBeInstanceOf(BundleError);
		expect(error.message).toMatch(/quote not found/);
		expect(error.message).toMatch(/missing\.one/);
		await expect(importPlanBundle(db(), ANALYST, { schemaVersion: 2 })).rejects.toThrow(/schemaVersion/);
	});

	it("publishes a published plan's new details at once as its next revision", async () => {
		const before = (await review()).plan;
		expect(before.revision).toBe(2);
		expect(await updatePlanDetails(db(), ANALYST, planId, { ...before, titleEn: 'Test district biomedicine plan, 2025-2027' })).toEqual({ ok: true });
		const after = await review();
		expect(after.plan).toMatchObject({ revision: 3, titleEn: 'Test district biomedicine plan, 2025-2027' });
		expect(after.revisions.map((r) => [r.revision, r.note])).toEqual([
			[3, 'plan details'],
			[2, 'scale raised, beds dropped'],
			[1, 'first']
		]);
		const [second] = await db().select().from(s.planRevisions).where(and(eq(s.planRevisions.planId, planId), eq(s.planRevisions.revision, 2)));
		expect((second.bundle as { plan: { title: { en: string } } }).plan.title.en).toBe('Test district biomedicine plan');
		// Saving the same details again is no change.
		expect(await updatePlanDetails(db(), ANALYST, planId, after.plan)).toEqual({ ok: true });
		expect((await review()).plan.revision).toBe(3);
	});

	it('adds a target the extractor missed, word for word from its clause, numbered in document order', async () => {
		const { planId: other } = await createDraft(db(), ANALYST, { document: { ...document, sha256: 'ff'.repeat(32) }, extraction });
		const clause = `${other}-c1`;
		const missed = { quote: '对重点项目给予最高500万元支持', comparator: '<=', value: 500, max: null, unit: '万元', kind: 'act', deadline: null };
		expect(await addProposal(db(), ANALYST, other, clause, { ...missed, quote: '对重点项目给予最高600万元支持' })).toMatchObject({ ok: false, errors: { quote: expect.any(String) } });
		expect(await addProposal(db(), ANALYST, other, clause, { ...missed, comparator: 'between' })).toMatchObject({ ok: false, errors: { max: expect.any(String) } });
		expect(await addProposal(db(), ANALYST, other, 'no-such-clause', missed)).toMatchObject({ ok: false });
		const added = await addProposal(db(), ANALYST, other, clause, missed);
		expect(added).toMatchObject({ ok: true, proposalId: expect.any(Number) });
		const proposals = (await getPlanReview(db(), other))!.proposals.sort((a, b) => a.position - b.position);
		// After the four proposals of the goals clause, before the platform clause's one.
		expect(proposals.map((p) => p.quote)).toEqual([...extraction.targets.slice(0, 4).map((t) => t.quote), missed.quote, extraction.targets[4].quote]);
		expect(proposals[4]).toMatchObject({ decision: 'pending', deadline: '2027-12-31', deadlineBasis: 'plan_period', kind: 'act', value: 500, confidence: 1 });
	});

	it('reads the document facts of an upload', () => {
		const bytes = new TextEncoder().encode('abc');
		expect(draftDocument('方案.PDF', bytes, 'abc', 'abc')).toEqual({
			fileName: '方案.PDF',
			format: 'pdf',
			byteSize: 3,
			sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
			originalText: 'abc',
			cleanText: 'abc'
		});
	});

	it('gives the same file uploaded again a draft of its own, and discards drafts but never a published plan', async () => {
		const again = await createDraft(db(), ANALYST, { document, extraction });
		expect(again.planId).toBe(`${planId}-2`);
		expect(await deleteDraft(db(), ANALYST, again.planId)).toEqual({ ok: true });
		expect(await getPlanReview(db(), again.planId)).toBeNull();
		expect(await db().select().from(s.clauses).where(eq(s.clauses.planId, again.planId))).toEqual([]);
		expect(await db().select().from(s.tasks).where(eq(s.tasks.planId, again.planId))).toEqual([]);
		expect(await deleteDraft(db(), ANALYST, planId)).toMatchObject({ ok: false });
		await expect(deleteDraft(db(), ANALYST, 'no-such-plan')).rejects.toBeInstanceOf(PlanNotFoundError);
	});
});
