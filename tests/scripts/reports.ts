/**
 * What the tests of tools/scripts/ share: the POSIX tools the scripts may use, the read-only rule,
 * and the JSON reports the scripts print with --output json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const scriptsDir = fileURLToPath(new URL('../../tools/scripts/', import.meta.url));
export const scripts = ['resource-audit.sh', 'security-check.sh', 'cost-estimate.sh'] as const;
export type Script = (typeof scripts)[number];

/** The commands the scripts may use; jq is deliberately not among them. */
const tools = ['bash', 'env', 'awk', 'sed', 'sort', 'tr', 'cut', 'cat', 'head', 'tail', 'mktemp', 'rm', 'date', 'dirname'];

/** Every operation a read-only script may call (sts get-caller-identity and configure get included). */
export const readOnly = /^(describe|list|get|lookup)(-|$)/;

/**
 * A folder of links to the allowed tools only. Scripts run with it as their PATH (plus an `aws`), so
 * a dependency on jq or on anything else not listed fails the tests.
 */
export function linkTools(dir: string): string {
	mkdirSync(dir, { recursive: true });
	for (const tool of tools) {
		const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
		if (!found.startsWith('/')) throw new Error(`${tool} is not installed, and the scripts need it`);
		symlinkSync(found, join(dir, tool));
	}
	return dir;
}

export interface ErrorEntry {
	check: string;
	region: string;
	kind: 'denied' | 'credentials' | 'error';
	message: string;
}

export interface Common {
	tool: string;
	account: string;
	errors: ErrorEntry[];
	complete: boolean;
	exitCode: number;
}

export interface AuditReport extends Common {
	regions: string[];
	olderThanDays: number;
	inventory: {
		ec2Instances: { region: string; instanceId: string; state: string; name: string | null }[];
		s3Buckets: { name: string; region: string }[];
	};
	waste: {
		unattachedVolumes: { region: string; volumeId: string; sizeGiB: number }[];
		oldSnapshots: { region: string; snapshotId: string; sizeGiB: number }[];
		idleElasticIps: { region: string; publicIp: string; allocationId: string }[];
		idleLoadBalancers: { region: string; name: string; type: string; detail: string }[];
	};
	summary: { ec2Instances: number; s3Buckets: number; wasteFindings: number; errors: number };
}

export interface SecurityReport extends Common {
	regions: string[];
	checks: { id: string; status: 'pass' | 'fail' | 'error'; findings: number; errors: number }[];
	findings: { check: string; region: string; resource: string; detail: string }[];
	summary: { findings: number; errors: number };
}

export interface CostRow {
	monthToDate: number;
	forecastRestOfMonth: number | null;
	monthEndEstimate: number | null;
}

export interface CostReport extends Common {
	region: string | null;
	currency: string;
	period: { monthStart: string; today: string; monthEnd: string };
	total: CostRow;
	services: (CostRow & { service: string })[];
}

