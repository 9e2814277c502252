/**
 * Checks Terraform configurations against the providers' schemas, offline: every resource, data
 * source and ephemeral resource type exists, every argument and nested block exists (meta-arguments
 * and dynamic blocks aside), and every required argument and block is present. This is what
 * `terraform validate` reports about names, without a terraform binary or a provider download.
 *
 * The schemas come from tests/iac/terraform-provider-schema.json, which
 * scripts/extract-terraform-schema.mjs writes from the prebuilt cdktn provider packages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iacTestsRoot, rel } from './patterns';
import type { TerraformJson } from './terraform';

/** r: required arguments; o: optional arguments; c: computed-only attributes; b: nested blocks. */
export interface SchemaBlock {
	r?: string[];
	o?: string[];
	c?: string[];
	b?: Record<string, SchemaBlock>;
	/** 1 when the block itself is required. */
	min?: number;
}

export interface ProviderSchema {
	/** Registry source, for example hashicorp/aws. */
	source: string;
	/** Provider version the schema was generated from. */
	version: string;
	/** npm package it was read from. */
	package: string;
	/** The `provider "<name>" {}` block. Nested blocks of provider blocks are not expanded. */
	provider?: SchemaBlock;
	resources: Record<string, SchemaBlock>;
	dataSources: Record<string, SchemaBlock>;
	ephemeralResources: Record<string, SchemaBlock>;
}

export interface TerraformSchema {
	description: string;
	providers: Record<string, ProviderSchema>;
}

export const terraformSchemaFile = join(iacTestsRoot, 'terraform-provider-schema.json');

const cache = new Map<string, TerraformSchema>();

/** Parses the schema file once per test file (each vitest worker), however many patterns use it. */
export function loadTerraformSchema(file = terraformSchemaFile): TerraformSchema {
	let schema = cache.get(file);
	if (!schema) {
		schema = JSON.parse(readFileSync(file, 'utf8')) as TerraformSchema;
		cache.set(file, schema);
	}
	return schema;
}

/**
 * Types Terraform itself provides (the built-in "terraform" provider), which no provider package
 * has. Schemas from https://developer.hashicorp.com/terraform/language/resources/terraform-data
 * and .../state/remote-state-data.
 */
export const builtinSchemas: Readonly<Record<'resources' | 'dataSources', Record<string, SchemaBlock>>> = {
	resources: { terraform_data: { o: ['input', 'triggers_replace'], c: ['id', 'output'] } },
	dataSources: { terraform_remote_state: { r: ['backend'], o: ['config', 'defaults', 'workspace'], c: ['outputs'] } },
};

/** Arguments Terraform handles itself on every block of a kind, whatever the provider. */
export const metaArguments = {
	resource: ['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection'],
	data: ['count', 'for_each', 'depends_on', 'lifecycle', 'provider'],
	ephemeral: ['count', 'for_each', 'depends_on', 'lifecycle', 'provider'],
	provider: ['alias', 'version'],
} as const;

type BlockKind = keyof typeof metaArguments;

const sectionOf: Record<Exclude<BlockKind, 'provider'>, 'resources' | 'dataSources' | 'ephemeralResources'> = {
	resource: 'resources',
	data: 'dataSources',
	ephemeral: 'ephemeralResources',
};

/** The provider a type belongs to: the part before the first underscore (aws_lambda_function -> aws). */
export function providerOf(type: string): string {
	return type.split('_')[0]!;
}

/** Schema of a type, from its provider or the built-ins, or a reason why there is none. */
export function lookupType(
	schema: TerraformSchema,
	kind: Exclude<BlockKind, 'provider'>,
	type: string
): { block: SchemaBlock; provider: string } | { problem: string } {
	const section = sectionOf[kind];
	const builtin = section === 'ephemeralResources' ? undefined : builtinSchemas[section][type];
	if (builtin) return { block: builtin, provider: 'terraform' };
	const name = providerOf(type);
	const provider = schema.providers[name];
	if (!provider) return { problem: noProviderSchema(name) };
	const block = provider[section][type];
	if (block) return { block, provider: `${provider.source} ${provider.version}` };
	const hint = didYouMean(type, Object.keys(provider[section]));
	return { problem: `${kind} type "${type}" does not exist in ${provider.source} ${provider.version}${hint}` };
}

function noProviderSchema(name: string): string {
	return (
		`provider "${name}" has no schema in ${rel(terraformSchemaFile)}: add its @cdktn/provider-${name} package ` +
		'to scripts/extract-terraform-schema.mjs and rerun it'
	);
}

/** Edit distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		let previous = row[0]!;
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const current = row[j]!;
			row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
			previous = current;
		}
	}
	return row[b.length]!;
}

/** ` (did you mean "x"?)` for the closest name within a third of the length, or ''. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
	let best: string | undefined;
	let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
	for (const candidate of candidates) {
		const d = distance(name, candidate);
		if (d < bestDistance) [best, bestDistance] = [candidate, d];
	}
	return best ? ` (did you mean "${best}"?)` : '';
}

export interface SchemaProblem {
	/** `file:line`, relative to the repository. */
	where: string;
	/** The block, for example `resource "aws_iam_role" "this"`, and the nested path inside it. */
	block: string;
	message: string;
}

export function formatSchemaProblems(problems: readonly SchemaProblem[]): string {
	return problems.map((p) => `  ${p.where}: ${p.block}: ${p.message}`).join('\n');
}

type Body = Record<string, unknown>;

const isBody = (value: unknown): value is Body => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Bodies of a nested block or object attribute: `x { }` parses as [{...}], `x = {...}` as {...}. */
function nestedBodies(value: unknown): Body[] | undefined {
	if (isBody(value)) return [value];
	if (Array.isArray(value) && value.length > 0 && value.every(isBody)) return value;
	return undefined;
}

/**
 * Finds lines in a .tf file for messages: the header of a block, then each nested key in order
 * after it. hcl2json gives no positions, so this follows the text; it falls back to the block's line.
 */
class Locator {
	private readonly lines: string[];
	constructor(
		private readonly file: string,
		text: string
	) {
		this.lines = text.split('\n');
	}

	header(kind: string, labels: readonly string[]): number {
		const pattern = new RegExp(`^\\s*${kind}\\s+${labels.map((l) => `"${escape(l)}"`).join('\\s+')}\\s*\\{`);
		const index = this.lines.findIndex((line) => pattern.test(line));
		return index < 0 ? 1 : index + 1;
	}

	/** Line of `path[last]` (an argument `k =`, a block `k {` or `dynamic "k"`), searching from `from`. */
	key(from: number, path: readonly string[]): number {
		let line = from;
		for (const key of path) {
			const pattern = new RegExp(`^\\s*(${escape(key)}\\s*(=|\\{)|dynamic\\s+"${escape(key)}")`);
			const index = this.lines.findIndex((text, i) => i >= line && pattern.test(text));
			if (index < 0) return line;
			line = index + 1;
		}
		return line;
	}

	where(line: number): string {
		return `${rel(this.file)}:${line}`;
	}
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Context {
	locator: Locator;
	headerLine: number;
	label: string;
	problems: SchemaProblem[];
}

/** Checks one body against its schema block; `path` is the nested path from the top-level block. */
function checkBody(body: Body, block: SchemaBlock, allowed: readonly string[], path: string[], ctx: Context): void {
	const report = (keyPath: string[], message: string, line = ctx.locator.key(ctx.headerLine, keyPath)) =>
		ctx.problems.push({
			where: ctx.locator.where(line),
			block: [ctx.label, ...path].join(' > '),
			message,
		});
	const args = new Set([...(block.r ?? []), ...(block.o ?? [])]);
	const computed = new Set(block.c ?? []);
	const nested = block.b ?? {};
	const dynamic = isBody(body['dynamic']) ? body['dynamic'] : {};

	for (const [key, value] of Object.entries(body)) {
		if (key === 'dynamic' || allowed.includes(key)) continue;
		if (args.has(key)) continue;
		const nestedBlock = nested[key];
		if (nestedBlock) {
			for (const child of nestedBodies(value) ?? []) checkBody(child, nestedBlock, [], [...path, key], ctx);
			continue;
		}
		if (computed.has(key)) {
			report([...path, key], `"${key}" is computed-only: the provider sets it, so it cannot be an argument`);
			continue;
		}
		const hint = didYouMean(key, [...args, ...Object.keys(nested)]);
		report([...path, key], `unknown argument or block "${key}"${hint}`);
	}

	// dynamic "name" { for_each, iterator, labels, content { ... } } generates nested blocks `name`.
	for (const [name, specs] of Object.entries(dynamic)) {
		const nestedBlock = nested[name];
		if (!nestedBlock) {
			report([...path, name], `dynamic "${name}" generates no block this type has${didYouMean(name, Object.keys(nested))}`);
			continue;
		}
		for (const spec of nestedBodies(specs) ?? []) {
			for (const content of nestedBodies(spec['content']) ?? []) checkBody(content, nestedBlock, [], [...path, name], ctx);
		}
	}

	for (const required of block.r ?? []) {
		if (!(required in body)) report(path, `missing required argument "${required}"`, ctx.locator.key(ctx.headerLine, path));
	}
	for (const [name, nestedBlock] of Object.entries(nested)) {
		if (nestedBlock.min && !(name in body) && !(name in dynamic)) {
			report(path, `missing required block "${name}"`, ctx.locator.key(ctx.headerLine, path));
		}
	}
}

/**
 * Every schema problem in one parsed .tf file: unknown types, arguments and blocks, computed-only
 * attributes set as arguments, missing required arguments and blocks, and required providers
 * without a schema.
 */
export function schemaProblems(tf: TerraformJson, schema: TerraformSchema, file: string, text?: string): SchemaProblem[] {
	const locator = new Locator(file, text ?? readFileSync(file, 'utf8'));
	const problems: SchemaProblem[] = [];

	for (const kind of ['resource', 'data', 'ephemeral'] as const) {
		const byType = (tf[kind] ?? {}) as Record<string, Record<string, unknown[]>>;
		for (const [type, byName] of Object.entries(byType)) {
			for (const [name, bodies] of Object.entries(byName)) {
				const label = `${kind} "${type}" "${name}"`;
				const headerLine = locator.header(kind, [type, name]);
				const found = lookupType(schema, kind, type);
				if ('problem' in found) {
					problems.push({ where: locator.where(headerLine), block: label, message: found.problem });
					continue;
				}
				for (const body of bodies.filter(isBody)) {
					checkBody(body, found.block, metaArguments[kind], [], { locator, headerLine, label, problems });
				}
			}
		}
	}

	for (const [name, bodies] of Object.entries(tf.provider ?? {})) {
		const label = `provider "${name}"`;
		const headerLine = locator.header('provider', [name]);
		const block = schema.providers[name]?.provider;
		if (!block) {
			problems.push({ where: locator.where(headerLine), block: label, message: noProviderSchema(name) });
			continue;
		}
		for (const body of bodies.filter(isBody)) {
			checkBody(body, block, metaArguments.provider, [], { locator, headerLine, label, problems });
		}
	}

	for (const terraformBlock of tf.terraform ?? []) {
		for (const providers of terraformBlock.required_providers ?? []) {
			for (const [name, requirement] of Object.entries(providers)) {
				const provider = schema.providers[name];
				const line = locator.key(locator.header('terraform', []), ['required_providers', name]);
				if (!provider) {
					problems.push({ where: locator.where(line), block: 'terraform > required_providers', message: noProviderSchema(name) });
				} else if (requirement.source && requirement.source !== provider.source) {
					problems.push({
						where: locator.where(line),
						block: 'terraform > required_providers',
						message: `"${name}" comes from "${requirement.source}", but the schema is ${provider.source}'s`,
					});
				}
			}
		}
	}
	return problems;
}
