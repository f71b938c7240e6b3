/**
 * Accounts from the server's console.
 *   npm run user -- add --admin NAME                 prints a one-time password (changed at first login)
 *   npm run user -- add --role analyst|viewer NAME
 *   ... --password-stdin                             reads the password from stdin instead (not one-time)
 * With embedded PGlite, stop the server first: one process owns the data folder.
 */
import { readFileSync } from 'node:fs';
import { ROLES, type Role } from '../src/lib/domain/plan.ts';
import { AccountError, CONSOLE_USER_ID, createUser, ensureConsoleUser } from '../src/lib/server/auth/accounts.ts';
import { generatePassword } from '../src/lib/server/auth/passwords.ts';
import { readConfig } from '../src/lib/server/config.ts';
import { prepareDatabase } from '../src/lib/server/db/prepare.ts';

function fail(message: string): never {
	process.stderr.write(`user: ${message}\n`);
	process.exit(1);
}

const args = process.argv.slice(2);
const [command, ...rest] = args;
if (command !== 'add') fail('usage: npm run user -- add [--admin | --role viewer|analyst|admin] [--password-stdin] NAME');
let role: Role = 'viewer';
let fromStdin = false;
const names: string[] = [];
for (let i = 0; i < rest.length; i++) {
	const arg = rest[i];
	if (arg === '--admin') role = 'admin';
	else if (arg === '--role') {
		const value = rest[++i];
		if (!ROLES.includes(value as Role)) fail(`--role must be one of ${ROLES.join(', ')}`);
		role = value as Role;
	} else if (arg === '--password-stdin') fromStdin = true;
	else if (arg.startsWith('--')) fail(`unknown option ${arg}`);
	else names.push(arg);
}
if (names.length !== 1) fail('name exactly one user to add');

const password = fromStdin ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : generatePassword();
const { handle } = await prepareDatabase(readConfig(process.env));
try {
	await ensureConsoleUser(handle.db);
	await createUser(handle.db, { username: names[0], role, password, mustChangePassword: !fromStdin }, CONSOLE_USER_ID);
} catch (error) {
	await handle.close();
	fail(error instanceof AccountError ? error.message : String(error));
}
await handle.close();
if (fromStdin) console.log(`added ${role} ${names[0]}`);
else console.log(`added ${role} ${names[0]}; one-time password (to be changed at the first login):\n${password}`);
