/**
 * Writes a briefing book from the command line:
 *   npm run snapshot -- --as-of 2024-12-31 [--plan ID ...] [--lang en] --out book.pdf
 * It serves the built app (npm run build) inside this process on a loopback port, on the same
 * database as the server (DATABASE_URL, or the PGlite folder PACER_DATA_DIR), and prints the
 * book from it exactly as a scheduled run does. The same as-of date on the same data gives a book
 * with the same text; only the generation time on the cover differs.
 * With embedded PGlite, stop the server first: one process owns the data folder.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseAsOf } from '../src/lib/domain/book.ts';
import { dataCutoff } from '../src/lib/domain/schedule.ts';
import { readTimeZone } from '../src/lib/server/config.ts';
import { chromiumBookRenderer } from '../src/lib/server/books/render.ts';

function fail(message: string): never {
	process.stderr.write(`snapshot: ${message}\n`);
	process.exit(1);
}

let options;
try {
	options = parseArgs({
		options: {
			'as-of': { type: 'string' },
			plan: { type: 'string', multiple: true, default: [] },
			lang: { type: 'string', default: 'zh' },
			out: { type: 'string' }
		},
		strict: true
	}).values;
} catch (e) {
	fail((e as Error).message);
}
const now = new Date();
// As-of days are days in the deployment's zone (PACER_TIME_ZONE), as in the app.
const timeZone = readTimeZone(process.env);
const asOf = parseAsOf(options['as-of'], now, timeZone);
if (!asOf.ok) fail(options['as-of'] ? asOf.error : 'give the date the book describes: --as-of YYYY-MM-DD');
if (options.lang !== 'zh' && options.lang !== 'en') fail(`--lang must be zh or en, got "${options.lang}"`);
if (!options.out) fail('give the file to write: --out book.pdf');
const out = path.resolve(options.out);
if (!fs.existsSync(path.dirname(out))) fail(`folder ${path.dirname(out)} does not exist`);
const handlerFile = path.resolve('build/handler.js');
if (!fs.existsSync(handlerFile)) fail('build/ is missing: run npm run build first');

// The app in this process: it opens, migrates and (if empty) seeds the database as the server does.
// Its print page admits this process's Chromium by a secret that lives only as long as the process.
process.env.PACER_BOOK_WORKER = 'off';
const printSecret = randomBytes(24).toString('base64url');
process.env.PACER_PRINT_SECRET = printSecret;
const { handler } = (await import(handlerFile)) as { handler: http.RequestListener };
const server = http.createServer(handler);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

let exitCode = 0;
try {
	const render = chromiumBookRenderer(`http://127.0.0.1:${port}`, () => printSecret);
	const book = await render({
		asOf: asOf.value,
		dataCutoff: dataCutoff(asOf.value, now, timeZone),
		planIds: options.plan,
		locale: options.lang,
		generatedAt: now
	});
	fs.writeFileSync(out, book.pdf);
	const sha256 = createHash('sha256').update(book.pdf).digest('hex');
	process.stdout.write(`wrote ${out}: ${book.pageCount} pages, as of ${asOf.value}, sha256 ${sha256}\n`);
} catch (e) {
	process.stderr.write(`snapshot: ${(e as Error).message}\n`);
	exitCode = 1;
} finally {
	server.close();
	// Lets the app close its database (hooks.server.ts listens for this), then leaves.
	process.emit('sveltekit:shutdown' as never, 'SIGTERM' as never);
	setTimeout(() => process.exit(exitCode), 300).unref();
}
