/**
 * Escape closes the open disclosure (a `<details>`: a menu, a correction form, a note) that holds
 * the focus, and puts the focus back on its summary, as a keyboard user expects of any menu or
 * pop-up. The innermost one closes first; a press outside any open disclosure does nothing.
 */
export function closeDisclosureOnEscape(event: KeyboardEvent): void {
	if (event.key !== 'Escape' || event.defaultPrevented) return;
	const focused = document.activeElement;
	const disclosure = focused instanceof Element ? focused.closest('details[open]') : null;
	if (!(disclosure instanceof HTMLDetailsElement)) return;
	disclosure.open = false;
	disclosure.querySelector<HTMLElement>(':scope > summary')?.focus();
	event.preventDefault();
}
