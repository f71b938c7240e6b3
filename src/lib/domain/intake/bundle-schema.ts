/**
 * A plan bundle (schemaVersion 1): one JSON file holding a whole plan as published, its clauses
 * in both languages, targets, the indicators they are measured on (share parents too), tasks with
 * their units, the organisations named and the clause facts. No observations: figures travel
 * separately. `npm run plan -- export|import` reads and writes it; the seed plans are bundles.
 * English may be '' where a plan is not translated yet.
 */
import { z } from '../zod';
import { COMPARATORS, DEADLINE_BASES, DIRECTIONS, FREQUENCIES, MEASURES, TARGET_KINDS } from '../plan';
import { TASK_KINDS } from '../tasks';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lower-case letters, digits, "." and "-"');
/** zh is the document's own words; en may wait for a translator. */
const bilingual = z.object({ zh: z.string().min(1), en: z.string() });
const bilingualBody = z.object({ zh: z.string(), en: z.string() });

export const bundleClause = z.object({
	id,
	path: z.array(z.string().min(1)).min(1),
	heading: bilingual.nullable(),
	text: bilingualBody
});

export const bundleTarget = z
	.object({
		id,
		clause: id,
		quote: z.string().min(1),
		title: bilingual,
		indicator: id,
		comparator: z.enum(COMPARATORS),
		value: z.number(),
		max: z.number().nullable(),
		unit: z.string().min(1),
		kind: z.enum(TARGET_KINDS),
		baseline: z.object({ value: z.number(), date: isoDate, implied: z.boolean() }).nullable(),
		deadline: isoDate,
		deadlineBasis: z.enum(DEADLINE_BASES),
		shareOf: id.nullable(),
		note: bilingual.nullable()
	})
	.refine((t) => (t.comparator === 'between') === (t.max !== null), { message: 'a "between" target has a max, and only it' })
	.refine((t) => (t.kind === 'share') === (t.shareOf !== null), { message: 'a share target names its parent series in shareOf, and only it' });

export const bundleIndicator = z.object({
	id,
	name: bilingual,
	unit: z.string().min(1),
	frequency: z.enum(FREQUENCIES),
	measure: z.enum(MEASURES),
	area: bilingual,
	definition: bilingualBody,
	direction: z.enum(DIRECTIONS)
});

export const bundleOrganisation = z.object({
	id,
	name: bilingual,
	level: z.enum(['national', 'municipal', 'district', 'other']),
	aliases: z.array(z.string().min(1))
});

export const bundleTask = z.object({
	id,
	kind: z.enum(TASK_KINDS),
	number: z.number().int().positive(),
	clause: id,
	bodyClause: id.nullable(),
	title: bilingual,
	text: bilingualBody,
	/** Organisation ids in the order written: the first leads. */
	units: z.array(id),
	unitsOpenEnded: z.boolean(),
	due: isoDate.nullable(),
	targets: z.array(z.object({ target: id, basis: z.enum(['clause', 'text']), quote: z.string().min(1) }))
});

export const bundleFact = z.object({
	clause: id,
	quote: z.string().min(1),
	kind: z.string().min(1),
	value: z.number(),
	unit: z.string(),
	description: bilingualBody
});

export const planBundle = z.object({
	schemaVersion: z.literal(1),
	plan: z.object({
		id,
		title: bilingual,
		issuer: bilingual,
		documentNumber: z.string().nullable(),
		area: bilingual,
		issuedOn: isoDate,
		effectiveFrom: isoDate,
		effectiveTo: isoDate.nullable(),
		sourceUrl: z.string().nullable(),
		sourceNote: bilingualBody,
		/** The cleaned full text for reading and search. */
		sourceText: z.string()
	}),
	clauses: z.array(bundleClause).min(1),
	targets: z.array(bundleTarget),
	indicators: z.array(bundleIndicator),
	organisations: z.array(bundleOrganisation),
	tasks: z.array(bundleTask),
	facts: z.array(bundleFact)
});

export type PlanBundle = z.infer<typeof planBundle>;
export type BundleTarget = z.infer<typeof bundleTarget>;
export type BundleIndicator = z.infer<typeof bundleIndicator>;

/**
 * What does not hold together in a bundle that its shape allows: unknown clauses, indicators,
 * organisations or targets, quotes not in their clause, duplicate ids. Empty when it is sound.
 */
export function bundleProblems(b: PlanBundle): string[] {
	const problems: string[] = [];
	const duplicates = (ids: string[], what: string) => {
		const seen = new Set<string>();
		for (const x of ids) {
			if (seen.has(x)) problems.push(`duplicate ${what} id "${x}"`);
			seen.add(x);
		}
	};
	duplicates(b.clauses.map((c) => c.id), 'clause');
	duplicates(b.targets.map((t) => t.id), 'target');
	duplicates(b.indicators.map((i) => i.id), 'indicator');
	duplicates(b.organisations.map((o) => o.id), 'organisation');
	duplicates(b.tasks.map((t) => t.id), 'task');
	const clauseText = new Map(b.clauses.map((c) => [c.id, c.text.zh]));
	const indicatorIds = new Set(b.indicators.map((i) => i.id));
	const organisationIds = new Set(b.organisations.map((o) => o.id));
	const targetIds = new Set(b.targets.map((t) => t.id));
	b.targets.forEach((t, i) => {
		const text = clauseText.get(t.clause);
		if (text === undefined) problems.push(`targets.${i} (${t.id}): no clause ${t.clause}`);
		else if (!text.includes(t.quote)) problems.push(`targets.${i} (${t.id}): quote not found in clause ${t.clause}`);
		for (const ref of [t.indicator, t.shareOf]) if (ref !== null && !indicatorIds.has(ref)) problems.push(`targets.${i} (${t.id}): indicator ${ref} not in the bundle`);
	});
	b.facts.forEach((f, i) => {
		const text = clauseText.get(f.clause);
		if (text === undefined || !text.includes(f.quote)) problems.push(`facts.${i}: "${f.quote}" not found in clause ${f.clause}`);
	});
	b.tasks.forEach((t, i) => {
		for (const ref of [t.clause, t.bodyClause]) if (ref !== null && !clauseText.has(ref)) problems.push(`tasks.${i} (${t.id}): no clause ${ref}`);
		for (const unit of t.units) if (!organisationIds.has(unit)) problems.push(`tasks.${i} (${t.id}): organisation ${unit} not in the bundle`);
		for (const link of t.targets) if (!targetIds.has(link.target)) problems.push(`tasks.${i} (${t.id}): no target ${link.target}`);
	});
	const numbers = new Set<string>();
	for (const t of b.tasks) {
		const key = `${t.kind} ${t.number}`;
		if (numbers.has(key)) problems.push(`tasks: two ${t.kind}s numbered ${t.number}`);
		numbers.add(key);
	}
	return problems;
}

/**
 * The bundle in one canonical order (indicators, organisations, tasks and facts sorted; clauses
 * and targets in document order as given), so that the same content always hashes the same.
 */
export function canonicalBundle(b: PlanBundle): PlanBundle {
	const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
	const clauseOrder = new Map(b.clauses.map((c, i) => [c.id, i]));
	return {
		...b,
		indicators: byId(b.indicators),
		organisations: byId(b.organisations),
		tasks: [...b.tasks].sort((x, y) => x.kind.localeCompare(y.kind) || x.number - y.number),
		facts: [...b.facts].sort(
			(x, y) => (clauseOrder.get(x.clause) ?? 0) - (clauseOrder.get(y.clause) ?? 0) || (x.quote < y.quote ? -1 : x.quote > y.quote ? 1 : 0) || x.value - y.value
		)
	};
}

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}
