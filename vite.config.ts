import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		projects: [
			{
				extends: true,
				test: { name: 'unit', environment: 'node', include: ['src/**/*.spec.ts', 'tests/cli/**/*.spec.ts'], testTimeout: 30_000 }
			},
			{
				// Database tests: PACER_TEST_BACKEND picks PGlite or the PostgreSQL server in DATABASE_URL.
				extends: true,
				test: { name: 'db', environment: 'node', include: ['tests/db/**/*.spec.ts'], fileParallelism: false, testTimeout: 60_000, hookTimeout: 120_000 }
			},
			{
				// Browser tests against the built server in real Chromium.
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.spec.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
