/**
 * Batch forecasts: `npm run forecast -- --input series.json` (or `--input -` for stdin).
 * Prints {"results": [...]} on stdout; on bad input prints one message on stderr, exits 1, and
 * prints nothing on stdout.
 */
import { readFileSync } from 'node:fs';
import { runBatchText } from '../src/lib/domain/forecast/batch';

function fail(message: string): never {
	process.stderr.write(`forecast: ${message}\n`);
	process.exit(1);
}

const args = process.argv.slice(2);
const at = args.indexOf('--input');
const path = at >= 0 ? args[at + 1] : undefined;
if (!path) fail('usage: npm run forecast -- --input series.json   (use "-" to read stdin)');

let text: string;
try {
	text = readFileSync(path === '-' ? 0 : path, 'utf8');
} catch (error) {
	fail(`cannot read ${path}: ${(error as Error).message}`);
}
const outcome = runBatchText(text);
if (!outcome.ok) fail(outcome.message);
process.stdout.write(JSON.stringify({ results: outcome.results }) + '\n');
