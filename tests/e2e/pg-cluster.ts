/**
 * A disposable PostgreSQL cluster of a test's own, for tests that restart or stop the server: the
 * suite's shared cluster (scripts/test.sh) must stay up for the other tests. initdb into a temp
 * folder, pg_ctl on a free loopback port, as the postgres user when running as root (initdb
 * refuses root). The binaries come from PACER_PG_BIN (set by scripts/test.sh), else the newest
 * /usr/lib/postgresql/<version>/bin.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/bench/server';

export interface PgCluster {
	/** postgres://app@127.0.0.1:<port>/postgres */
	url: string;
	/** pg_ctl restart: "fast" ends every session (57P01), "immediate" kills the server outright. */
	restart(mode: 'fast' | 'immediate'): void;
	stop(mode: 'fast' | 'immediate'): void;
	start(): void;
	dispose(): void;
}

export function pgBin(): string {
	if (process.env.PACER_PG_BIN) return process.env.PACER_PG_BIN;
	const versions = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)) : [];
	const bin = versions.map((v) => `/usr/lib/postgresql/${v}/bin`).filter((b) => fs.existsSync(`${b}/initdb`)).at(-1);
	if (!bin) throw new Error('no PostgreSQL server binaries: install the postgresql package or set PACER_PG_BIN');
	return bin;
}

export async function startPgCluster(): Promise<PgCluster> {
	const bin = pgBin();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-pg-own-'));
	const root = process.getuid?.() === 0;
	if (root) execFileSync('chown', ['postgres', dir]);
	const run = (tool: string, args: string[]) => {
		const [cmd, all] = root ? ['runuser', ['-u', 'postgres', '--', `${bin}/${tool}`, ...args]] : [`${bin}/${tool}`, args];
		execFileSync(cmd as string, all as string[], { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
	};
	const port = await freePort();
	const data = path.join(dir, 'data');
	run('initdb', ['-D', data, '-U', 'app', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
	const ctl = (...args: string[]) => run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', `-h 127.0.0.1 -p ${port} -k ${dir}`, '-w', ...args]);
	ctl('start');
	return {
		url: `postgres://app@127.0.0.1:${port}/postgres`,
		restart: (mode) => ctl('restart', '-m', mode),
		stop: (mode) => ctl('stop', '-m', mode),
		start: () => ctl('start'),
		dispose() {
			try {
				if (fs.existsSync(path.join(data, 'postmaster.pid'))) ctl('stop', '-m', 'immediate');
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
