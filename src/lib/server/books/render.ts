/**
 * Prints a briefing book: headless Chromium (Debian's, through playwright-core) opens the app's
 * own print page and saves it as an A4 PDF. Chromium cannot fill in a table of contents, so the
 * book is printed twice: the first printing carries an invisible link at each heading, which
 * Chromium writes as a link annotation on the page the heading lands on; pdf-lib reads those
 * (no text extraction, no fonts parsed), the numbers go into the contents, the links come out, and
 * the second printing is the book. The contents' placeholders have the width of the numbers, so
 * nothing moves between the two printings.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { bookQuery, type BookRequest } from '../../domain/book';
import { PRINT_TOKEN_HEADER } from './print-access';

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

const MARKER = /^https:\/\/pacer\.invalid\/toc\/(\d+)$/;

/** Marker index -> page number (1-based), from the link annotations of the first printing; and its page count. */
export async function markerPages(pdf: Uint8Array): Promise<{ pages: Map<number, number>; pageCount: number }> {
	const document = await PDFDocument.load(pdf, { updateMetadata: false });
	const pages = new Map<number, number>();
	document.getPages().forEach((page, i) => {
		const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
		for (let k = 0; k < (annotations?.size() ?? 0); k++) {
			const action = annotations!.lookupMaybe(k, PDFDict)?.lookupMaybe(PDFName.of('A'), PDFDict);
			const value = action?.lookup(PDFName.of('URI'));
			const uri = value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
			const index = uri?.match(MARKER)?.[1];
			if (index !== undefined && !pages.has(Number(index))) pages.set(Number(index), i + 1);
		}
	});
	return { pages, pageCount: document.getPageCount() };
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Chromium's footer template: as-of date and illustrative notice from the page, then the page number. */
function footerTemplate(footer: string, pageLabel: string): string {
	const [before, afterPage] = escapeHtml(pageLabel).split('{page}');
	const [between, after] = (afterPage ?? '').split('{total}');
	const numbers = `${before}<span class="pageNumber"></span>${between ?? ''}<span class="totalPages"></span>${after ?? ''}`;
	return `<div style="font-family: 'Noto Sans SC', 'Noto Sans CJK SC', sans-serif; font-size: 7.5pt; color: #4a515c; width: 100%; margin: 0 15mm; display: flex; justify-content: space-between; gap: 6mm;">
		<span>${escapeHtml(footer)}</span><span style="white-space: nowrap">${numbers}</span></div>`;
}

/**
 * A renderer for the app at `baseUrl`. Its print page admits the renderer by the token that
 * `printToken` gives for each book (see print-access.ts). One Chromium per book: it starts in a few
 * hundred milliseconds, and nothing of one book's rendering outlives it.
 */
export function chromiumBookRenderer(baseUrl: string, printToken: () => string, executablePath = chromiumPath()): BookRenderer {
	return async (request) => {
		const browser = await launch(executablePath);
		try {
			const page = await browser.newPage({ extraHTTPHeaders: { [PRINT_TOKEN_HEADER]: printToken() } });
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

			// Same layout in both printings: the first one's page count is the book's.
			const { pages, pageCount } = await markerPages(await page.pdf(options));
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

			return { pdf: new Uint8Array(await page.pdf(options)), pageCount };
		} finally {
			await browser.close();
		}
	};
}
