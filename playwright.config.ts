import { availableParallelism } from 'node:os';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './src/lib/browser';

const port = Number(process.env.PREVIEW_PORT ?? 4321);

/** End-to-end tests run against the production build served by `astro preview`, as readers get it. */
export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	// As vitest.config.ts: at least two workers, one per core but one. Playwright's default (half
	// the cores) gave a reader's two-core machine one worker, where CI, setting its own count, had two.
	workers: Math.max(2, availableParallelism() - 1),
	retries: 0,
	forbidOnly: Boolean(process.env.CI),
	reporter: [['list']],
	timeout: 60_000,
	use: {
		baseURL: `http://localhost:${port}`,
		trace: 'off',
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: chromiumLaunchOptions(),
			},
		},
	],
	webServer: {
		// --ignore-lock: the tests' server is their own. Astro lets one tracked preview server run per
		// project and refuses a second, so without it a reader's `npm start` (or a runner test's nested
		// run) would stop the tests from starting theirs.
		command: `node_modules/.bin/astro preview --port ${port} --ignore-lock`,
		url: `http://localhost:${port}/`,
		reuseExistingServer: !process.env.CI,
		timeout: 60_000,
		stdout: 'ignore',
	},
});
