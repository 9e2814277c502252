/**
 * Finds the Lambda runtimes each IaC variant asks for and compares them with
 * tests/iac/retired-runtimes.json. Static scans, so the check also covers code that never
 * reaches a synthesized template (a Terraform module input, a CDK constant in a helper).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { parseTemplate } from './cloudformation';
import { iacTestsRoot, listFiles, rel } from './patterns';
import { parseHcl } from './terraform';

export interface RetiredRuntime {
	runtime: string;
	/** `YYYY-MM-DD`: the day AWS stopped (or stops) patching it. */
	deprecated: string;
	source: string;
	note?: string;
}

export interface RetiredRuntimeList {
	description: string;
	checked: string;
	runtimes: RetiredRuntime[];
}

export const retiredRuntimesFile = join(iacTestsRoot, 'retired-runtimes.json');

export function loadRetiredRuntimes(file = retiredRuntimesFile): RetiredRuntimeList {
	return JSON.parse(readFileSync(file, 'utf8')) as RetiredRuntimeList;
}

export interface RuntimeUse {
	runtime: string;
	/** Where it was found: `file` or `file:line`, relative to the repository. */
	where: string;
}

/** Every Lambda runtime identifier AWS has used, old and new (nodejs18.x, python3.13, java8.al2, provided.al2023 ...). */
const runtimeId = /^(nodejs(\d+(\.\d+|\.x)(-edge)?)?|python\d\.\d+|java\d+(\.al2(023)?)?|dotnet(core)?\d+(\.\d+)?|ruby\d\.\d+|go1\.x|provided(\.al2(023)?)?)$/;

export function isRuntimeId(value: unknown): value is string {
	return typeof value === 'string' && runtimeId.test(value);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values of any `keys` property anywhere in `node`, as strings or string lists. */
function collect(node: unknown, keys: ReadonlySet<string>, found: unknown[] = []): unknown[] {
	if (Array.isArray(node)) {
		for (const item of node) collect(item, keys, found);
	} else if (typeof node === 'object' && node !== null) {
		for (const [key, value] of Object.entries(node as Record<string, Json>)) {
			if (keys.has(key)) found.push(...(Array.isArray(value) ? value : [value]));
			collect(value, keys, found);
		}
	}
	return found;
}

/**
 * Runtimes in a CloudFormation template (YAML or the JSON CDK writes). `Runtime: !Ref Param`
 * counts the parameter's default and every allowed value, since a reader can pick any of them.
 */
export function runtimesInTemplate(template: unknown, where: string): RuntimeUse[] {
	const parameters = ((template as { Parameters?: Record<string, { Default?: unknown; AllowedValues?: unknown[] }> })
		.Parameters ?? {});
	const values = collect(template, new Set(['Runtime', 'CompatibleRuntimes'])).flatMap((value) => {
		const ref = typeof value === 'object' && value !== null ? (value as { Ref?: unknown }).Ref : undefined;
		if (typeof ref !== 'string') return [value];
		const parameter = parameters[ref];
		return parameter ? [parameter.Default, ...(parameter.AllowedValues ?? [])] : [];
	});
	return values.filter(isRuntimeId).map((runtime) => ({ runtime, where }));
}

/** [] for a missing template: cloudformation.test.ts reports that, and the comparison here shows the gap. */
export function runtimesInCloudFormationFile(file: string): RuntimeUse[] {
	if (!existsSync(file)) return [];
	return runtimesInTemplate(parseTemplate(readFileSync(file, 'utf8')), rel(file));
}

/**
 * Runtimes in a Terraform folder: any `runtime` or `compatible_runtimes` argument (resources and
 * module inputs alike). `"${var.x}"` counts the variable's default.
 */
export async function runtimesInTerraform(dir: string): Promise<RuntimeUse[]> {
	const files = listFiles(dir, (name) => name.endsWith('.tf'));
	const parsed = await Promise.all(files.map(async (file) => ({ file, json: await parseHcl(file) })));
	const defaults = new Map<string, unknown>();
	for (const { json } of parsed) {
		for (const [name, blocks] of Object.entries(json.variable ?? {})) defaults.set(name, blocks[0]?.default);
	}
	return parsed.flatMap(({ file, json }) =>
		collect(json, new Set(['runtime', 'compatible_runtimes']))
			.map((value) => {
				const variable = typeof value === 'string' ? /^\$\{var\.([\w-]+)\}$/.exec(value)?.[1] : undefined;
				return variable ? defaults.get(variable) : value;
			})
			.filter(isRuntimeId)
			.map((runtime) => ({ runtime, where: rel(file) }))
	);
}

/**
 * Runtimes in CDK TypeScript: `Runtime.NODEJS_18_X`-style constants, resolved through
 * aws-cdk-lib itself so the name is the one CDK would synthesize, plus quoted runtime ids
 * (`new Runtime('nodejs18.x')`).
 */
export function runtimesInCdkSource(dir: string): RuntimeUse[] {
	const constants = Runtime as unknown as Record<string, unknown>;
	return listFiles(dir, (name) => name.endsWith('.ts') && !name.endsWith('.d.ts')).flatMap((file) =>
		readFileSync(file, 'utf8')
			.split('\n')
			.flatMap((line, index) => {
				const where = `${rel(file)}:${index + 1}`;
				const fromConstants = [...line.matchAll(/\bRuntime\.([A-Z][A-Z0-9_]*)\b/g)].flatMap(([, name]) => {
					const runtime = constants[name!];
					return runtime instanceof Runtime ? [runtime.name] : [];
				});
				const fromStrings = [...line.matchAll(/['"`]([a-z0-9.-]+)['"`]/g)].map(([, value]) => value!);
				return [...fromConstants, ...fromStrings].filter(isRuntimeId).map((runtime) => ({ runtime, where }));
			})
	);
}

export interface RetiredUse extends RuntimeUse {
	retirement: RetiredRuntime;
}

/** The uses whose runtime AWS has deprecated on or before `today` (`YYYY-MM-DD`). */
export function retiredUses(uses: readonly RuntimeUse[], list: RetiredRuntimeList, today: string): RetiredUse[] {
	const byRuntime = new Map(list.runtimes.map((entry) => [entry.runtime, entry]));
	return uses.flatMap((use) => {
		const retirement = byRuntime.get(use.runtime);
		return retirement && retirement.deprecated <= today ? [{ ...use, retirement }] : [];
	});
}

export function formatRetiredUses(uses: readonly RetiredUse[]): string {
	return uses
		.map((u) => `  ${u.where}: ${u.runtime} was deprecated on ${u.retirement.deprecated} (${u.retirement.source})`)
		.join('\n');
}

/** Today in UTC as `YYYY-MM-DD`, the format the list uses, so strings compare as dates. */
export function todayUtc(): string {
	return new Date().toISOString().slice(0, 10);
}
