/** The built app (node build) started for a benchmark on a free loopback port, and stopped again. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

export interface RunningServer {
	base: string;
	child: ChildProcess;
	stop(): Promise<void>;
}

/**
 * Starts `node build` with extra environment and waits until it answers (up to a minute).
 * `logFile` receives the server's output (tests read it when something goes wrong); `nodeArgs` go to node
 * before `build` (such as --cpu-prof); `entry` replaces `build` (scripts/start.mjs starts PACER_WORKERS).
 */
export async function startServer(env: NodeJS.ProcessEnv, options: { logFile?: string; nodeArgs?: string[]; entry?: string } = {}): Promise<RunningServer> {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const log = options.logFile ? fs.openSync(options.logFile, 'a') : 'ignore';
	const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry ?? 'build'], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base }, stdio: ['ignore', log, log] });
	if (typeof log === 'number') fs.closeSync(log);
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
		if (child.exitCode === null) child.kill('SIGKILL');
	};
	for (let i = 0; i < 240; i++) {
		if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
		try {
			if ((await fetch(base + '/methods')).ok) return { base, child, stop };
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	await stop();
	throw new Error(`the server did not answer at ${base} within a minute`);
}
