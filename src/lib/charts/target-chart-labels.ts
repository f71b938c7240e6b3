/** The gap-to-target chart's labels in the reader's language: one list for the target page, the book and the screen. */
import type { Translate } from '../i18n';
import { PROVENANCES, type Provenance } from '../domain/plan';
import type { TargetChartLabels } from './target-chart';

export function targetChartLabels(t: Translate): TargetChartLabels {
	return {
		actual: t('chart.actual'),
		target: t('chart.target'),
		requiredPath: t('chart.requiredPath'),
		forecast: t('chart.forecast'),
		interval80: t('chart.interval80'),
		interval95: t('chart.interval95'),
		deadline: t('chart.deadline'),
		baseline: t('chart.baseline'),
		provenance: Object.fromEntries(PROVENANCES.map((p) => [p, t(`provenance.${p}`)])) as Record<Provenance, string>
	};
}
