/** The labels pages show for basis, provenance and flags, in every language: an import reads them as codes. */
import { OBSERVATION_BASES, OBSERVATION_FLAGS, PROVENANCES, LOCALES } from '../../domain/plan';
import type { ImportLabels } from '../../domain/import-rows';
import { translator } from '../../i18n';

let labels: ImportLabels | null = null;

export function importLabels(): ImportLabels {
	if (labels) return labels;
	const all = (key: (t: ReturnType<typeof translator>) => string) => LOCALES.map((l) => key(translator(l)));
	labels = {
		basis: Object.fromEntries(OBSERVATION_BASES.map((b) => [b, all((t) => t(`basis.${b}`))])) as ImportLabels['basis'],
		provenance: Object.fromEntries(PROVENANCES.map((p) => [p, all((t) => t(`provenance.${p}`))])) as ImportLabels['provenance'],
		flags: Object.fromEntries(OBSERVATION_FLAGS.map((f) => [f, all((t) => t(`flag.${f}`))])) as ImportLabels['flags']
	};
	return labels;
}
