/**
 * The companion scripts against a real AWS API emulator and the real AWS CLI, where both are
 * installed: moto's server (`moto_server`, Python) on loopback, started by each test file that uses
 * it (emulator-*.test.ts) and stopped after. The files are split by script so that they run side by
 * side: nearly all their time is the AWS CLI starting, once per call.
 * The fake `aws` of scripts.test.ts answers with the text the CLI would print, so it cannot prove
 * that the scripts' --query expressions and text parsing fit what the real CLI prints for the real
 * API's responses; this file does. Each test builds an account through the emulator's API, runs a
 * script, and checks its JSON report against what was built.
 *
 * Where `moto_server` or `aws` is missing (neither comes from npm), these tests are skipped, and the
 * test runner counts them as skipped, never as passed.
 *
 * What moto cannot emulate, and the fake covers instead: a root user with MFA, a bucket policy
 * status of "public", resources dated in the past (old snapshots and access keys), Cost Explorer
 * forecasts (moto answers HTTP 500, which doubles as a test of a failing call), AccessDenied.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../../scripts/lib/ports.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect } from 'vitest';
import { linkTools, readOnly, scriptsDir, type Script } from './reports';

const which = (name: string) => spawnSync('bash', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
const motoServer = which('moto_server');
// pyenv puts a shell shim first on PATH that starts several processes before the CLI; the
// CLI it leads to starts in about half the time, and the scripts call it dozens of times.
const realAws = (which('pyenv') && spawnSync('pyenv', ['which', 'aws'], { encoding: 'utf8' }).stdout.trim()) || which('aws');
const available = motoServer !== '' && realAws !== '' && spawnSync(realAws, ['--version']).status === 0;


export const account = '123456789012'; // moto's default account
export const region = 'us-east-1';
const credentials = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };

/** The emulator's URL, once started. */
export let endpoint = '';
let server: ChildProcess | undefined;
let work = '';
let bin = '';
let runs = 0;

async function waitForServer(url: string, seconds = 30): Promise<void> {
	const until = Date.now() + seconds * 1000;
	for (;;) {
		try {
			if ((await fetch(`${url}/moto-api/data.json`)).ok) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > until) throw new Error(`moto_server did not answer at ${url} within ${seconds} s`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/**
 * The `aws` the scripts find on their PATH: the real CLI, sent to the emulator, logging each call's
 * service and operation. The AWS CLI computes S3 Control's host name from the account id
 * (123456789012.s3-control...), which no custom endpoint on loopback can match, so those calls go
 * to their real host name through the emulator acting as a plain HTTP proxy. Every other call gets
 * --endpoint-url (AWS_ENDPOINT_URL would not do: CLI v1 replaces RDS's endpoint in us-east-1).
 */
function writeAwsShim(dir: string, fullPath: string): void {
	const shim = join(dir, 'aws');
	writeFileSync(
		shim,
		`#!/usr/bin/env bash
set -euo pipefail
words=()
skip=0
for arg in "$@"; do
	if ((skip)); then skip=0; continue; fi
	case $arg in
	--profile | --region | --query | --output) skip=1 ;;
	--*) ;;
	*) words+=("$arg") ;;
	esac
done
printf '%s %s\\n' "\${words[0]:-}" "\${words[1]:-}" >>"$EMULATOR_LOG"
export PATH=${JSON.stringify(fullPath)}
if [[ \${words[0]:-} == s3control ]]; then
	HTTP_PROXY=$EMULATOR_URL exec ${JSON.stringify(realAws)} --endpoint-url http://s3-control.amazonaws.com "$@"
fi
exec ${JSON.stringify(realAws)} --endpoint-url "$EMULATOR_URL" "$@"
`,
	);
	chmodSync(shim, 0o755);
}

/** Sets up the emulated account through the same `aws` as the scripts, unlogged. Returns its text output. */
export function setup(...args: string[]): string {
	const result = spawnSync(join(bin, 'aws'), [...args, '--region', region, '--output', 'text'], {
		encoding: 'utf8',
		env: { ...process.env, ...credentials, HOME: work, AWS_EC2_METADATA_DISABLED: 'true', EMULATOR_URL: endpoint, EMULATOR_LOG: '/dev/null' },
	});
	if (result.status !== 0) throw new Error(`aws ${args.slice(0, 2).join(' ')} failed against the emulator: ${result.stderr}`);
	return result.stdout.trim();
}

export interface Run {
	code: number | null;
	report: unknown;
	stdout: string;
	stderr: string;
	operations: string[];
}

/** Runs a script with --output json, PATH holding only the allowed tools and the `aws` above. */
export async function run(script: Script, args: string[], env: Record<string, string> = credentials): Promise<Run> {
	const dir = join(work, `run-${++runs}`);
	mkdirSync(dir);
	const log = join(dir, 'calls.log');
	writeFileSync(log, '');
	const child = spawn(join(scriptsDir, script), [...args, '--output', 'json'], {
		env: {
			PATH: bin,
			HOME: dir,
			TMPDIR: dir,
			LC_ALL: 'C',
			AWS_EC2_METADATA_DISABLED: 'true',
			// Cost Explorer forecasts fail in moto; one attempt each keeps the test quick.
			AWS_MAX_ATTEMPTS: '1',
			EMULATOR_URL: endpoint,
			EMULATOR_LOG: log,
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	let report: unknown;
	try {
		report = JSON.parse(stdout);
	} catch {
		throw new Error(`${script} printed no JSON report (exit ${code}):\n${stdout}\n${stderr}`);
	}
	const operations = readFileSync(log, 'utf8').split('\n').filter(Boolean);
	return { code, report, stdout, stderr, operations };
}

export function expectReadOnly(result: Run): void {
	expect(result.operations.length).toBeGreaterThan(0);
	for (const call of result.operations) expect(call.split(' ')[1], `aws ${call} is not read-only`).toMatch(readOnly);
}

/**
 * A describe block whose tests run against a moto_server of its own, started before them and reset
 * to an empty account before each; skipped (and reported as skipped) where moto_server or the AWS
 * CLI is missing.
 */
export function describeEmulator(name: string, body: () => void): void {
	if (!available) console.warn(`${name}: skipped, as moto_server or the AWS CLI is not installed.`);
	describe.skipIf(!available)(name, () => {
		beforeAll(async () => {
			work = mkdtempSync(join(tmpdir(), 'aws-patterns-emulator-'));
			bin = linkTools(join(work, 'bin'));
			writeAwsShim(bin, process.env.PATH ?? '');
			endpoint = `http://127.0.0.1:${await freePort()}`;
			server = spawn(motoServer, ['-H', '127.0.0.1', '-p', endpoint.split(':').pop()!], { stdio: 'ignore' });
			await waitForServer(endpoint);
		});

		afterAll(() => {
			server?.kill();
			if (work) rmSync(work, { recursive: true, force: true });
		});

		// Every test starts from an empty account.
		beforeEach(async () => {
			expect((await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' })).ok).toBe(true);
		});

		body();
	});
}
