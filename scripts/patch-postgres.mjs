// Repairs postgres.js 3.4.9 (the PostgreSQL driver) after npm install: run as package.json's postinstall.
//
// When PostgreSQL restarts or ends a session while a transaction is open, postgres.js writes the
// transaction's ROLLBACK from a setImmediate after the connection has already dropped its socket:
// `socket.write` on null throws outside any promise and kills the Node process (upstream issues
// porsager/postgres#1066, #1154, #1208; fixes proposed in #1168 and #1209, not released). Its
// teardown also clears the write timer without forgetting it, so a connection that dropped a
// buffered write could never send again once reconnected, and a reconnected connection fails its
// first query with the error the dying backend sent (its last query and error outlive the socket).
// All three are repaired here: a write without a socket fails the connection's queries with
// CONNECTION_CLOSED (the caller's await sees it; upstream's proposals do the same), teardown
// forgets the timer and the buffered bytes, and a new socket starts with no query or error. The fault tests (tests/e2e/faults.spec.ts) restart PostgreSQL under a running import.
//
// Idempotent; files are replaced by rename, never written in place (node_modules may be a
// hard-linked copy shared with other checkouts). Another version of postgres is left alone.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'node_modules', 'postgres');
const MARK = '/* pacer: patched, see scripts/patch-postgres.mjs */';

const edits = [
	[
		'  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
		`  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`
	],
	// terminate() and closed(): forget the cleared timer and what was buffered for the dead socket.
	['    clearImmediate(nextWriteTimer)\n    if (socket) {', '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {'],
	['    clearImmediate(nextWriteTimer)\n    socket.removeListener(', '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('],
	// connected(): a new socket starts a new protocol session; the error a dying backend sent
	// (57P01) must not fail the first query of the next one.
	['      statementCount = 1\n', '      statementCount = 1\n      query = results = errorResponse = null\n']
];

function patch(file) {
	const text = fs.readFileSync(file, 'utf8');
	if (text.includes(MARK)) return 'already patched';
	let patched = text;
	for (const [from, to] of edits) {
		if (patched.split(from).length !== 2) throw new Error(`${file}: expected exactly one "${from.split('\n')[0].trim()}…"`);
		patched = patched.replace(from, to);
	}
	const temporary = `${file}.pacer-${process.pid}`;
	fs.writeFileSync(temporary, patched);
	fs.renameSync(temporary, file);
	return 'patched';
}

if (!fs.existsSync(path.join(dir, 'package.json'))) {
	console.log('patch-postgres: postgres is not installed, nothing to do');
} else {
	const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	if (version !== '3.4.9') {
		console.warn(`patch-postgres: postgres ${version} is not 3.4.9: left alone (check whether it still needs scripts/patch-postgres.mjs)`);
	} else {
		for (const file of ['src/connection.js', 'cjs/src/connection.js']) {
			console.log(`patch-postgres: ${file} ${patch(path.join(dir, file))}`);
		}
	}
}
