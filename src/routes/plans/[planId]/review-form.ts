/**
 * Reads the review page's forms into the shapes the review functions check with zod: numbers
 * from text, empty fields as null, the indicator as a link or a new one. No checking here.
 */
const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const optional = (form: FormData, name: string) => (form.has(name) ? text(form, name) : undefined);
const number = (value: string | undefined) => (value === undefined ? undefined : value === '' ? null : Number(value.replace(/,/g, '')));

export function planDetailsFromForm(form: FormData) {
	return {
		titleZh: text(form, 'titleZh'),
		titleEn: text(form, 'titleEn'),
		issuerZh: text(form, 'issuerZh'),
		issuerEn: text(form, 'issuerEn'),
		documentNumber: text(form, 'documentNumber') || null,
		areaZh: text(form, 'areaZh'),
		areaEn: text(form, 'areaEn'),
		issuedOn: text(form, 'issuedOn'),
		effectiveFrom: text(form, 'effectiveFrom'),
		effectiveTo: text(form, 'effectiveTo') || null
	};
}

export function proposalFromForm(form: FormData) {
	const baselineValue = number(optional(form, 'baselineValue'));
	const baselineDate = optional(form, 'baselineDate');
	const mode = text(form, 'indicatorMode');
	const fields = {
		decision: text(form, 'decision'),
		quote: optional(form, 'quote'),
		comparator: optional(form, 'comparator'),
		value: number(optional(form, 'value')) ?? undefined,
		max: number(optional(form, 'max')),
		unit: optional(form, 'unit'),
		deadline: form.has('deadline') ? text(form, 'deadline') || null : undefined,
		kind: optional(form, 'kind'),
		baseline: baselineValue === undefined ? undefined : baselineValue === null || !baselineDate ? null : { value: baselineValue, date: baselineDate },
		titleZh: optional(form, 'titleZh'),
		titleEn: optional(form, 'titleEn'),
		shareOf: form.has('shareOf') ? text(form, 'shareOf') || null : undefined,
		indicator:
			mode === 'link'
				? { link: text(form, 'indicatorId') }
				: mode === 'create'
					? {
							create: {
								nameZh: text(form, 'newNameZh'),
								nameEn: text(form, 'newNameEn'),
								unit: text(form, 'newUnit'),
								frequency: text(form, 'newFrequency'),
								direction: text(form, 'newDirection'),
								measure: text(form, 'newMeasure'),
								areaZh: text(form, 'newAreaZh'),
								areaEn: text(form, 'newAreaEn'),
								definitionZh: text(form, 'newDefinitionZh'),
								definitionEn: text(form, 'newDefinitionEn')
							}
						}
					: undefined
	};
	// A field left out of the form stays as it is (the schema treats undefined as "unchanged").
	return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
