/**
 * Reads the figure-entry and correction forms. Every problem is reported against its field as a
 * message key, so the page shows it in the reader's language beside the input.
 */
import { parsePeriod, parseQuantity, type EntryError } from '../../domain/entry';
import { OBSERVATION_BASES, PROVENANCES, type Frequency, type ObservationBasis, type Provenance } from '../../domain/plan';

export type FieldErrors = Partial<Record<string, EntryError>>;

export interface IndicatorForEntry {
	id: string;
	unit: string;
	frequency: Frequency;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
/** Official and provisional figures are published ones: they must name where. */
const needsSource = (p: Provenance) => p === 'official' || p === 'provisional';

/** The source fields: an existing source or a new one; `required` unless something else (an evidence file) can stand in. */
export function readSource(form: FormData, provenance: Provenance, errors: FieldErrors, knownSources: ReadonlySet<string>, required = needsSource(provenance)) {
	const sourceId = text(form, 'sourceId') || null;
	// A hand-made form may name a source that does not exist: said at the field, not a database error.
	if (sourceId && !knownSources.has(sourceId)) errors.sourceId = { code: 'source_unknown' };
	const title = text(form, 'sourceTitle');
	const newSource = title
		? { title, publisher: text(form, 'sourcePublisher') || title, url: text(form, 'sourceUrl'), publishedOn: text(form, 'sourceDate') }
		: null;
	if (newSource) {
		if (!/^https?:\/\/\S+$/.test(newSource.url)) errors.sourceUrl = { code: 'source_url' };
		if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(newSource.publishedOn)) errors.sourceDate = { code: 'source_date' };
	}
	if (required && !sourceId && !newSource) errors.sourceId = { code: 'source_required' };
	return { sourceId: newSource ? null : sourceId, newSource };
}

function readProvenance(form: FormData, errors: FieldErrors): Provenance {
	const value = text(form, 'provenance');
	if (!PROVENANCES.includes(value as Provenance)) errors.provenance = { code: 'empty' };
	return value as Provenance;
}

export function readNewObservation(form: FormData, indicators: IndicatorForEntry[], knownSources: ReadonlySet<string>) {
	const errors: FieldErrors = {};
	const indicator = indicators.find((i) => i.id === text(form, 'indicatorId'));
	if (!indicator) errors.indicatorId = { code: 'empty' };
	const basis = text(form, 'basis') as ObservationBasis;
	if (!OBSERVATION_BASES.includes(basis)) errors.basis = { code: 'empty' };
	const period = indicator && !errors.basis ? parsePeriod(text(form, 'period'), indicator.frequency, basis) : null;
	if (period && !period.ok) errors.period = period.error;
	const value = indicator ? parseQuantity(text(form, 'value'), indicator.unit) : null;
	if (value && !value.ok) errors.value = value.error;
	const provenance = readProvenance(form, errors);
	const source = readSource(form, provenance, errors, knownSources);
	if (Object.keys(errors).length || !indicator || !period?.ok || !value?.ok) return { ok: false as const, errors };
	return {
		ok: true as const,
		entry: { indicatorId: indicator.id, ...period.value, basis, value: value.value, provenance, ...source, note: text(form, 'note') || null }
	};
}

export function readCorrection(form: FormData, unitOf: (observationId: number) => string | undefined, knownSources: ReadonlySet<string>) {
	const errors: FieldErrors = {};
	const observationId = Number(text(form, 'observationId'));
	const expectedVersion = Number(text(form, 'expectedVersion'));
	const unit = unitOf(observationId);
	if (!Number.isInteger(observationId) || unit === undefined || !Number.isInteger(expectedVersion)) errors.observationId = { code: 'empty' };
	const value = parseQuantity(text(form, 'value'), unit ?? '');
	if (!value.ok) errors.value = value.error;
	const provenance = readProvenance(form, errors);
	const source = readSource(form, provenance, errors, knownSources);
	const reason = text(form, 'reason');
	if (!reason) errors.reason = { code: 'reason_required' };
	if (Object.keys(errors).length || !value.ok) return { ok: false as const, errors, observationId };
	return { ok: true as const, correction: { observationId, expectedVersion, value: value.value, provenance, ...source, reason } };
}
