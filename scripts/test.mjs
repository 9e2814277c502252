#!/usr/bin/env node
/**
 * `npm test`: every proof, in order, stopping at the first stage that fails.
 *   1. type check (astro check: .astro, .ts and the tests)
 *   2. unit, content and IaC tests (vitest)
 *   3. production build (with a time limit: astro build has been seen to hang after a config error),
 *      then the same site built under a sub-path into dist-subpath/
 *   4. end-to-end tests in Chromium against the preview server (Playwright)
 *   5. performance budgets (Lighthouse and JS weight, tagged @budget), alone in one worker
 * It ends with one line, "N passed, N failed", counting the tests of stages 2 and 4.
 * Set SKIP_BUILD=1 to reuse an existing dist/ for stage 4.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Astro's anonymous usage reports would be a network call from every test run.
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';

const reports = mkdtempSync(join(tmpdir(), 'aws-patterns-tests-'));
const vitestReport = join(reports, 'vitest.json');
const playwrightReport = join(reports, 'playwright.json');
const budgetReport = join(reports, 'budgets.json');
const minutes = (n) => n * 60_000;

const stages = [
	{ name: 'type check', cmd: ['npx', 'astro', 'check'], limit: minutes(5) },
	{
		name: 'unit, content and IaC tests',
		cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
		limit: minutes(10),
	},
	{ name: 'build', cmd: ['npx', 'astro', 'build'], limit: minutes(10), skip: process.env.SKIP_BUILD === '1' },
	// The same site under a sub-path (BASE_PATH=/aws-patterns/), for tests/e2e/subpath.spec.ts.
	{ name: 'sub-path build', cmd: ['npm', 'run', '--silent', 'build:subpath'], limit: minutes(10), skip: process.env.SKIP_BUILD === '1' },
	{
		name: 'end-to-end tests',
		cmd: ['npx', 'playwright', 'test', '--reporter=list,json', '--grep-invert', '@budget'],
		env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
		limit: minutes(15),
	},
	// Lighthouse times the page on this machine: run it alone, after the other tests, so that their
	// load does not cost the pages performance points.
	{
		name: 'performance budgets',
		cmd: ['npx', 'playwright', 'test', '--reporter=list,json', '--grep', '@budget', '--workers=1'],
		env: { PLAYWRIGHT_JSON_OUTPUT_NAME: budgetReport },
		limit: minutes(10),
	},
];

function run({ name, cmd, env, limit }) {
	return new Promise((resolve) => {
		const started = Date.now();
		console.log(`\n▶ ${name}: ${cmd.join(' ')}`);
		const child = spawn(cmd[0], cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...env }, detached: true });
		const timer = setTimeout(() => {
			console.error(`✖ ${name} took longer than ${limit / 60_000} minutes; stopping it.`);
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {}
		}, limit);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			console.log(`${code === 0 ? '✔' : '✖'} ${name} (${seconds} s)${signal ? ` killed by ${signal}` : ''}`);
			resolve(code ?? 1);
		});
	});
}

function count(file, read) {
	try {
		return read(JSON.parse(readFileSync(file, 'utf8')));
	} catch {
		return { passed: 0, failed: 0 };
	}
}

const vitestCounts = () =>
	count(vitestReport, (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + (r.numFailedTestSuites ?? 0) }));
const playwrightCounts = (file) => count(file, (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky }));

let status = 0;
for (const stage of stages) {
	if (stage.skip) {
		console.log(`\n▷ ${stage.name}: skipped (SKIP_BUILD=1)`);
		continue;
	}
	status = await run(stage);
	if (status !== 0) break;
}

const totals = [vitestCounts(), playwrightCounts(playwrightReport), playwrightCounts(budgetReport)].reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed }));
if (status !== 0 && totals.failed === 0) totals.failed = 1; // a stage without test counts failed
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(status);
