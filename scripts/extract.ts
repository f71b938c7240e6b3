/**
 * npm run extract -- --input FILE: prints the plan extraction of one document as JSON.
 * An unreadable input exits 1 with one line on stderr and no JSON.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { extractDocument } from '../src/lib/server/intake/extract-document.ts';

function inputPath(argv: string[]): string | null {
	const at = argv.indexOf('--input');
	if (at >= 0) return argv[at + 1] ?? null;
	const inline = argv.find((arg) => arg.startsWith('--input='));
	return inline ? inline.slice('--input='.length) : null;
}

const path = inputPath(process.argv.slice(2));
if (!path) {
	process.stderr.write('usage: npm run extract -- --input FILE\n');
	process.exit(1);
}
try {
	const bytes = new Uint8Array(await readFile(path));
	const { extraction } = await extractDocument(bytes, basename(path));
	process.stdout.write(`${JSON.stringify(extraction, null, 2)}\n`);
} catch (error) {
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`${path}: ${message.split('\n')[0]}\n`);
	process.exit(1);
}
