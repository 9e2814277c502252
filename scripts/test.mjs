#!/usr/bin/env node
/**
 * `npm test`: every proof, in order, stopping at the first stage that fails.
 *   types     type check (astro check: .astro, .ts and the tests)
 *   unit      unit, content, IaC and companion-script tests (vitest)
 *   build     production build, then the same site under a sub-path into dist-subpath/
 *   subpath
 *   e2e       the built site: checks that read dist/ directly, Chromium against the preview server,
 *             and the page budgets (Lighthouse accessibility, best practices, SEO; JS weight; tagged
 *             @budget); Lighthouse's timed performance score is npm run bench's
 * It ends with each stage's time, then one line, "N passed, N failed", counting the tests of the
 * vitest and Playwright stages.
 *
 * A stage that runs past its limit, and the run itself when interrupted (Ctrl-C, SIGTERM), stop the
 * stage and every process it started: preview server, Chromium, moto_server (scripts/lib/process-tree.mjs).
 *
 * Options (for working on one part; `npm test` takes none):
 *   --only <id>[,<id>...]  run only these stages, for example --only e2e
 *   --limit <seconds>      give every stage this limit instead of its own
 *   --times <file>         also write each stage's time, limit and outcome, and the counts, as JSON (npm run bench)
 *   -- <args>              passed on to the last stage that runs, for example a test file or --grep
 * SKIP_BUILD=1 skips the two builds and reuses dist/ and dist-subpath/.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from './lib/ports.mjs';
import { killTree, stillRunning, watchTree } from './lib/process-tree.mjs';

// Astro's anonymous usage reports would be a network call from every test run.
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';

const { values: options, positionals: extraArgs } = parseArgs({
	options: { only: { type: 'string' }, limit: { type: 'string' }, times: { type: 'string' } },
	allowPositionals: true,
});

const reports = mkdtempSync(join(tmpdir(), 'aws-patterns-tests-'));
// The stages' own temporary files go here too (TMPDIR), so that they are removed with it even when a
// stage is killed before it could clean up.
const stageTmp = join(reports, 'tmp');
mkdirSync(stageTmp);
process.on('exit', () => rmSync(reports, { recursive: true, force: true }));
const vitestReport = join(reports, 'vitest.json');
const playwrightReport = join(reports, 'playwright.json');
const minutes = (n) => n * 60_000;
const bin = (name) => join(import.meta.dirname, '..', 'node_modules', '.bin', name);

const previewPort = String(process.env.PREVIEW_PORT ?? (await freePort()));

// Limits: at least twice each stage's time measured at three times today's page count on a quiet
// two-core machine, and at today's size with one core kept busy by another process (README, "How
// long the tests take"). They catch a hung stage; the figures themselves are npm run bench's.
const stages = [
	{ id: 'types', name: 'type check', cmd: [bin('astro'), 'check'], limit: minutes(5) },
	{
		id: 'unit',
		name: 'unit, content, IaC and script tests',
		cmd: [bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
		limit: minutes(12),
		report: { file: vitestReport, read: (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + (r.numFailedTestSuites ?? 0), skipped: r.numPendingTests + r.numTodoTests }) },
	},
	{ id: 'build', name: 'build', cmd: [bin('astro'), 'build'], limit: minutes(10), skip: process.env.SKIP_BUILD === '1' },
	// The same site under a sub-path (BASE_PATH=/aws-patterns/), for tests/e2e/subpath.spec.ts.
	{
		id: 'subpath',
		name: 'sub-path build',
		cmd: [bin('astro'), 'build', '--outDir', 'dist-subpath'],
		env: { BASE_PATH: '/aws-patterns/', SITE_URL: 'https://example.org' },
		limit: minutes(10),
		skip: process.env.SKIP_BUILD === '1',
	},
	// Then the page budgets (Lighthouse accessibility, best practices and SEO, and JS weight, tagged
	// @budget) in the same run: none is timed, so they share the workers, the preview server and
	// the run's last minutes, when fewer tests than workers are left.
	{
		id: 'e2e',
		name: 'end-to-end tests and page budgets',
		cmd: [bin('playwright'), 'test', '--reporter=list,json'],
		env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport, PREVIEW_PORT: previewPort },
		limit: minutes(30),
		report: { file: playwrightReport, read: playwrightCounts },
	},
];

function playwrightCounts(r) {
	return { passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky, skipped: r.stats.skipped };
}

const only = options.only?.split(',').map((id) => id.trim());
const unknown = (only ?? []).filter((id) => !stages.some((stage) => stage.id === id));
if (unknown.length) {
	console.error(`Unknown stage ${unknown.join(', ')}: the stages are ${stages.map((s) => s.id).join(', ')}.`);
	process.exit(2);
}
const selected = stages.filter((stage) => !only || only.includes(stage.id));
if (options.limit !== undefined) {
	const seconds = Number(options.limit);
	if (!(seconds > 0)) {
		console.error(`--limit takes a number of seconds, not ${JSON.stringify(options.limit)}.`);
		process.exit(2);
	}
	for (const stage of selected) stage.limit = seconds * 1000;
}
const lastToRun = selected.filter((stage) => !stage.skip).at(-1);
if (lastToRun && extraArgs.length) lastToRun.cmd = [...lastToRun.cmd, ...extraArgs];

/** The stage running now, so that an interrupt can stop it; and what each stage did. */
let current;
const results = [];

function run(stage) {
	return new Promise((resolve) => {
		const started = Date.now();
		console.log(`\n▶ ${stage.name}: ${stage.cmd.map((arg) => arg.replace(`${join(import.meta.dirname, '..')}/`, '')).join(' ')}`);
		// Its own process group, so that Ctrl-C in a terminal reaches this runner alone, which then
		// stops the stage's whole tree (see stop()).
		const child = spawn(stage.cmd[0], stage.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, TMPDIR: stageTmp, ...stage.env }, detached: true });
		const result = { stage, seconds: 0, status: 'running' };
		const watcher = watchTree(child.pid);
		current = { child, result, watcher };
		const timer = setTimeout(() => {
			console.error(`\n✖ ${stage.name} took longer than its limit of ${formatSeconds(stage.limit / 1000)}; stopping it and everything it started.`);
			result.status = 'timed out';
			stopStage(current);
		}, stage.limit);
		child.on('error', (error) => {
			console.error(`✖ ${stage.name} could not start: ${error.message}`);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			// The stage's own process has ended; whatever it left running (a detached server) goes too.
			const left = stillRunning(watcher.stop());
			for (const p of left) killTree(p.pid);
			if (left.length) console.log(`  (stopped ${left.length} process${left.length === 1 ? '' : 'es'} that ${stage.name} left running)`);
			current = undefined;
			result.seconds = (Date.now() - started) / 1000;
			if (result.status === 'running') result.status = code === 0 ? 'passed' : signal ? `killed by ${signal}` : `failed (exit ${code})`;
			results.push(result);
			console.log(`${code === 0 ? '✔' : '✖'} ${stage.name} (${result.seconds.toFixed(1)} s)`);
			resolve(code === 0 && result.status === 'passed');
		});
	});
}

/** Stops a running stage: its tree as it is now, then anything seen in it earlier that still runs. */
function stopStage({ child, watcher }) {
	watcher.look();
	killTree(child.pid);
	for (const p of stillRunning(watcher.stop())) killTree(p.pid);
}

function formatSeconds(seconds) {
	return seconds < 90 ? `${seconds.toFixed(0)} s` : `${(seconds / 60).toFixed(seconds % 60 ? 1 : 0)} min`;
}

function counts(stage) {
	if (!stage.report) return { passed: 0, failed: 0, skipped: 0 };
	try {
		return stage.report.read(JSON.parse(readFileSync(stage.report.file, 'utf8')));
	} catch {
		return { passed: 0, failed: 0, skipped: 0 };
	}
}

/** Each stage's time and outcome, then the closing line that CI and readers look for. */
function summary(failedEarly) {
	console.log('\nStage times:');
	const width = Math.max(...stages.map((s) => s.name.length));
	for (const stage of stages) {
		const result = results.find((r) => r.stage === stage);
		const time = result ? `${result.seconds.toFixed(1).padStart(6)} s` : '       -';
		const limit = formatSeconds(stage.limit / 1000);
		const outcome = result ? result.status : stage.skip ? 'skipped (SKIP_BUILD=1)' : selected.includes(stage) ? 'not run' : 'not selected';
		console.log(`  ${stage.name.padEnd(width)}  ${time}  (limit ${limit})  ${outcome}`);
	}
	const total = results.reduce((sum, r) => sum + r.seconds, 0);
	console.log(`  ${'total'.padEnd(width)}  ${total.toFixed(1).padStart(6)} s`);

	const totals = results.map((r) => counts(r.stage)).reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }), { passed: 0, failed: 0, skipped: 0 });
	// A stage that failed without failing a test (a type error, a build error, a time-out) counts as one failure.
	if (failedEarly && totals.failed === 0) totals.failed = 1;
	if (options.times) {
		const stagesRun = results.map((r) => ({ id: r.stage.id, name: r.stage.name, seconds: r.seconds, limitSeconds: r.stage.limit / 1000, status: r.status, ...counts(r.stage) }));
		writeFileSync(options.times, `${JSON.stringify({ stages: stagesRun, ...totals }, null, '\t')}\n`);
	}
	console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
}

function stop(signal) {
	if (current) {
		console.error(`\n✖ interrupted by ${signal}: stopping ${current.result.stage.name} and everything it started.`);
		current.result.status = `interrupted by ${signal}`;
		stopStage(current);
	} else {
		summary(true);
		process.exit(signal === 'SIGINT' ? 130 : 143);
	}
}
let interrupted;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		interrupted = signal;
		stop(signal);
	});
}

let ok = true;
for (const stage of selected) {
	if (stage.skip) {
		console.log(`\n▷ ${stage.name}: skipped (SKIP_BUILD=1)`);
		continue;
	}
	ok = await run(stage);
	if (!ok || interrupted) break;
}
summary(!ok || Boolean(interrupted));
process.exit(interrupted ? (interrupted === 'SIGINT' ? 130 : 143) : ok ? 0 : 1);
