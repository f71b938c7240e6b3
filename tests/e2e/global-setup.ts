/**
 * Starts the built app (node build) for the browser tests on a free loopback port: on a fresh
 * PGlite data folder, or on a fresh database of the PostgreSQL server in DATABASE_URL when
 * PACER_TEST_BACKEND=postgres. The server migrates and loads the catalogue itself, as in production.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../scripts/bench/server';

export { freePort };

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
		/** The server's database when it runs on PostgreSQL (null on PGlite, whose folder the server owns). */
		databaseUrl: string | null;
		/** The server's PGlite data folder (null on PostgreSQL): tests look at the book PDFs kept in it. */
		dataDir: string | null;
		/** The server's process id, to read its memory. */
		serverPid: number;
		/** Accounts made with `npm run user` before the server started. */
		accounts: {
			admin: { username: string; oneTimePassword: string };
			analyst: { username: string; password: string };
			viewer: { username: string; password: string };
			boss: { username: string; password: string };
		};
	}
}


async function waitForServer(url: string, child: ChildProcess, output: () => string) {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`);
		try {
			const response = await fetch(url);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`server did not answer at ${url} within 60 s:\n${output()}`);
}

export default async function setup(project: TestProject) {
	if (!fs.existsSync('build/index.js')) throw new Error('build/ is missing: run npm run build first');
	const port = await freePort();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-e2e-'));
	// ORIGIN tells adapter-node the public address; without it forms fail its CSRF check over plain http.
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: `http://127.0.0.1:${port}`, BODY_SIZE_LIMIT: '60M', PACER_DATA_DIR: dataDir };
	let dropDatabase = async () => {};
	if (process.env.PACER_TEST_BACKEND === 'postgres') {
		const serverUrl = process.env.DATABASE_URL!;
		const name = `pacer_e2e_${process.pid}`;
		const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.unsafe(`create database ${name}`);
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		env.DATABASE_URL = url.toString();
		dropDatabase = async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		};
	} else {
		delete env.DATABASE_URL;
	}
	// Accounts are made the way an operator makes them, on the console, before the server owns the data folder.
	const addUser = (args: string[], input?: string) => {
		const r = spawnSync('npx', ['tsx', 'scripts/user.ts', 'add', ...args], { env, input, encoding: 'utf8' });
		if (r.status !== 0) throw new Error(`npm run user failed: ${r.stderr}`);
		return r.stdout;
	};
	const adminOut = addUser(['--admin', 'e2e-admin']);
	const oneTimePassword = adminOut.trim().split('\n').at(-1)!;
	const analyst = { username: 'e2e-analyst', password: 'analyst-password-1' };
	addUser(['--role', 'analyst', '--password-stdin', analyst.username], `${analyst.password}\n`);
	const viewer = { username: 'e2e-viewer', password: 'viewer-password-1' };
	addUser(['--role', 'viewer', '--password-stdin', viewer.username], `${viewer.password}\n`);
	const boss = { username: 'e2e-boss', password: 'boss-password-1' };
	addUser(['--admin', '--password-stdin', boss.username], `${boss.password}\n`);
	project.provide('accounts', { admin: { username: 'e2e-admin', oneTimePassword }, analyst, viewer, boss });

	let output = '';
	const child = spawn(process.execPath, ['build'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const baseURL = `http://127.0.0.1:${port}`;
	await waitForServer(baseURL, child, () => output);
	project.provide('baseURL', baseURL);
	project.provide('databaseUrl', env.DATABASE_URL ?? null);
	project.provide('dataDir', env.DATABASE_URL ? null : dataDir);
	project.provide('serverPid', child.pid!);

	return async () => {
		// The most memory the server held during the whole browser suite (README, "Hostile input").
		const peak = fs.existsSync(`/proc/${child.pid}/status`) ? /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] : undefined;
		if (peak) console.log(`server peak memory during the browser suite (${process.env.PACER_TEST_BACKEND ?? 'pglite'}): ${Math.round(Number(peak) / 1024)} MB`);
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
		if (child.exitCode === null) child.kill('SIGKILL');
		await dropDatabase();
		fs.rmSync(dataDir, { recursive: true, force: true });
	};
}
