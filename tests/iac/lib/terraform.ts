/**
 * Terraform checks that need no terraform binary and no provider download: HCL parsing with
 * @cdktn/hcl2json, `terraform fmt`-style formatting with @cdktn/hcl-tools (hclwrite's formatter),
 * and rules on the parsed JSON.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { format } from '@cdktn/hcl-tools';
import { parse } from '@cdktn/hcl2json';

/** The shape hcl2json gives a .tf file: each block type maps names to a list of bodies. */
export interface TerraformJson {
	terraform?: TerraformBlock[];
	variable?: Record<string, Array<{ description?: unknown; type?: unknown; default?: unknown }>>;
	output?: Record<string, Array<{ description?: unknown; value?: unknown }>>;
	module?: Record<string, Array<{ source?: unknown; version?: unknown }>>;
	resource?: Record<string, Record<string, unknown[]>>;
	data?: Record<string, Record<string, unknown[]>>;
	provider?: Record<string, Array<Record<string, unknown>>>;
	[block: string]: unknown;
}

interface TerraformBlock {
	required_version?: string;
	required_providers?: Array<Record<string, { source?: string; version?: string }>>;
}

/** Parses one .tf file; rejects with hcl's message (`file:line,col-line,col: summary; detail`). */
export async function parseHcl(file: string, text = readFileSync(file, 'utf8')): Promise<TerraformJson> {
	return (await parse(basename(file), text)) as TerraformJson;
}

/** hcl2json reports errors as `parse config: [<diagnostics>]`; keep just the diagnostics. */
export function hclErrorMessage(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.replace(/^parse config: \[(.*)\]$/s, '$1');
}

/**
 * Undefined when `text` is already formatted; otherwise the lines that formatting changes,
 * as `line N: -"current" +"formatted"`, so the failure says what to fix without a terraform binary.
 */
export async function formatDiff(text: string, maxLines = 15): Promise<string | undefined> {
	const formatted = await format(text);
	if (formatted === text) return undefined;
	const current = text.split('\n');
	const wanted = formatted.split('\n');
	const lines: string[] = [];
	for (let i = 0; i < Math.max(current.length, wanted.length) && lines.length < maxLines; i++) {
		if (current[i] !== wanted[i]) {
			lines.push(`  line ${i + 1}: -${JSON.stringify(current[i] ?? '')} +${JSON.stringify(wanted[i] ?? '')}`);
		}
	}
	// Formatting can shift every later line; the first differences locate the problem.
	return lines.join('\n');
}

/** Smallest version a constraint such as ">= 1.6, < 2.0" or "~> 1.6" allows, or undefined when it sets no floor. */
export function minimumVersion(constraint: string): number[] | undefined {
	let floor: number[] | undefined;
	for (const part of constraint.split(',')) {
		const match = /^\s*(>=|~>|=|>)?\s*v?(\d+(?:\.\d+)*)\s*$/.exec(part);
		if (!match) continue;
		const version = match[2]!.split('.').map(Number);
		if (!floor || compareVersions(version, floor) > 0) floor = version;
	}
	return floor;
}

export function compareVersions(a: readonly number[], b: readonly number[]): number {
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		const diff = (a[i] ?? 0) - (b[i] ?? 0);
		if (diff !== 0) return diff;
	}
	return 0;
}

export interface VersionPolicy {
	/** Lowest Terraform the code may claim to support, for example [1, 6]. */
	terraform: number[];
	/** Required `version` constraint per provider, for example { aws: /^~>\s*6\.\d+/ }. */
	providers: Record<string, RegExp>;
}

/**
 * This repository's policy: Terraform 1.6 or later, and AWS provider 6 (GA 2025-06-18; 5.x only
 * gets security fixes, per shared/research/seed-factcheck.md).
 */
export const versionPolicy: VersionPolicy = { terraform: [1, 6], providers: { aws: /^~>\s*6\.\d+/ } };

/** Problems with the `terraform {}` block of versions.tf. */
export function versionProblems(versions: TerraformJson, policy: VersionPolicy): string[] {
	const problems: string[] = [];
	const blocks = versions.terraform ?? [];
	if (blocks.length === 0) return ['has no terraform {} block'];

	const requiredVersion = blocks.find((b) => b.required_version !== undefined)?.required_version;
	const floor = requiredVersion === undefined ? undefined : minimumVersion(requiredVersion);
	if (!floor) problems.push(`required_version must set a minimum Terraform version (found ${JSON.stringify(requiredVersion)})`);
	else if (compareVersions(floor, policy.terraform) < 0) {
		problems.push(`required_version "${requiredVersion}" allows Terraform older than ${policy.terraform.join('.')}`);
	}

	const providers = Object.assign({}, ...blocks.flatMap((b) => b.required_providers ?? [])) as Record<
		string,
		{ source?: string; version?: string }
	>;
	for (const [name, pattern] of Object.entries(policy.providers)) {
		const version = providers[name]?.version;
		if (version === undefined) problems.push(`required_providers has no version for "${name}"`);
		else if (!pattern.test(version)) problems.push(`required_providers.${name}.version "${version}" must match ${pattern}`);
	}
	// Every provider is pinned to one major version, as `~> X.Y` does.
	for (const [name, provider] of Object.entries(providers)) {
		if (!provider.version || !/^~>\s*\d+\.\d+/.test(provider.version)) {
			problems.push(`required_providers.${name} must pin one major version with "~> X.Y" (found ${JSON.stringify(provider.version)})`);
		}
	}
	return problems;
}

/**
 * Module sources a reader cannot use after copying the folder: relative paths that leave it
 * (`../`). A module in a subfolder (`./modules/region`) is copied with the folder, so it is fine.
 * Registry modules must also pin an exact version, so a copy today deploys what the tests checked.
 */
export function moduleProblems(tf: TerraformJson): string[] {
	const problems: string[] = [];
	for (const [name, blocks] of Object.entries(tf.module ?? {})) {
		for (const block of blocks) {
			const source = typeof block.source === 'string' ? block.source : '';
			if (/^\.\.[\\/]/.test(source) || /^\.[\\/](.*[\\/])?\.\.([\\/]|$)/.test(source)) {
				problems.push(`module "${name}" has a relative source "${source}": publish it or inline its resources`);
			}
			const isRegistry = /^[\w-]+\/[\w-]+\/[\w-]+(\/\/.*)?$/.test(source);
			if (isRegistry && !(typeof block.version === 'string' && /^=?\s*\d+\.\d+\.\d+$/.test(block.version))) {
				problems.push(`module "${name}" must pin an exact version of "${source}" (found ${JSON.stringify(block.version)})`);
			}
		}
	}
	return problems;
}

function isNonEmptyString(value: unknown): boolean {
	return typeof value === 'string' && value.trim().length > 0;
}

/** Variables need a description and a type; outputs need a description. */
export function documentationProblems(tf: TerraformJson): string[] {
	const problems: string[] = [];
	for (const [name, blocks] of Object.entries(tf.variable ?? {})) {
		for (const block of blocks) {
			if (!isNonEmptyString(block.description)) problems.push(`variable "${name}" has no description`);
			if (block.type === undefined) problems.push(`variable "${name}" has no type`);
		}
	}
	for (const [name, blocks] of Object.entries(tf.output ?? {})) {
		for (const block of blocks) {
			if (!isNonEmptyString(block.description)) problems.push(`output "${name}" has no description`);
		}
	}
	return problems;
}

/** Resource types a configuration declares, for example aws_lambda_function. */
export function resourceTypes(tf: TerraformJson): string[] {
	return Object.keys(tf.resource ?? {});
}

/** Number of resource blocks (a for_each block counts once). */
export function resourceBlockCount(tf: TerraformJson): number {
	return Object.values(tf.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}
