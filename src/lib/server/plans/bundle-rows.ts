/**
 * A plan bundle's parts as database rows, written once: importing a bundle writes these rows, and
 * an as-of read rebuilds the same rows from a past revision's bundle instead of the tables.
 */
import type { PlanBundle } from '../../domain/intake/bundle-schema';

type Bilingual = { zh: string; en: string };

/** An indicator row; the catalogue's indicators.json has the same fields. */
export function indicatorRow(i: { id: string; name: Bilingual; unit: string; frequency: PlanBundle['indicators'][number]['frequency']; measure: PlanBundle['indicators'][number]['measure']; area: Bilingual; definition: Bilingual; direction: PlanBundle['indicators'][number]['direction'] }) {
	return {
		id: i.id,
		nameZh: i.name.zh,
		nameEn: i.name.en,
		unit: i.unit,
		frequency: i.frequency,
		measure: i.measure,
		areaZh: i.area.zh,
		areaEn: i.area.en,
		definitionZh: i.definition.zh,
		definitionEn: i.definition.en,
		direction: i.direction
	};
}

export function organisationRow(o: { id: string; name: Bilingual; level: PlanBundle['organisations'][number]['level']; aliases: string[] }) {
	return { id: o.id, nameZh: o.name.zh, nameEn: o.name.en, level: o.level, aliases: o.aliases };
}

export function clauseRow(c: PlanBundle['clauses'][number], planId: string, position: number) {
	return { id: c.id, planId, position, path: c.path, headingZh: c.heading?.zh ?? null, headingEn: c.heading?.en ?? null, textZh: c.text.zh, textEn: c.text.en };
}

export function targetRow(t: PlanBundle['targets'][number], planId: string, position: number) {
	return {
		id: t.id,
		planId,
		clauseId: t.clause,
		position,
		quote: t.quote,
		titleZh: t.title.zh,
		titleEn: t.title.en,
		indicatorId: t.indicator,
		comparator: t.comparator,
		value: t.value,
		maxValue: t.max,
		unit: t.unit,
		kind: t.kind,
		baselineValue: t.baseline?.value ?? null,
		baselineDate: t.baseline?.date ?? null,
		baselineImplied: t.baseline?.implied ?? false,
		deadline: t.deadline,
		deadlineBasis: t.deadlineBasis,
		shareOfIndicatorId: t.shareOf,
		noteZh: t.note?.zh ?? null,
		noteEn: t.note?.en ?? null
	};
}

/** The plan's own row, without status and revision (the importer's). */
export function planRow(p: PlanBundle['plan']) {
	return {
		id: p.id,
		titleZh: p.title.zh,
		titleEn: p.title.en,
		issuerZh: p.issuer.zh,
		issuerEn: p.issuer.en,
		documentNumber: p.documentNumber,
		areaZh: p.area.zh,
		areaEn: p.area.en,
		issuedOn: p.issuedOn,
		effectiveFrom: p.effectiveFrom,
		effectiveTo: p.effectiveTo,
		sourceUrl: p.sourceUrl,
		sourceNoteZh: p.sourceNote.zh,
		sourceNoteEn: p.sourceNote.en,
		sourceText: p.sourceText
	};
}
