/**
 * The briefing book as one printable page: what headless Chromium turns into the PDF, and what
 * a signed-in person can open to read a book's content in the browser (hooks.server.ts admits,
 * caches and bounds these renders). Server-rendered only: charts arrive
 * as SVG, so nothing runs in the page and the print is exactly what was sent.
 */
import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { deploymentTimeZone } from '$lib/server/config';
import { readBookQuery } from '$lib/domain/book';
import { bookContent, UnknownPlanError } from '$lib/server/books/content';
import { chartSvg } from '$lib/server/charts/svg';
import { targetChartOptions } from '$lib/charts/target-chart';
import { unitName } from '$lib/domain/quantity';
import { targetChartLabels } from '$lib/charts/target-chart-labels';
import { translator } from '$lib/i18n';
import type { PageServerLoad } from './$types';

export const csr = false;

/** The chart's size in CSS pixels: the A4 text width at 96 dpi, a third of the page high. */
const CHART = { width: 680, height: 300 };

export const load = (async ({ url, locals }) => {
	const request = readBookQuery(url.searchParams, locals.locale, new Date(), deploymentTimeZone());
	if (!request.ok) error(400, request.error);
	const { db } = await database();
	try {
		const content = await bookContent(db, request.value);
		const labels = targetChartLabels(translator(locals.locale));
		const charts: Record<string, string | null> = {};
		for (const target of content.plans.flatMap((p) => p.targets)) {
			const { series, progress, forecast } = target.evaluation;
			charts[target.id] = series.length
				? chartSvg(targetChartOptions({ target, series, baseline: progress.baseline, forecast, unit: unitName(target.unit, locals.locale), labels }), CHART.width, CHART.height)
				: null;
		}
		return { content, charts, generatedAt: request.value.generatedAt.toISOString() };
	} catch (e) {
		if (e instanceof UnknownPlanError) error(404, e.message);
		throw e;
	}
}) satisfies PageServerLoad;
