/**
 * Reads the figure-entry and correction forms. Every problem is reported against its field as a
 * message key, so the page shows it in the reader's language beside the input. A figure the rules
 * want looked at twice (entryConfirmations) comes back as a list of confirmations to tick and send again.
 */
import { entryConfirmations, parsePeriod, parseQuantity, type EntryConfirmation, type EntryError } from '../../domain/entry';
import { OBSERVATION_BASES, OBSERVATION_FLAGS, PROVENANCES, type Frequency, type ObservationBasis, type ObservationFlag, type Provenance, type Role } from '../../domain/plan';
import { mayRecordProvenance } from '../../domain/roles';

export type FieldErrors = Partial<Record<string, EntryError>>;

export interface IndicatorForEntry {
	id: string;
	unit: string;
	frequency: Frequency;
}

/** Who enters, on which day (the deployment's), and the sources that exist with their publication dates. */
export interface EntryContext {
	role: Role;
	today: string;
	sources: ReadonlyMap<string, string>;
}

/** What the correction form starts from: the figure's current state. */
export interface FigureForCorrection {
	unit: string;
	periodEnd: string;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
/** Official and provisional figures are published ones: they must name where. */
const needsSource = (p: Provenance) => p === 'official' || p === 'provisional';

/** The source fields: an existing source or a new one; `required` unless something else (an evidence file) can stand in. */
export function readSource(form: FormData, provenance: Provenance, errors: FieldErrors, knownSources: ReadonlyMap<string, string>, required = needsSource(provenance)) {
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
	const publishedOn = newSource ? newSource.publishedOn : sourceId ? (knownSources.get(sourceId) ?? null) : null;
	return { source: { sourceId: newSource ? null : sourceId, newSource }, publishedOn };
}

function readProvenance(form: FormData, errors: FieldErrors, role: Role): Provenance {
	const value = text(form, 'provenance');
	if (!PROVENANCES.includes(value as Provenance)) errors.provenance = { code: 'empty' };
	else if (!mayRecordProvenance(role, value as Provenance)) errors.provenance = { code: 'illustrative_admin_only' };
	return value as Provenance;
}

/** The confirmations still to be ticked: the form sends back the ones it showed, all of them or none. */
function unconfirmed(form: FormData, periodEnd: string, publishedOn: string | null, today: string): EntryConfirmation[] {
	const asked = entryConfirmations(periodEnd, publishedOn, today);
	const ticked = new Set(form.getAll('confirm').map(String));
	return asked.filter((c) => !ticked.has(c));
}

export function readNewObservation(form: FormData, indicators: IndicatorForEntry[], context: EntryContext) {
	const errors: FieldErrors = {};
	const indicator = indicators.find((i) => i.id === text(form, 'indicatorId'));
	if (!indicator) errors.indicatorId = { code: 'empty' };
	const basis = text(form, 'basis') as ObservationBasis;
	if (!OBSERVATION_BASES.includes(basis)) errors.basis = { code: 'empty' };
	const period = indicator && !errors.basis ? parsePeriod(text(form, 'period'), indicator.frequency, basis) : null;
	if (period && !period.ok) errors.period = period.error;
	const value = indicator ? parseQuantity(text(form, 'value'), indicator.unit) : null;
	if (value && !value.ok) errors.value = value.error;
	const provenance = readProvenance(form, errors, context.role);
	const { source, publishedOn } = readSource(form, provenance, errors, context.sources);
	if (Object.keys(errors).length || !indicator || !period?.ok || !value?.ok) return { ok: false as const, errors, confirm: [] };
	const confirm = unconfirmed(form, period.value.periodEnd, publishedOn, context.today);
	if (confirm.length) return { ok: false as const, errors, confirm };
	return {
		ok: true as const,
		entry: { indicatorId: indicator.id, ...period.value, basis, value: value.value, provenance, ...source, note: text(form, 'note') || null }
	};
}

/**
 * A correction keeps the figure's flags and note unless the form says otherwise: the form marks that
 * it shows the flags (`flagsShown`) and sends its note field; a request without them changes neither.
 */
export function readCorrection(form: FormData, figureOf: (observationId: number) => FigureForCorrection | undefined, context: EntryContext) {
	const errors: FieldErrors = {};
	const observationId = Number(text(form, 'observationId'));
	const expectedVersion = Number(text(form, 'expectedVersion'));
	const figure = figureOf(observationId);
	if (!Number.isInteger(observationId) || figure === undefined || !Number.isInteger(expectedVersion)) errors.observationId = { code: 'empty' };
	const value = parseQuantity(text(form, 'value'), figure?.unit ?? '');
	if (!value.ok) errors.value = value.error;
	const provenance = readProvenance(form, errors, context.role);
	const { source, publishedOn } = readSource(form, provenance, errors, context.sources);
	const reason = text(form, 'reason');
	if (!reason) errors.reason = { code: 'reason_required' };
	const flags: ObservationFlag[] | undefined = form.has('flagsShown') ? OBSERVATION_FLAGS.filter((f) => form.getAll('flags').includes(f)) : undefined;
	const note = form.has('note') ? text(form, 'note') || null : undefined;
	if (Object.keys(errors).length || !value.ok || !figure) return { ok: false as const, errors, observationId, confirm: [] };
	const confirm = unconfirmed(form, figure.periodEnd, publishedOn, context.today);
	if (confirm.length) return { ok: false as const, errors, observationId, confirm };
	return { ok: true as const, correction: { observationId, expectedVersion, value: value.value, provenance, ...source, flags, note, reason } };
}
