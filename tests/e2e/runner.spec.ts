/**
 * `npm test` stopped part-way leaves nothing running: interrupted as Ctrl-C does it (SIGINT to the
 * terminal's process group) and stopped at a stage's time limit, the preview server's port is free
 * again and no process it started is left (preview server, Chromium, moto_server). The runner is
 * started for real (`npm test -- --only <stage>`), on the built site of this run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort, listening } from '../../scripts/lib/ports.mjs';
import { descendants, processTable, stillRunning } from '../../scripts/lib/process-tree.mjs';

interface Seen {
	pid: number;
	ppid: number;
	state: string;
	started: string;
}

function commandOf(pid: number): string {
	return spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
}

/**
 * Starts `npm test -- <args>` in a process group of its own, as a terminal starts a command; notes
 * every process in its tree until `stopWhen` holds, then `act`s; resolves when npm has exited.
 */
async function runAndStop(args: string[], env: Record<string, string>, stopWhen: (commands: string[]) => boolean | Promise<boolean>, act: (pid: number) => void) {
	const child = spawn('npm', ['test', '--', ...args], { env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	const seen = new Map<string, Seen>();
	const commands = new Map<number, string>();
	let acted = false;
	let running = true;
	void exited.then(() => (running = false));
	while (running) {
		const table = processTable() as Seen[];
		const tree = new Set(descendants(child.pid!, table));
		for (const p of table.filter((p) => tree.has(p.pid))) {
			seen.set(`${p.pid} ${p.started}`, p);
			if (!commands.has(p.pid)) commands.set(p.pid, commandOf(p.pid));
		}
		if (!acted && (await stopWhen([...commands.values()]))) {
			acted = true;
			act(child.pid!);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	const code = await exited;
	// npm may exit on SIGINT before the runner has finished stopping the stage: give the runner and
	// what it stops up to 15 s to end, as a reader at the terminal would before starting again.
	const until = Date.now() + 15_000;
	while (stillRunning([...seen.values()]).length > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 250));
	const left = stillRunning([...seen.values()]).map((p: Seen) => `${p.pid}: ${commands.get(p.pid) ?? '?'}`);
	return { code, output, seen: [...commands.values()], left, acted };
}

const port = await freePort();
let limitPort = await freePort();
while (limitPort === port) limitPort = await freePort();
// One worker: the stage only has to be running (preview server and Chromium up) when it is stopped.
// Its own output folder: Playwright empties its output folder when it starts, and this run's is in use.
const output = mkdtempSync(join(tmpdir(), 'runner-spec-'));
const e2eArgs = ['--only', 'e2e', '--', 'tests/e2e/every-page.spec.ts', '--workers=1', `--output=${output}`];
const previewReady = async (commands: string[]) => commands.some((c) => /chromium/.test(c)) && commands.some((c) => /astro(\.mjs)? preview/.test(c)) && (await listening(port));

test.describe('an interrupted npm test', () => {
	// In order, in one worker (each starts a whole test run), each reported whatever the others did.
	test.describe.configure({ mode: 'default', timeout: 240_000 });
	test.afterAll(() => rmSync(output, { recursive: true, force: true }));

	test('Ctrl-C during the end-to-end stage stops the preview server and Chromium', async () => {
		const run = await runAndStop(e2eArgs, { PREVIEW_PORT: String(port) }, previewReady, (pid) => process.kill(-pid, 'SIGINT'));
		expect(run.acted, `the preview server and Chromium never ran:\n${run.output.slice(-2000)}`).toBe(true);
		expect(run.output).toContain('interrupted by SIGINT');
		expect(run.output).toMatch(/^\d+ passed, \d+ failed/m);
		expect(run.code).not.toBe(0);
		expect(await listening(port), `port ${port} is still in use`).toBe(false);
		expect(run.left).toEqual([]);
	});

	test('a stage past its time limit is stopped with everything it started', async () => {
		// A limit long enough for the preview server and Chromium to start, far too short for the stage.
		const run = await runAndStop([...e2eArgs.slice(0, 2), '--limit', '30', ...e2eArgs.slice(2)], { PREVIEW_PORT: String(limitPort) }, async (commands) => {
			if (!commands.some((c) => /chromium/.test(c))) return false;
			return listening(limitPort);
		}, () => {});
		expect(run.acted, `the preview server and Chromium never ran within the limit:\n${run.output.slice(-2000)}`).toBe(true);
		expect(run.output).toContain('took longer than its limit of 30 s');
		expect(run.output).toMatch(/end-to-end tests and page budgets\s+\d+\.\d s\s+\(limit 30 s\)\s+timed out/);
		expect(run.code).toBe(1);
		expect(await listening(limitPort), `port ${limitPort} is still in use`).toBe(false);
		expect(run.left).toEqual([]);
	});

	test('Ctrl-C while the companion scripts run against moto stops moto_server', async () => {
		test.skip(spawnSync('bash', ['-c', 'command -v moto_server && command -v aws']).status !== 0, 'moto_server or the AWS CLI is not installed');
		const run = await runAndStop(['--only', 'unit', '--', 'tests/scripts/emulator-cost.test.ts'], {}, (commands) => commands.some((c) => /moto_server/.test(c)), (pid) => process.kill(-pid, 'SIGINT'));
		expect(run.acted, `moto_server never ran:\n${run.output.slice(-2000)}`).toBe(true);
		expect(run.seen.some((c) => /moto_server/.test(c))).toBe(true);
		expect(run.output).toContain('interrupted by SIGINT');
		expect(run.code).not.toBe(0);
		expect(run.left).toEqual([]);
	});
});
