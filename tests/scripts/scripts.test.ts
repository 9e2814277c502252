/**
 * The companion shell scripts in tools/scripts/, run against a fake `aws` (tests/scripts/fake-aws/aws)
 * that answers from recorded responses (tests/scripts/fixtures/<scenario>/) and logs every call.
 * Scenarios: clean (nothing to report), findings (something for every check), denied (one call
 * AccessDenied), no-credentials and expired-token (sts get-caller-identity fails), throttled (an error
 * that is not about permissions).
 * The scripts run with a PATH of the fake and a few POSIX tools only, so a dependency on jq or on
 * anything else not listed in `tools` (tests/scripts/reports.ts) fails the tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { linkTools, readOnly, scripts, scriptsDir, type AuditReport, type CostReport, type Script, type SecurityReport } from './reports';

const here = fileURLToPath(new URL('.', import.meta.url));
const fakeAws = join(here, 'fake-aws');
const fixtures = join(here, 'fixtures');

let work = '';
let toolbin = '';

beforeAll(() => {
	work = mkdtempSync(join(tmpdir(), 'aws-patterns-scripts-'));
	toolbin = linkTools(join(work, 'bin'));
});

afterAll(() => {
	if (work) rmSync(work, { recursive: true, force: true });
});

interface Call {
	service: string;
	operation: string;
	/** The fixture the fake answered from, or MISSING. */
	key: string;
	args: string[];
}

interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
	calls: Call[];
}

interface RunOptions {
	scenario?: string;
	/** Replaces the PATH of the fake and the tools. */
	path?: string;
	env?: Record<string, string>;
}

let runs = 0;

/** Runs a script with a clean environment: no AWS_* variables, HOME and TMPDIR of its own. */
async function run(script: Script, args: string[], options: RunOptions = {}): Promise<Run> {
	const dir = join(work, `run-${++runs}`);
	mkdirSync(dir);
	const log = join(dir, 'calls.log');
	writeFileSync(log, '');
	const env: Record<string, string> = {
		PATH: options.path ?? `${fakeAws}:${toolbin}`,
		HOME: dir,
		TMPDIR: dir,
		LC_ALL: 'C',
		FAKE_AWS_FIXTURES: join(fixtures, options.scenario ?? 'clean'),
		FAKE_AWS_LOG: log,
		...options.env,
	};
	const result = await new Promise<Omit<Run, 'calls'>>((resolve, reject) => {
		const child = spawn(join(scriptsDir, script), args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
	const calls = readFileSync(log, 'utf8')
		.split('\n')
		.filter((line) => line !== '')
		.map((line): Call => {
			const [service = '', operation = '', key = '', ...rest] = line.split('\t');
			return { service, operation, key, args: rest };
		});
	// The script removes its temporary folder, whatever the outcome.
	expect(readdirSync(dir).sort(), `${script} left temporary files behind`).toEqual(['calls.log']);
	return { ...result, calls };
}

/** Every call read-only, answered from a recording, with explicit text output. */
function expectWellBehaved(result: Run, label: string): void {
	expect(result.calls.length, `${label}: no AWS call was made`).toBeGreaterThan(0);
	for (const call of result.calls) {
		const name = `${label}: aws ${call.service} ${call.operation}`;
		expect(call.operation, `${name} is not read-only`).toMatch(readOnly);
		expect(call.key, `${name} has no recorded response: ${call.args.join(' ')}`).not.toBe('MISSING');
		expect(call.args.join(' '), `${name} must ask for --output text`).toContain('--output text');
	}
}

const operations = (result: Run): string[] => result.calls.map((call) => `${call.service} ${call.operation}`);

function parse<T>(result: Run, label: string): T {
	try {
		return JSON.parse(result.stdout) as T;
	} catch (error) {
		throw new Error(`${label}: standard output is not JSON (${String(error)}):\n${result.stdout}\n${result.stderr}`);
	}
}

const checkIds = [
	's3-account-public-access-block',
	's3-bucket-public-access-block',
	's3-bucket-public-policy',
	'ebs-encryption',
	'rds-encryption',
	'security-group-admin-ports',
	'root-mfa',
	'cloudtrail-logging',
	'iam-access-key-age',
];

describe('shellcheck', () => {
	test('shellcheck is installed (.ci/run installs it)', () => {
		const version = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
		expect(version.status, 'shellcheck is missing: apt-get install shellcheck').toBe(0);
	});

	test.each([...scripts.map((script) => join(scriptsDir, script)), join(fakeAws, 'aws')])('%s passes shellcheck', (file) => {
		const result = spawnSync('shellcheck', ['--shell=bash', '--severity=style', file], { encoding: 'utf8' });
		expect(result.error, 'shellcheck is missing: apt-get install shellcheck').toBeUndefined();
		expect(result.stdout + result.stderr).toBe('');
		expect(result.status).toBe(0);
	});

	test('the scripts and the fake aws are executable (commit them with mode 755)', () => {
		for (const file of [...scripts.map((script) => join(scriptsDir, script)), join(fakeAws, 'aws')]) {
			expect(() => accessSync(file, constants.X_OK), `${file} is not executable: chmod +x it`).not.toThrow();
		}
	});

	test('no check is disabled (one that ever must be needs a comment saying why, and this test relaxed)', () => {
		for (const file of [...scripts.map((script) => join(scriptsDir, script)), join(fakeAws, 'aws')]) {
			expect(readFileSync(file, 'utf8'), file).not.toMatch(/shellcheck\s+disable/);
		}
	});

	test('the helpers shared by the scripts are the same in each', () => {
		const block = (script: Script, name: string): string => {
			const text = readFileSync(join(scriptsDir, script), 'utf8');
			const start = text.indexOf(`# ---- ${name} helpers`);
			const end = text.indexOf(`# ---- end of ${name} helpers ----`);
			expect(start, `${script} has no ${name} helpers`).toBeGreaterThan(-1);
			return text.slice(start, end);
		};
		expect(block('security-check.sh', 'common')).toBe(block('resource-audit.sh', 'common'));
		expect(block('cost-estimate.sh', 'common')).toBe(block('resource-audit.sh', 'common'));
		expect(block('security-check.sh', 'regional')).toBe(block('resource-audit.sh', 'regional'));
	});
});

describe.concurrent.each(scripts)('%s: usage', (script) => {
	test('--help documents read-only use, the options and every exit code, even without the AWS CLI', async () => {
		const result = await run(script, ['--help'], { path: toolbin });
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		const help = result.stdout;
		expect(help).toMatch(/^Usage: /);
		expect(help).toMatch(/Read-only/);
		expect(help).toMatch(/never creates, changes or deletes/);
		for (const option of ['--region R', '--profile P', '--output table|json', '-h, --help']) expect(help).toContain(option);
		expect(help).toContain('Exit codes:');
		for (const code of [0, 2, 3, 4, 5]) expect(help).toMatch(new RegExp(`^ {2}${code} {2}\\S`, 'm'));
		if (script !== 'cost-estimate.sh') expect(help).toMatch(/^ {2}1 {2}\S/m);
		expect(help).toMatch(/credentials/);
		expect(help).toMatch(/AccessDenied/);
		expect(help).toMatch(/not installed/);
		expect(help).toMatch(/not jq/);
		expect(result.calls).toEqual([]);
		expect((await run(script, ['-h'], { path: toolbin })).stdout).toBe(help);
	});

	test.each([
		[['--bogus']],
		[['extra-argument']],
		[['--output', 'yaml']],
		[['--output=xml']],
		[['--region']],
		[['--region', '--output', 'json']],
		[['--region', 'Europe']],
		[['--profile']],
	])('%j is a usage error (exit 2) with a message, and calls nothing', async (args) => {
		const result = await run(script, args);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain(`${script}: `);
		expect(result.stderr).toContain('--help');
		expect(result.calls).toEqual([]);
	});

	test('its own numeric option rejects a value that is not a number', async () => {
		const option = { 'resource-audit.sh': '--older-than-days', 'security-check.sh': '--key-max-age-days', 'cost-estimate.sh': '--top' }[script];
		const result = await run(script, [option, 'ninety']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(option);
	});

	test('without the AWS CLI it exits 4 and says how to install it', async () => {
		const result = await run(script, [], { path: toolbin });
		expect(result.code).toBe(4);
		expect(result.stderr).toContain('the AWS CLI (aws) is not installed');
		expect(result.stderr).toContain('getting-started-install');
	});
});

describe.concurrent.each(scripts)('%s: credentials', (script) => {
	test.each([
		['no-credentials', 'Unable to locate credentials'],
		['expired-token', 'ExpiredToken'],
	])('%s: exits 3 with a clear message, after only the identity check', async (scenario, cliMessage) => {
		const table = await run(script, [], { scenario });
		expect(table.code).toBe(3);
		expect(table.stdout).toBe('');
		expect(table.stderr).toContain('no usable AWS credentials');
		expect(table.stderr).toContain(cliMessage);
		expect(table.stderr).toContain('aws configure');
		expect(operations(table)).toEqual(['configure get', 'sts get-caller-identity']);
		expectWellBehaved(table, scenario);

		const json = await run(script, ['--output', 'json', '--profile', 'auditor'], { scenario });
		expect(json.code).toBe(3);
		expect(json.stderr).toContain('for profile auditor');
		const report = parse<{ error: { kind: string; message: string }; exitCode: number }>(json, scenario);
		expect(report.exitCode).toBe(3);
		expect(report.error.kind).toBe('credentials');
		expect(report.error.message).toContain(cliMessage);
	});
});

describe.concurrent('resource-audit.sh', () => {
	test('clean account: exit 0, inventory listed, no waste', async () => {
		const table = await run('resource-audit.sh', []);
		expect(table.code, table.stderr).toBe(0);
		expect(table.stderr).toBe('');
		expectWellBehaved(table, 'clean');
		expect(table.stdout).toContain('account 111111111111');
		expect(table.stdout).toContain('Regions: eu-west-1 us-east-1');
		expect(table.stdout).toMatch(/EC2 instances: 1\n.*\n {2}us-east-1 +i-0a1b2c3d4e5f60001 +t3\.micro +running/);
		for (const waste of ['Unattached EBS volumes', 'EBS snapshots older than 90 days', 'Elastic IPs not associated', 'Load balancers with no healthy target']) {
			expect(table.stdout).toContain(`${waste}: none`);
		}
		expect(table.stdout).toMatch(/S3 buckets: 2\n/);
		expect(table.stdout).toContain('No waste found.');

		const json = await run('resource-audit.sh', ['--output', 'json']);
		expect(json.code).toBe(0);
		const report = parse<AuditReport>(json, 'clean');
		expect(report).toMatchObject({ tool: 'resource-audit', account: '111111111111', regions: ['eu-west-1', 'us-east-1'], olderThanDays: 90 });
		expect(report.summary).toEqual({ ec2Instances: 1, s3Buckets: 2, wasteFindings: 0, errors: 0 });
		expect(report.waste).toEqual({ unattachedVolumes: [], oldSnapshots: [], idleElasticIps: [], idleLoadBalancers: [] });
		// The bucket without BucketRegion in list-buckets got its region from get-bucket-location.
		expect(report.inventory.s3Buckets).toEqual([
			{ name: 'clean-site-logs', region: 'us-east-1', creationDate: '2025-01-10T08:00:00+00:00' },
			{ name: 'clean-eu-data', region: 'eu-west-1', creationDate: '2025-02-01T09:30:00+00:00' },
		]);
		expect(report).toMatchObject({ errors: [], complete: true, exitCode: 0 });
	});

	test('account with waste: exit 1, every kind of waste reported in the table and in JSON', async () => {
		const table = await run('resource-audit.sh', [], { scenario: 'findings' });
		expect(table.code, table.stderr).toBe(1);
		expectWellBehaved(table, 'findings');
		expect(table.stdout).toMatch(/Unattached EBS volumes: 2 \(waste\)/);
		expect(table.stdout).toMatch(/EBS snapshots older than 90 days: 2 \(waste\)/);
		expect(table.stdout).toMatch(/Elastic IPs not associated: 1 \(waste\)/);
		expect(table.stdout).toMatch(/Load balancers with no healthy target: 4 \(waste\)/);
		for (const id of ['vol-0f00000000000000a', 'vol-0f00000000000000b', 'snap-0f00000000000000a', 'snap-0f00000000000000c', '203.0.113.10', 'legacy-elb']) {
			expect(table.stdout).toContain(id);
		}
		expect(table.stdout).toContain('Waste found: 9 item(s).');

		const json = await run('resource-audit.sh', ['--output', 'json'], { scenario: 'findings' });
		expect(json.code).toBe(1);
		const report = parse<AuditReport>(json, 'findings');
		expect(report.account).toBe('222222222222');
		expect(report.waste.unattachedVolumes).toEqual([
			{ region: 'eu-west-1', volumeId: 'vol-0f00000000000000b', sizeGiB: 20, volumeType: 'gp2', createTime: '2023-11-20T10:00:00+00:00' },
			{ region: 'us-east-1', volumeId: 'vol-0f00000000000000a', sizeGiB: 100, volumeType: 'gp3', createTime: '2024-03-01T10:00:00+00:00' },
		]);
		// 400 and 92 days old are reported; 88 and 5 days old are not.
		expect(report.waste.oldSnapshots.map((s) => s.snapshotId)).toEqual(['snap-0f00000000000000c', 'snap-0f00000000000000a']);
		expect(report.waste.idleElasticIps).toEqual([{ region: 'eu-west-1', publicIp: '203.0.113.10', allocationId: 'eipalloc-0f00000000000000a', domain: 'vpc' }]);
		// shop has one healthy target among its two target groups, so it is not idle.
		expect(report.waste.idleLoadBalancers.map(({ name, type, detail }) => ({ name, type, detail }))).toEqual([
			{ name: 'legacy-elb', type: 'classic', detail: '0 of 1 instances in service' },
			{ name: 'unhealthy', type: 'application', detail: '0 of 3 targets healthy' },
			{ name: 'empty', type: 'network', detail: 'no registered targets' },
			{ name: 'orphan', type: 'application', detail: 'no target groups' },
		]);
		expect(report.inventory.ec2Instances.map((i) => [i.instanceId, i.state, i.name])).toEqual([
			['i-0f00000000000000a', 'running', 'api'],
			['i-0f00000000000000b', 'stopped', null],
		]);
		expect(report.summary).toEqual({ ec2Instances: 2, s3Buckets: 3, wasteFindings: 9, errors: 0 });
		expect(report).toMatchObject({ complete: true, exitCode: 1 });
	});

	test('--older-than-days changes which snapshots are old', async () => {
		const result = await run('resource-audit.sh', ['--older-than-days', '365', '--output=json'], { scenario: 'findings' });
		expect(parse<AuditReport>(result, 'findings').waste.oldSnapshots.map((s) => s.snapshotId)).toEqual(['snap-0f00000000000000a']);
	});

	test('AccessDenied on one call: exit 3, a clear message, and the rest of the audit', async () => {
		const table = await run('resource-audit.sh', [], { scenario: 'denied' });
		expect(table.code).toBe(3);
		expectWellBehaved(table, 'denied');
		expect(table.stderr).toContain('resource-audit.sh: idle-elastic-ips (us-east-1): An error occurred (UnauthorizedOperation)');
		expect(table.stderr).toContain('permission denied');
		expect(table.stderr).toContain('ReadOnlyAccess');
		expect(table.stdout).toContain('i-0a1b2c3d4e5f60001');
		expect(table.stdout).toContain('Incomplete: 1 call(s) failed');
		// The other region's addresses were still asked for.
		expect(table.calls.filter((c) => c.operation === 'describe-addresses')).toHaveLength(2);

		const report = parse<AuditReport>(await run('resource-audit.sh', ['--output', 'json'], { scenario: 'denied' }), 'denied');
		expect(report.errors).toEqual([
			{ check: 'idle-elastic-ips', region: 'us-east-1', kind: 'denied', message: expect.stringContaining('ec2:DescribeAddresses') },
		]);
		expect(report).toMatchObject({ complete: false, exitCode: 3 });
		expect(report.summary.ec2Instances).toBe(1);
	});

	test('another AWS error on one call: exit 5', async () => {
		const result = await run('resource-audit.sh', [], { scenario: 'throttled' });
		expect(result.code).toBe(5);
		expect(result.stderr).toContain('RequestLimitExceeded');
		expect(result.stdout).toContain('Incomplete');
	});

	test('--region audits that region alone, and only its buckets', async () => {
		const result = await run('resource-audit.sh', ['--region', 'eu-west-1', '--output', 'json'], { scenario: 'findings' });
		expectWellBehaved(result, 'region');
		expect(operations(result)).not.toContain('ec2 describe-regions');
		expect(operations(result)).not.toContain('configure get');
		for (const call of result.calls.filter((c) => ['ec2', 'elb', 'elbv2', 'sts'].includes(c.service))) {
			expect(call.args.join(' '), `${call.service} ${call.operation}`).toContain('--region eu-west-1');
		}
		const report = parse<AuditReport>(result, 'region');
		expect(report.regions).toEqual(['eu-west-1']);
		expect(report.inventory.s3Buckets.map((b) => b.name)).toEqual(['partly-blocked']);
		expect(report.waste.unattachedVolumes.map((v) => v.volumeId)).toEqual(['vol-0f00000000000000b']);
	});
});

describe.concurrent('security-check.sh', () => {
	test('clean account: exit 0, every check passes', async () => {
		const table = await run('security-check.sh', []);
		expect(table.code, table.stderr).toBe(0);
		expect(table.stderr).toBe('');
		expectWellBehaved(table, 'clean');
		for (const id of checkIds) expect(table.stdout).toMatch(new RegExp(`PASS +${id} +0\\n`));
		expect(table.stdout).toContain('No findings.');
		// The account's Block Public Access covers the buckets: no need to ask bucket by bucket.
		expect(operations(table)).not.toContain('s3api get-public-access-block');

		const report = parse<SecurityReport>(await run('security-check.sh', ['--output', 'json']), 'clean');
		expect(report.checks.map((c) => [c.id, c.status])).toEqual(checkIds.map((id) => [id, 'pass']));
		expect(report).toMatchObject({ tool: 'security-check', account: '111111111111', findings: [], errors: [], complete: true, exitCode: 0 });
	});

	test('account with findings: exit 1, a finding for every check, in the table and in JSON', async () => {
		const table = await run('security-check.sh', [], { scenario: 'findings' });
		expect(table.code, table.stderr).toBe(1);
		expectWellBehaved(table, 'findings');
		for (const id of checkIds) expect(table.stdout).toMatch(new RegExp(`FAIL +${id} +[1-9]`));
		expect(table.stdout).toContain('Findings: 14');
		expect(table.stdout).toContain('the root user has no MFA device');

		const json = await run('security-check.sh', ['--output', 'json'], { scenario: 'findings' });
		expect(json.code).toBe(1);
		const report = parse<SecurityReport>(json, 'findings');
		expect(report.checks.every((c) => c.status === 'fail')).toBe(true);
		const found = (check: string) => report.findings.filter((f) => f.check === check).map((f) => `${f.region} ${f.resource}: ${f.detail}`);
		expect(found('s3-account-public-access-block')).toEqual(['global 222222222222: Block Public Access is not configured for the account']);
		expect(found('s3-bucket-public-access-block')).toEqual([
			'us-east-1 public-site: no Block Public Access, for the bucket or for the account',
			'eu-west-1 partly-blocked: Block Public Access is only partly on, for the bucket and for the account',
		]);
		expect(found('s3-bucket-public-policy')).toEqual([expect.stringMatching(/^us-east-1 public-site: the bucket policy makes the bucket public/)]);
		expect(found('ebs-encryption')).toEqual(['us-east-1 vol-0f0000000000000ee: volume not encrypted (50 GiB, in-use)']);
		expect(found('rds-encryption')).toEqual([
			'eu-west-1 reports-cluster: DB cluster storage not encrypted (aurora-mysql)',
			'us-east-1 orders-db: DB instance storage not encrypted (postgres)',
		]);
		// 443 and 53 open to the world are not admin ports; the IPv6 and port-range rules are caught.
		expect(found('security-group-admin-ports')).toEqual([
			'eu-west-1 sg-0f00000000000000e: port 1433 open to ::/0 (rule sgr-0f00000000000000f, tcp 1433)',
			'us-east-1 sg-0f00000000000000a: port 22 open to 0.0.0.0/0 (rule sgr-0f00000000000000a, tcp 22)',
			'us-east-1 sg-0f00000000000000b: ports 22,3389,3306,5432,1433 open to ::/0 (rule sgr-0f00000000000000b, all traffic)',
			'us-east-1 sg-0f00000000000000c: ports 3389,3306 open to 0.0.0.0/0 (rule sgr-0f00000000000000c, tcp 3000-4000)',
		]);
		expect(found('root-mfa')).toEqual(['global 222222222222: the root user has no MFA device']);
		expect(found('cloudtrail-logging')).toEqual([
			'global 222222222222: no multi-region trail is logging; single-region trails logging: eu-only; trails not logging: stopped-trail',
		]);
		// bob's 200-day-old key is reported, his 3-day-old one and alice's 30-day-old one are not.
		expect(found('iam-access-key-age')).toEqual([expect.stringMatching(/^global bob: active access key AKIAIOSFODNN7BOB0001 created \d{4}-\d\d-\d\d, more than 90 days ago$/)]);
		expect(report.summary).toEqual({ findings: 14, errors: 0 });
		expect(report).toMatchObject({ complete: true, exitCode: 1 });
	});

	test('AccessDenied on one call: exit 3, a clear message, that check in error, the others made', async () => {
		const table = await run('security-check.sh', [], { scenario: 'denied' });
		expect(table.code).toBe(3);
		expectWellBehaved(table, 'denied');
		expect(table.stderr).toContain('security-check.sh: root-mfa (global): An error occurred (AccessDenied) when calling the GetAccountSummary operation');
		expect(table.stderr).toContain('permission denied');
		expect(table.stderr).toContain('SecurityAudit');
		expect(table.stdout).toMatch(/ERROR +root-mfa +0/);
		expect(table.stdout).toMatch(/PASS +cloudtrail-logging/);

		const report = parse<SecurityReport>(await run('security-check.sh', ['--output', 'json'], { scenario: 'denied' }), 'denied');
		expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([{ id: 'root-mfa', status: 'error', findings: 0, errors: 1 }]);
		expect(report.errors).toEqual([{ check: 'root-mfa', region: 'global', kind: 'denied', message: expect.stringContaining('iam:GetAccountSummary') }]);
		expect(report).toMatchObject({ complete: false, exitCode: 3 });
	});

	test('another AWS error on one call: exit 5', async () => {
		const result = await run('security-check.sh', ['--output', 'json'], { scenario: 'throttled' });
		expect(result.code).toBe(5);
		const report = parse<SecurityReport>(result, 'throttled');
		expect(report.errors.map((e) => [e.check, e.region, e.kind])).toEqual([['security-group-admin-ports', 'eu-west-1', 'error']]);
	});

	test('--region checks that region alone; a single-region trail there is enough', async () => {
		const result = await run('security-check.sh', ['--region', 'eu-west-1', '--output', 'json'], { scenario: 'findings' });
		expectWellBehaved(result, 'region');
		expect(operations(result)).not.toContain('ec2 describe-regions');
		const report = parse<SecurityReport>(result, 'region');
		expect(report.regions).toEqual(['eu-west-1']);
		expect(new Set(report.findings.map((f) => f.region))).toEqual(new Set(['eu-west-1', 'global']));
		expect(report.checks.find((c) => c.id === 'cloudtrail-logging')?.status).toBe('pass');
	});

	test('--profile is passed to every call', async () => {
		const result = await run('security-check.sh', ['--profile', 'auditor'], { scenario: 'findings' });
		expect(result.code).toBe(1);
		for (const call of result.calls) expect(call.args.slice(0, 2), `${call.service} ${call.operation}`).toEqual(['--profile', 'auditor']);
	});
});

describe.concurrent('cost-estimate.sh', () => {
	const today = '2026-05-17';
	const env = { COST_ESTIMATE_TODAY: today };

	test('month to date and forecast by service: exit 0, in the table and in JSON', async () => {
		const table = await run('cost-estimate.sh', [], { env });
		expect(table.code, table.stderr).toBe(0);
		expect(table.stderr).toBe('');
		expectWellBehaved(table, 'clean');
		expect(table.stdout).toContain('Month to date: 2026-05-01 to 2026-05-16');
		expect(table.stdout).toContain('Forecast: 2026-05-17 to 2026-05-31.');
		expect(table.stdout).toMatch(/Amazon Elastic Compute Cloud - Compute +120\.46 +105\.50 +225\.96\n/);
		expect(table.stdout).toMatch(/TOTAL +159\.76 +140\.12 +299\.88\n/);
		// Lambda cost under 0.01 so far, so it was not forecast; the legend says why a row has none.
		expect(table.stdout).toMatch(/AWS Lambda +0\.00 +- +-\n/);
		expect(table.stdout).toContain('- : no forecast (outside the top 10 by cost, under 0.01 so far, not enough history, or a failed call)');
		const usage = table.calls.find((c) => c.operation === 'get-cost-and-usage');
		expect(usage?.args.join(' ')).toContain('--time-period Start=2026-05-01,End=2026-05-17');
		expect(usage?.args.join(' ')).toContain('--group-by Type=DIMENSION,Key=SERVICE');
		const forecasts = table.calls.filter((c) => c.operation === 'get-cost-forecast');
		// The total, then the three services that cost at least 0.01 so far (not Lambda).
		expect(forecasts).toHaveLength(4);
		for (const call of forecasts) expect(call.args.join(' ')).toContain('--time-period Start=2026-05-17,End=2026-06-01');

		const report = parse<CostReport>(await run('cost-estimate.sh', ['--output', 'json'], { env }), 'clean');
		expect(report).toMatchObject({ tool: 'cost-estimate', account: '111111111111', region: null, currency: 'USD', exitCode: 0, complete: true });
		expect(report.period).toEqual({ monthStart: '2026-05-01', today, monthEnd: '2026-05-31' });
		expect(report.total).toEqual({ monthToDate: 159.76, forecastRestOfMonth: 140.12, monthEndEstimate: 299.88 });
		expect(report.services).toEqual([
			{ service: 'Amazon Elastic Compute Cloud - Compute', monthToDate: 120.46, forecastRestOfMonth: 105.5, monthEndEstimate: 225.96 },
			{ service: 'Amazon Simple Storage Service', monthToDate: 35.1, forecastRestOfMonth: 30.25, monthEndEstimate: 65.35 },
			{ service: 'AmazonCloudWatch', monthToDate: 4.2, forecastRestOfMonth: 3.9, monthEndEstimate: 8.1 },
			{ service: 'AWS Lambda', monthToDate: 0, forecastRestOfMonth: null, monthEndEstimate: null },
		]);
	});

	test('a service without enough history has no forecast, which is no error', async () => {
		const result = await run('cost-estimate.sh', ['--output', 'json'], { scenario: 'findings', env });
		expect(result.code, result.stderr).toBe(0);
		expectWellBehaved(result, 'findings');
		const report = parse<CostReport>(result, 'findings');
		expect(report.services[0]).toEqual({ service: 'Amazon Elastic Compute Cloud - Compute', monthToDate: 512.3, forecastRestOfMonth: null, monthEndEstimate: null });
		expect(report.total).toEqual({ monthToDate: 798.15, forecastRestOfMonth: 690.5, monthEndEstimate: 1488.65 });
		expect(report.errors).toEqual([]);
	});

	test('--top limits the forecast calls; --region filters by region', async () => {
		const result = await run('cost-estimate.sh', ['--top', '1', '--region', 'eu-west-1', '--output', 'json'], { env });
		expectWellBehaved(result, 'region');
		const ce = result.calls.filter((c) => c.service === 'ce');
		expect(ce.map((c) => c.operation)).toEqual(['get-cost-and-usage', 'get-cost-forecast', 'get-cost-forecast']);
		for (const call of ce) expect(call.args.join(' ')).toContain('"Key":"REGION","Values":["eu-west-1"]');
		for (const call of ce) expect(call.args.join(' ')).toContain('--region us-east-1');
		const report = parse<CostReport>(result, 'region');
		expect(report.region).toBe('eu-west-1');
		expect(report.services).toEqual([
			{ service: 'Amazon Simple Storage Service', monthToDate: 12.5, forecastRestOfMonth: 11, monthEndEstimate: 23.5 },
			{ service: 'Amazon Elastic Compute Cloud - Compute', monthToDate: 3.25, forecastRestOfMonth: null, monthEndEstimate: null },
		]);
	});

	test('on the first of the month there is nothing to date: only the forecast is asked for', async () => {
		const result = await run('cost-estimate.sh', [], { env: { COST_ESTIMATE_TODAY: '2026-12-01' } });
		expect(result.code).toBe(0);
		expect(operations(result)).not.toContain('ce get-cost-and-usage');
		expect(result.calls.find((c) => c.operation === 'get-cost-forecast')?.args.join(' ')).toContain('Start=2026-12-01,End=2027-01-01');
		expect(result.stdout).toContain('The month began today');
		expect(result.stdout).toMatch(/TOTAL +0\.00 +140\.12 +140\.12\n/);
	});

	test('AccessDenied on one call: exit 3, a clear message, month to date still shown', async () => {
		const table = await run('cost-estimate.sh', [], { scenario: 'denied', env });
		expect(table.code).toBe(3);
		expectWellBehaved(table, 'denied');
		expect(table.stderr).toContain('cost-estimate.sh: forecast (us-east-1): An error occurred (AccessDeniedException)');
		expect(table.stderr).toContain('ce:GetCostForecast');
		expect(table.stdout).toMatch(/TOTAL +159\.76 +- +-\n/);

		const report = parse<CostReport>(await run('cost-estimate.sh', ['--output', 'json'], { scenario: 'denied', env }), 'denied');
		expect(report.errors.map((e) => [e.check, e.kind])).toEqual([['forecast', 'denied']]);
		expect(report.total).toEqual({ monthToDate: 159.76, forecastRestOfMonth: null, monthEndEstimate: null });
		expect(report).toMatchObject({ complete: false, exitCode: 3 });
	});

	test('another AWS error: exit 5', async () => {
		const result = await run('cost-estimate.sh', [], { scenario: 'throttled', env });
		expect(result.code).toBe(5);
		expect(result.stderr).toContain('LimitExceededException');
	});
});

test('across every scenario, the scripts only describe, list and get', async () => {
	const seen = new Set<string>();
	const scenarios = ['clean', 'findings', 'denied', 'throttled'];
	const all = await Promise.all(
		scenarios.flatMap((scenario) =>
			scripts.map(async (script) => ({
				label: `${script} in ${scenario}`,
				result: await run(script, ['--output', 'json'], { scenario, env: { COST_ESTIMATE_TODAY: '2026-05-17' } }),
			})),
		),
	);
	for (const { label, result } of all) {
		for (const call of result.calls) {
			expect(call.operation, `${label}: aws ${call.service} ${call.operation}`).toMatch(readOnly);
			seen.add(`${call.service} ${call.operation}`);
		}
	}
	expect([...seen].sort()).toEqual([
		'ce get-cost-and-usage',
		'ce get-cost-forecast',
		'cloudtrail describe-trails',
		'cloudtrail get-trail-status',
		'configure get',
		'ec2 describe-addresses',
		'ec2 describe-instances',
		'ec2 describe-regions',
		'ec2 describe-security-group-rules',
		'ec2 describe-snapshots',
		'ec2 describe-volumes',
		'elb describe-instance-health',
		'elb describe-load-balancers',
		'elbv2 describe-load-balancers',
		'elbv2 describe-target-groups',
		'elbv2 describe-target-health',
		'iam get-account-summary',
		'iam list-access-keys',
		'iam list-users',
		'rds describe-db-clusters',
		'rds describe-db-instances',
		's3api get-bucket-location',
		's3api get-bucket-policy-status',
		's3api get-public-access-block',
		's3api list-buckets',
		's3control get-public-access-block',
		'sts get-caller-identity',
	]);
});
