/**
 * Prints a briefing book: headless Chromium (Debian's, through playwright-core) opens the app's
 * own print page and saves it as an A4 PDF. Chromium cannot fill in a table of contents, so the
 * book is printed twice: the first printing carries invisible markers at each heading, pdf.js
 * reads on which page each marker landed, the numbers go into the contents, the markers come out,
 * and the second printing is the book. The contents' placeholders have the width of the
 * numbers, so nothing moves between the two printings.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { bookQuery, type BookRequest } from '../../domain/book';

export interface RenderedBook {
	pdf: Uint8Array;
	pageCount: number;
}

export type BookRenderer = (request: BookRequest) => Promise<RenderedBook>;

/** Renders a page no slower than this, or gives up with a reason. */
const TIMEOUT_MS = 60_000;

export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
	return env.PACER_CHROMIUM?.trim() || '/usr/bin/chromium';
}

async function launch(executablePath: string): Promise<Browser> {
	if (!fs.existsSync(executablePath)) {
		throw new Error(`Chromium not found at ${executablePath}: install Debian's chromium package or set PACER_CHROMIUM`);
	}
	return chromium.launch({
		executablePath,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
		timeout: TIMEOUT_MS
	});
}

/** The text of each page of a PDF, in order. */
export async function pageTexts(pdf: Uint8Array): Promise<string[]> {
	// pdf.js takes ownership of the buffer it is given (and refuses a Buffer): hand it a copy.
	const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
	try {
		const texts: string[] = [];
		for (let n = 1; n <= document.numPages; n++) {
			const page = await document.getPage(n);
			const content = await page.getTextContent();
			texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
		}
		return texts;
	} finally {
		await document.destroy();
	}
}

export async function countPages(pdf: Uint8Array): Promise<number> {
	const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
	const count = document.numPages;
	await document.destroy();
	return count;
}

/** Marker index -> page number (1-based), from the texts of the first printing. */
export function markerPages(texts: string[]): Map<number, number> {
	const pages = new Map<number, number>();
	texts.forEach((text, i) => {
		for (const match of text.matchAll(/@@toc-(\d+)@@/g)) {
			const index = Number(match[1]);
			if (!pages.has(index)) pages.set(index, i + 1);
		}
	});
	return pages;
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Chromium's footer template: as-of date and illustrative notice from the page, then the page number. */
function footerTemplate(footer: string, pageLabel: string): string {
	const [before, afterPage] = escapeHtml(pageLabel).split('{page}');
	const [between, after] = (afterPage ?? '').split('{total}');
	const numbers = `${before}<span class="pageNumber"></span>${between ?? ''}<span class="totalPages"></span>${after ?? ''}`;
	return `<div style="font-family: 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif; font-size: 7.5pt; color: #4a515c; width: 100%; margin: 0 15mm; display: flex; justify-content: space-between; gap: 6mm;">
		<span>${escapeHtml(footer)}</span><span style="white-space: nowrap">${numbers}</span></div>`;
}

/**
 * A renderer for the app at `baseUrl` (its print page needs no login). One Chromium per book:
 * it starts in a few hundred milliseconds, and nothing of one book's rendering outlives it.
 */
export function chromiumBookRenderer(baseUrl: string, executablePath = chromiumPath()): BookRenderer {
	return async (request) => {
		const browser = await launch(executablePath);
		try {
			const page = await browser.newPage();
			page.setDefaultTimeout(TIMEOUT_MS);
			const url = `${baseUrl.replace(/\/$/, '')}/print/book?${bookQuery(request)}`;
			const response = await page.goto(url, { waitUntil: 'load' });
			if (!response) throw new Error(`no answer from ${url}`);
			if (!response.ok()) {
				const text = (await page.locator('body').innerText().catch(() => '')).trim().slice(0, 300);
				throw new Error(`the print page answered ${response.status()}: ${text}`);
			}
			await page.evaluate(() => document.fonts.ready);
			const meta = (name: string) => page.locator(`meta[name="${name}"]`).getAttribute('content');
			const options = {
				format: 'A4',
				printBackground: true,
				preferCSSPageSize: true,
				displayHeaderFooter: true,
				headerTemplate: '<span></span>',
				footerTemplate: footerTemplate((await meta('pacer-footer')) ?? '', (await meta('pacer-footer-page')) ?? '{page} / {total}'),
				outline: true,
				tagged: true
			} as const;

			const first = new Uint8Array(await page.pdf(options));
			const pages = markerPages(await pageTexts(first));
			const missing = await page.evaluate((found: [number, number][]) => {
				const byIndex = new Map(found);
				const absent: string[] = [];
				for (const element of document.querySelectorAll<HTMLElement>('[data-toc]')) {
					const page = byIndex.get(Number(element.dataset.toc));
					if (page === undefined) absent.push(element.dataset.toc!);
					element.textContent = page === undefined ? '' : String(page);
				}
				for (const marker of document.querySelectorAll('.toc-mark')) marker.remove();
				return absent;
			}, [...pages]);
			if (missing.length) throw new Error(`the contents could not be numbered: headings ${missing.join(', ')} were not found in the first printing`);

			const pdf = new Uint8Array(await page.pdf(options));
			return { pdf, pageCount: await countPages(pdf) };
		} finally {
			await browser.close();
		}
	};
}
