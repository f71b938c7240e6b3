/**
 * What a page says in the wrong language. A page in English may quote Chinese only inside elements
 * marked as verbatim (`data-verbatim`, or `lang="zh…"` on quoted clauses, titles and names whose
 * only official form is Chinese); a page in Chinese may use Latin letters only for codes,
 * abbreviations, identifiers, units and inside elements marked verbatim (`data-verbatim`, `lang="en"`).
 */
import type { Page } from 'playwright-core';
import type { Locale } from '../../src/lib/domain/plan';

/** One piece of visible text and the element that shows it. */
export interface ShownText {
	text: string;
	where: string;
}

/**
 * The visible text of the page, one entry per text node (and per placeholder, button value, image
 * alt and `<title>`), skipping elements marked as quoting the other language.
 */
export function shownText(page: Page, locale: Locale): Promise<ShownText[]> {
	return page.evaluate((locale) => {
		// Verbatim in the other language: a quote, a title or a name that has no form in the page's language.
		// Code (parameter names, commands, addresses) reads the same in every language.
		const quoted = locale === 'en' ? '[data-verbatim], [lang|="zh"], code, pre' : '[data-verbatim], [lang|="en"], code, pre';
		const found: { text: string; where: string }[] = [];
		// No helper functions in here: the test runner's transpiler may wrap named ones in a helper the page lacks.
		const pieces: [Element, string, string][] = [];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
			if (!parent || !text || parent.closest('script, style, noscript, template')) continue;
			// Text inside a closed <details> counts: it is one click away.
			if (!parent.checkVisibility({ checkVisibilityCSS: true }) && !parent.closest('details:not([open])')) continue;
			pieces.push([parent, '', text]);
		}
		for (const element of document.querySelectorAll('[placeholder], [alt], [aria-label], [title], input[type=submit][value], input[type=button][value]')) {
			for (const attribute of ['placeholder', 'alt', 'aria-label', 'title', 'value']) {
				if (attribute === 'value' && !(element instanceof HTMLInputElement && ['submit', 'button'].includes(element.type))) continue;
				const text = element.getAttribute(attribute)?.trim();
				if (text) pieces.push([element, `[${attribute}]`, text]);
			}
		}
		for (const [element, attribute, text] of pieces) {
			if (element.closest(quoted)) continue;
			const id = element.id ? `#${element.id}` : '';
			const cls = typeof element.className === 'string' && element.className.trim() ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
			found.push({ text, where: `${element.tagName.toLowerCase()}${id}${cls}${attribute}` });
		}
		// The tab title repeats names shown on the page (a board's): those marked verbatim there are names here too.
		let title = document.title;
		for (const marked of document.querySelectorAll(quoted)) if (marked.textContent?.trim()) title = title.split(marked.textContent.trim()).join('');
		if (title.trim()) found.push({ text: title, where: 'title' });
		return found;
	}, locale);
}

/** Han characters, CJK punctuation and full-width forms (a full-width colon in English is as wrong as a character). */
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]+/gu;

/**
 * Latin words a Chinese page may show: abbreviations (CSV, PDF, UTC, SDG), identifiers, codes and
 * addresses (pd-task-1, e2e-admin, 2024-H1, Asia/Shanghai, https://…), units written in Latin
 * letters, and the proper names of the app, file formats and the forecasting methods it cites.
 */
const ALLOWED_NAMES = ['Open SDG', 'OpenAPI', 'R forecast', 'Pacer', 'Markdown', 'Excel', 'Webhook', 'Cron', 'cron', 'Holt', 'Theta', 'errcode', 'pp', 'bn', 'm²'];
function allowedLatin(token: string): boolean {
	if (/^[A-Z0-9]+s?$/.test(token)) return true; // an abbreviation: CSV, PDF, UTC, QR, IDs
	if (/[-_.0-9@/?=:]/.test(token)) return true; // an identifier, a file name, a time zone or an address
	return token.length === 1; // a variable or a series letter: R, n, x
}

/** The pieces of text in the wrong language for the page's locale, each with its element. */
export function wrongLanguage(texts: ShownText[], locale: Locale): string[] {
	const problems: string[] = [];
	for (const { text, where } of texts) {
		if (locale === 'en') {
			const chinese = text.match(CHINESE);
			if (chinese) problems.push(`${where}: "${text.slice(0, 120)}" (${chinese.join(' ')})`);
		} else {
			let rest = ` ${text} `;
			for (const name of ALLOWED_NAMES) rest = rest.split(name).join(' ');
			// Runs of Latin letters with what codes are made of, wherever they sit among Chinese characters.
			const runs = rest.match(/[A-Za-z0-9][A-Za-z0-9'\-_.@/?=:&%+]*/g) ?? [];
			const stray = runs.filter((token) => /[A-Za-z]/.test(token) && !allowedLatin(token));
			if (stray.length > 0) problems.push(`${where}: "${text.slice(0, 120)}" (${stray.join(' ')})`);
		}
	}
	return [...new Set(problems)];
}
