/**
 * The companion scripts against a real AWS API emulator and the real AWS CLI, where both are
 * installed: moto's server (`moto_server`, Python) on loopback, started here and stopped after.
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
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { linkTools, readOnly, scriptsDir, type AuditReport, type CostReport, type Script, type SecurityReport } from './reports';

const which = (name: string) => spawnSync('bash', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
const motoServer = which('moto_server');
const realAws = which('aws');
const available = motoServer !== '' && realAws !== '' && spawnSync(realAws, ['--version']).status === 0;
if (!available) console.warn('tests/scripts/emulator.test.ts: skipped, as moto_server or the AWS CLI is not installed.');

const account = '123456789012'; // moto's default account
const region = 'us-east-1';
const credentials = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };

let endpoint = '';
let server: ChildProcess | undefined;
let work = '';
let bin = '';
let runs = 0;

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

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
function setup(...args: string[]): string {
	const result = spawnSync(join(bin, 'aws'), [...args, '--region', region, '--output', 'text'], {
		encoding: 'utf8',
		env: { ...process.env, ...credentials, HOME: work, AWS_EC2_METADATA_DISABLED: 'true', EMULATOR_URL: endpoint, EMULATOR_LOG: '/dev/null' },
	});
	if (result.status !== 0) throw new Error(`aws ${args.slice(0, 2).join(' ')} failed against the emulator: ${result.stderr}`);
	return result.stdout.trim();
}

interface Run {
	code: number | null;
	report: unknown;
	stdout: string;
	stderr: string;
	operations: string[];
}

/** Runs a script with --output json, PATH holding only the allowed tools and the `aws` above. */
async function run(script: Script, args: string[], env: Record<string, string> = credentials): Promise<Run> {
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

function expectReadOnly(result: Run): void {
	expect(result.operations.length).toBeGreaterThan(0);
	for (const call of result.operations) expect(call.split(' ')[1], `aws ${call} is not read-only`).toMatch(readOnly);
}

describe.skipIf(!available)('against moto_server and the real AWS CLI', () => {
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

	test('security-check.sh reports each insecure resource built in the account', async () => {
		const volume = setup('ec2', 'create-volume', '--size', '1', '--availability-zone', `${region}a`, '--query', 'VolumeId');
		const group = setup('ec2', 'create-security-group', '--group-name', 'open-ssh', '--description', 'SSH from anywhere', '--query', 'GroupId');
		setup('ec2', 'authorize-security-group-ingress', '--group-id', group, '--protocol', 'tcp', '--port', '22', '--cidr', '0.0.0.0/0');
		setup('s3api', 'create-bucket', '--bucket', 'open-bucket');
		setup('rds', 'create-db-instance', '--db-instance-identifier', 'plain-db', '--db-instance-class', 'db.t4g.micro', '--engine', 'postgres',
			'--master-username', 'app', '--master-user-password', 'not-a-real-secret-1', '--allocated-storage', '20', '--no-storage-encrypted');

		const result = await run('security-check.sh', ['--region', region]);
		const report = result.report as SecurityReport;
		expect(result.code, result.stderr).toBe(1);
		expect(report).toMatchObject({ account, regions: [region], complete: true, errors: [], exitCode: 1 });
		expect(report.findings.map(({ check, region, resource }) => `${check} ${region} ${resource}`).sort()).toEqual(
			[
				`s3-account-public-access-block global ${account}`,
				`s3-bucket-public-access-block ${region} open-bucket`,
				`ebs-encryption ${region} ${volume}`,
				`rds-encryption ${region} plain-db`,
				`security-group-admin-ports ${region} ${group}`,
				`root-mfa global ${account}`,
				`cloudtrail-logging ${region} ${account}`,
			].sort(),
		);
		expect(report.findings.find((f) => f.check === 'security-group-admin-ports')?.detail).toMatch(/^port 22 open to 0\.0\.0\.0\/0/);
		expectReadOnly(result);
	});

	test('security-check.sh passes the same checks once the resources are secured', async () => {
		setup('s3control', 'put-public-access-block', '--account-id', account, '--public-access-block-configuration',
			'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true');
		setup('ec2', 'create-volume', '--size', '1', '--availability-zone', `${region}a`, '--encrypted');
		const group = setup('ec2', 'create-security-group', '--group-name', 'office-ssh', '--description', 'SSH from the office', '--query', 'GroupId');
		setup('ec2', 'authorize-security-group-ingress', '--group-id', group, '--protocol', 'tcp', '--port', '22', '--cidr', '10.0.0.0/8');
		setup('s3api', 'create-bucket', '--bucket', 'trail-logs');
		setup('cloudtrail', 'create-trail', '--name', 'organization', '--s3-bucket-name', 'trail-logs', '--is-multi-region-trail');
		setup('cloudtrail', 'start-logging', '--name', 'organization');
		setup('rds', 'create-db-instance', '--db-instance-identifier', 'encrypted-db', '--db-instance-class', 'db.t4g.micro', '--engine', 'postgres',
			'--master-username', 'app', '--master-user-password', 'not-a-real-secret-1', '--allocated-storage', '20', '--storage-encrypted');

		const result = await run('security-check.sh', ['--region', region]);
		const report = result.report as SecurityReport;
		// moto has no way to give the root user MFA, so that finding stays.
		expect(report.findings.map((f) => f.check)).toEqual(['root-mfa']);
		expect(report.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual(['root-mfa']);
		expect(report).toMatchObject({ complete: true, exitCode: 1 });
		expectReadOnly(result);
	});

	test('resource-audit.sh lists the inventory and finds idle volumes, addresses and load balancers', async () => {
		const image = setup('ec2', 'describe-images', '--owners', 'amazon', '--query', 'Images[0].ImageId');
		const instance = setup('ec2', 'run-instances', '--image-id', image, '--instance-type', 't4g.micro', '--query', 'Instances[0].InstanceId');
		const volume = setup('ec2', 'create-volume', '--size', '8', '--availability-zone', `${region}a`, '--query', 'VolumeId');
		const allocation = setup('ec2', 'allocate-address', '--query', 'AllocationId');
		const vpc = setup('ec2', 'describe-vpcs', '--query', 'Vpcs[0].VpcId');
		const subnets = setup('ec2', 'describe-subnets', '--query', 'Subnets[0:2].SubnetId').split(/\s+/);
		const balancer = setup('elbv2', 'create-load-balancer', '--name', 'idle-alb', '--subnets', ...subnets, '--query', 'LoadBalancers[0].LoadBalancerArn');
		const group = setup('elbv2', 'create-target-group', '--name', 'no-targets', '--protocol', 'HTTP', '--port', '80', '--vpc-id', vpc, '--query', 'TargetGroups[0].TargetGroupArn');
		setup('elbv2', 'create-listener', '--load-balancer-arn', balancer, '--protocol', 'HTTP', '--port', '80', '--default-actions', `Type=forward,TargetGroupArn=${group}`);
		setup('s3api', 'create-bucket', '--bucket', 'inventory-bucket');

		const result = await run('resource-audit.sh', ['--region', region]);
		const report = result.report as AuditReport;
		expect(result.code, result.stderr).toBe(1);
		expect(report).toMatchObject({ account, regions: [region], complete: true, errors: [] });
		expect(report.inventory.ec2Instances.map((i) => [i.instanceId, i.state])).toEqual([[instance, 'running']]);
		expect(report.inventory.s3Buckets.map((b) => [b.name, b.region])).toEqual([['inventory-bucket', region]]);
		expect(report.waste.unattachedVolumes.map((v) => [v.volumeId, v.sizeGiB])).toEqual([[volume, 8]]);
		expect(report.waste.idleElasticIps.map((a) => a.allocationId)).toEqual([allocation]);
		expect(report.waste.idleLoadBalancers.map((b) => [b.name, b.type, b.detail])).toEqual([['idle-alb', 'application', 'no registered targets']]);
		expect(report.summary).toMatchObject({ ec2Instances: 1, s3Buckets: 1, wasteFindings: 3, errors: 0 });
		expectReadOnly(result);
	});

	test('resource-audit.sh exits 0 on an account without waste', async () => {
		setup('s3api', 'create-bucket', '--bucket', 'only-bucket');
		const result = await run('resource-audit.sh', ['--region', region]);
		const report = result.report as AuditReport;
		expect(result.code, result.stderr).toBe(0);
		expect(report.waste).toEqual({ unattachedVolumes: [], oldSnapshots: [], idleElasticIps: [], idleLoadBalancers: [] });
		expect(report.summary).toMatchObject({ ec2Instances: 0, s3Buckets: 1, wasteFindings: 0, errors: 0 });
	});

	test('cost-estimate.sh totals month-to-date cost by service, and reports the forecast call that fails', async () => {
		const costs = { 'AWS Lambda': '0.5', 'Amazon DynamoDB': '0.004', 'Amazon Simple Storage Service': '1.2512' };
		const seeded = await fetch(`${endpoint}/moto-api/static/ce/cost-and-usage-results`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				results: [
					{
						ResultsByTime: [
							{
								TimePeriod: { Start: '2026-12-01', End: '2026-12-06' },
								Total: {},
								Groups: Object.entries(costs).map(([service, amount]) => ({ Keys: [service], Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } } })),
								Estimated: true,
							},
						],
						DimensionValueAttributes: [],
					},
				],
			}),
		});
		expect(seeded.status).toBe(201);

		const result = await run('cost-estimate.sh', ['--top', '1']);
		const report = result.report as CostReport;
		expect(report.currency).toBe('USD');
		// Costliest first, in cents: the report rounds every amount, the total after adding them up.
		expect(report.services.map((s) => [s.service, s.monthToDate])).toEqual([
			['Amazon Simple Storage Service', 1.25],
			['AWS Lambda', 0.5],
			['Amazon DynamoDB', 0],
		]);
		expect(report.total.monthToDate).toBe(1.76); // 1.2512 + 0.5 + 0.004 = 1.7552
		// moto does not implement GetCostForecast: the total's and the top service's forecasts fail.
		expect(result.code).toBe(5);
		expect(report).toMatchObject({ complete: false, exitCode: 5, total: { forecastRestOfMonth: null, monthEndEstimate: null } });
		expect(report.errors.map((e) => [e.check, e.kind])).toEqual([
			['forecast', 'error'],
			['forecast', 'error'],
		]);
		expect(result.stderr).toContain('GetCostForecast');
		expect(result.operations.filter((call) => call === 'ce get-cost-forecast')).toHaveLength(2);
		expectReadOnly(result);
	});

	test.each(['resource-audit.sh', 'security-check.sh', 'cost-estimate.sh'] as const)(
		'%s without credentials: the real CLI refuses, and the script exits 3 saying how to sign in',
		async (script) => {
			const result = await run(script, ['--region', region], {});
			expect(result.code).toBe(3);
			expect(result.report).toMatchObject({ exitCode: 3, error: { kind: 'credentials' } });
			expect(result.stderr).toContain('Unable to locate credentials');
			expect(result.stderr).toContain('aws configure');
			expect(result.operations).toEqual(['sts get-caller-identity']);
		},
	);
});
