/**
 * The batch forecast contract of `npm run forecast -- --input series.json`: validates the whole
 * request first, so bad input gives one message naming the series and field and no partial output.
 */
import { z } from '../zod';
import { forecastSeries } from './forecast';

/** NaN and Infinity arrive as the strings the text parser put in their place (see runBatchText). */
const finite = z.unknown().transform((v, ctx) => {
	if (typeof v === 'number' && Number.isFinite(v)) return v;
	const message = NON_FINITE.has(v as string) ? `is ${String(v)}, not a finite number` : 'must be a number';
	ctx.addIssue({ code: 'custom', message });
	return z.NEVER;
});
const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);

const seriesSchema = z.object({
	id: z.string({ error: 'must be a string' }).min(1, 'must not be empty'),
	start: z.union([z.number(), z.string()], { error: 'must be a year (2016) or a period such as "2016-01"' }),
	frequency: z.enum(['year', 'half', 'quarter', 'month'], { error: 'must be one of year, half, quarter, month' }),
	values: z.array(finite, { error: 'must be an array of numbers' })
});

const requestSchema = z.object({
	horizon: z
		.number({ error: 'must be a number' })
		.int('must be a whole number of periods')
		.min(1, 'must be at least 1')
		.max(120, 'must be at most 120'),
	levels: z
		.array(finite.refine((v) => v > 0 && v < 100, 'must be between 0 and 100 (exclusive)'), { error: 'must be an array of numbers' })
		.min(1, 'must list at least one level')
		.optional(),
	series: z.array(z.unknown(), { error: 'must be an array' }).min(1, 'must contain at least one series')
});

export interface BatchResult {
	id: string;
	method: string | null;
	mean: number[];
	intervals: Record<string, { lower: number[]; upper: number[] }>;
	/** Why there is no forecast (too few points). */
	reason?: string;
}

export type BatchOutcome = { ok: true; results: BatchResult[] } | { ok: false; message: string };

function describe(issue: z.core.$ZodIssue): string {
	const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
	return `${path || 'input'} ${issue.message}`;
}

/** Runs a parsed request; `ok: false` carries the first problem found, naming series and field. */
export function runBatch(input: unknown): BatchOutcome {
	const request = requestSchema.safeParse(input);
	if (!request.success) return { ok: false, message: describe(request.error.issues[0]) };
	const { horizon, series } = request.data;
	const levels = request.data.levels ?? [80, 95];
	const parsed: z.infer<typeof seriesSchema>[] = [];
	const seen = new Set<string>();
	for (const [index, raw] of series.entries()) {
		const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;
		const name = id ? `series ${JSON.stringify(id)} (series[${index}])` : `series[${index}]`;
		const one = seriesSchema.safeParse(raw);
		if (!one.success) return { ok: false, message: `${name}: ${describe(one.error.issues[0])}` };
		if (seen.has(one.data.id)) return { ok: false, message: `${name}: id ${JSON.stringify(one.data.id)} is used by an earlier series` };
		seen.add(one.data.id);
		parsed.push(one.data);
	}
	const results = parsed.map((s): BatchResult => {
		const outcome = forecastSeries(s.values, { horizon, levels, frequency: s.frequency });
		if (!outcome.ok) return { id: s.id, method: null, mean: [], intervals: {}, reason: outcome.message };
		const { forecast } = outcome;
		const method = `auto (${forecast.weights.map((w) => `${w.method} ${w.weight.toFixed(2)}`).join(', ')})`;
		return { id: s.id, method, mean: forecast.mean, intervals: forecast.intervals };
	});
	return { ok: true, results };
}

/**
 * Parses the text of a request. JSON has no NaN or Infinity, but tools write them: bare ones
 * become strings first, so that the message can name the series and value they sit in.
 */
export function runBatchText(text: string): BatchOutcome {
	let input: unknown;
	try {
		input = JSON.parse(text.replace(/([[,:]\s*)(NaN|-?Infinity)(?=\s*[,\]}])/g, '$1"$2"'));
	} catch (error) {
		return { ok: false, message: oneLine(`input is not valid JSON: ${(error as Error).message}`) };
	}
	const outcome = runBatch(input);
	return outcome.ok ? outcome : { ok: false, message: oneLine(outcome.message) };
}

/**
 * The message is one line of the command's stderr: line breaks and other control characters it
 * quotes are escaped, and half a character (JSON.parse names one UTF-16 unit) becomes U+FFFD.
 */
function oneLine(message: string): string {
	return message
		.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
		.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
