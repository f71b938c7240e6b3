/**
 * The app's database: opened, migrated and seeded once per process at start-up (hooks.server.ts),
 * from the environment. Scripts and tests open their own with openDatabase().
 */
import { env } from '$env/dynamic/private';
import { readConfig } from '../config';
import type { DatabaseHandle } from './open';
import { prepareDatabase } from './prepare';

let handle: Promise<DatabaseHandle> | null = null;

export function database(): Promise<DatabaseHandle> {
	handle ??= prepareDatabase(readConfig(env), { seed: env.PACER_SEED_ON_START !== 'false' }).then((r) => r.handle);
	return handle;
}

export async function closeDatabase() {
	if (handle) await (await handle).close();
	handle = null;
}
