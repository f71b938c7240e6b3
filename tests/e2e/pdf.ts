/** Reading PDFs back with poppler-utils, as a person's PDF viewer would see them. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function withFile<T>(pdf: Uint8Array, fn: (file: string, dir: string) => T): T {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-pdf-'));
	try {
		const file = path.join(dir, 'book.pdf');
		fs.writeFileSync(file, pdf);
		return fn(file, dir);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** The text of every page, laid out as printed (so a contents line keeps its page number), split at form feeds. */
export function pdfPages(pdf: Uint8Array): string[] {
	return withFile(pdf, (file) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1));
}

/** The book's text without the one line that differs between two printings of the same book: its generation time. */
export function comparableText(pdf: Uint8Array): string {
	return pdfPages(pdf)
		.join('\f')
		.split('\n')
		.filter((line) => !/生成时间|Generated /.test(line))
		.join('\n');
}

/** Text with all white space removed, so a title broken across lines still matches. */
export const squeeze = (text: string) => text.replace(/\s+/g, '');

/** The share of dark pixels on each of the first pages, rendered in grey at low resolution. */
export function inkShares(pdf: Uint8Array, pages: number): number[] {
	return withFile(pdf, (file, dir) => {
		execFileSync('pdftoppm', ['-gray', '-r', '30', '-f', '1', '-l', String(pages), file, path.join(dir, 'page')]);
		return fs
			.readdirSync(dir)
			.filter((name) => name.endsWith('.pgm'))
			.sort()
			.map((name) => {
				const data = fs.readFileSync(path.join(dir, name));
				// P5 header: magic, width, height, maxval, each followed by white space.
				const header = data.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
				if (!header) throw new Error(`${name} is not a binary PGM`);
				const pixels = data.subarray(header[0].length);
				let dark = 0;
				for (const value of pixels) if (value < 200) dark++;
				return dark / pixels.length;
			});
	});
}
