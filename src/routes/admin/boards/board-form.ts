/** The form as entered, to fill it again beside its errors. */
export function formValues(form: FormData) {
	return {
		name: String(form.get('name') ?? ''),
		locale: String(form.get('locale') ?? 'zh'),
		planIds: form.getAll('planIds').map(String),
		headlineTargetIds: form.getAll('headlineTargetIds').map(String),
		pages: form.getAll('pages').map(String),
		rotationSeconds: String(form.get('rotationSeconds') ?? '')
	};
}
