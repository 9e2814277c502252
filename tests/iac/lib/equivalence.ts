/**
 * Reduces each variant of a pattern to a multiset of CloudFormation resource types, following the
 * rules in tests/iac/type-map.ts, and compares the three multisets.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { CfnResource, Stack } from 'aws-cdk-lib';
import {
	cloudFormationAliases,
	helperResources,
	inlineResources,
	presenceOnlyTypes,
	terraformToCloudFormation,
	terraformTypeByArgument,
	type HelperRule,
	type Variant,
} from '../type-map';
import { synthApp, type CfnTemplate, type SynthResult } from './cdk';
import { parseTemplate, type CfnDocument } from './cloudformation';
import { rel, type PatternFolder } from './patterns';
import { cloudFormationDeployments } from '../../../src/lib/iac/deployments';
import { evaluate, loadTerraformModule, localModuleCalls, moduleMetaArguments, sizeOf, type TerraformModule } from './terraform-values';

export const variants: readonly Variant[] = ['cdk', 'cloudformation', 'terraform'];
export const variantNames: Record<Variant, string> = { cdk: 'CDK', cloudformation: 'CloudFormation', terraform: 'Terraform' };

export interface Inventory {
	/** CloudFormation type -> how many resources of that type the variant creates. */
	counts: Map<string, number>;
	/** CloudFormation type -> where they come from (logical ids, Terraform addresses). */
	sources: Map<string, string[]>;
	/** Helper resources left out, with the reason from type-map.ts. */
	helpers: string[];
	/** What could not be mapped or counted: each one fails the comparison. */
	problems: string[];
}

function emptyInventory(): Inventory {
	return { counts: new Map(), sources: new Map(), helpers: [], problems: [] };
}

function add(inventory: Inventory, type: string, count: number, source: string): void {
	if (count <= 0) return;
	const canonical = cloudFormationAliases[type]?.as ?? type;
	inventory.counts.set(canonical, (inventory.counts.get(canonical) ?? 0) + count);
	const sources = inventory.sources.get(canonical) ?? [];
	sources.push(count === 1 ? source : `${source} x${count}`);
	inventory.sources.set(canonical, sources);
}

function helperFor(variant: Variant, type: string, path?: string, body: Record<string, unknown> = {}): HelperRule | undefined {
	return helperResources[variant].find(
		(rule) =>
			(typeof rule.type === 'string' ? rule.type === type : rule.type.test(type)) &&
			(!rule.path || (path !== undefined && rule.path.test(`${path}/`))) &&
			(!rule.when || rule.when(body))
	);
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; Condition?: string }>;

/**
 * Evaluates a template condition with the parameters' default values, or undefined when it
 * depends on something else (a pseudo parameter, a parameter without a default).
 */
function evaluateCondition(doc: CfnDocument, name: string, depth = 0): boolean | undefined {
	const conditions = (doc['Conditions'] ?? {}) as Record<string, unknown>;
	const value = (node: unknown): unknown => {
		if (typeof node !== 'object' || node === null) return node;
		const ref = (node as { Ref?: unknown }).Ref;
		if (typeof ref === 'string') return doc.Parameters?.[ref]?.Default;
		return undefined;
	};
	const walk = (node: unknown): boolean | undefined => {
		if (depth > 20 || typeof node !== 'object' || node === null) return undefined;
		const [fn, args] = Object.entries(node)[0] ?? [];
		const list = Array.isArray(args) ? args : [];
		switch (fn) {
			case 'Fn::Equals': {
				const [a, b] = list.map(value);
				return a === undefined || b === undefined ? undefined : String(a) === String(b);
			}
			case 'Fn::Not': {
				const inner = walk(list[0]);
				return inner === undefined ? undefined : !inner;
			}
			case 'Fn::And':
			case 'Fn::Or': {
				const results = list.map(walk);
				if (results.includes(undefined)) return undefined;
				return fn === 'Fn::And' ? results.every(Boolean) : results.some(Boolean);
			}
			case 'Condition':
				return typeof args === 'string' ? evaluateCondition(doc, args, depth + 1) : undefined;
			default:
				return undefined;
		}
	};
	return walk(conditions[name]);
}

/**
 * Inventory of a CloudFormation template. For CDK, `pathOf` gives each logical id's construct path,
 * so CDK's own helpers (custom resource providers) are recognized by where CDK puts them.
 */
export function templateInventory(
	doc: CfnDocument | CfnTemplate,
	variant: 'cdk' | 'cloudformation',
	pathOf: (logicalId: string) => string | undefined = () => undefined
): Inventory {
	const inventory = emptyInventory();
	for (const [logicalId, resource] of Object.entries((doc.Resources ?? {}) as Resources)) {
		if (logicalId.startsWith('Fn::ForEach::')) {
			inventory.problems.push(`${logicalId}: Fn::ForEach resources cannot be counted here; write them out`);
			continue;
		}
		const path = pathOf(logicalId);
		const where = path ?? logicalId;
		const helper = helperFor(variant, resource.Type, path, resource.Properties ?? {});
		if (helper) {
			inventory.helpers.push(`${where} (${resource.Type}): ${helper.reason}`);
			continue;
		}
		if (resource.Condition) {
			const created = evaluateCondition(doc as CfnDocument, resource.Condition);
			if (created === undefined) {
				inventory.problems.push(`${logicalId}: condition ${resource.Condition} does not resolve from parameter defaults`);
			}
			if (created === false) continue;
		}
		add(inventory, resource.Type, 1, logicalId);
		for (const rule of inlineResources) {
			if (rule.variant === 'cloudformation' && rule.type === resource.Type) {
				add(inventory, rule.as, rule.count(resource.Properties ?? {}), `${logicalId} (inline)`);
			}
		}
	}
	return inventory;
}

/** Construct path of every CfnResource of the stacks, by logical id. */
export function constructPaths(stacks: readonly Stack[]): Map<string, string> {
	const paths = new Map<string, string>();
	for (const stack of stacks) {
		for (const construct of stack.node.findAll()) {
			if (CfnResource.isCfnResource(construct)) paths.set(stack.resolve(construct.logicalId) as string, construct.node.path);
		}
	}
	return paths;
}

/** `dynamic "name"` blocks expanded into as many `name` blocks as their for_each has elements. */
function expandDynamic(module: TerraformModule, body: Record<string, unknown>, counts: (t: string, n: string) => number | undefined) {
	const dynamic = body['dynamic'];
	if (typeof dynamic !== 'object' || dynamic === null) return { body, unknownBlocks: [] as string[] };
	const expanded: Record<string, unknown> = { ...body };
	const unknownBlocks: string[] = [];
	for (const [name, specs] of Object.entries(dynamic as Record<string, Array<Record<string, unknown>>>)) {
		for (const spec of specs) {
			const size = sizeOf(evaluate(module, spec['for_each'], counts));
			if (size === undefined) unknownBlocks.push(name);
			const existing = Array.isArray(expanded[name]) ? (expanded[name] as unknown[]) : [];
			expanded[name] = [...existing, ...Array.from({ length: size ?? 0 }, () => spec['content'])];
		}
	}
	return { body: expanded, unknownBlocks };
}

/**
 * Inventory of a Terraform folder: resources (data sources create nothing), expanded by count and
 * for_each, and the resources of each local module it calls, as many times as it calls it. `inputs`
 * and `prefix` are a module call's arguments and address (`module.secondary.`).
 */
export async function terraformInventory(dir: string, inputs?: ReadonlyMap<string, unknown>, prefix = ''): Promise<Inventory> {
	const module = await loadTerraformModule(dir, inputs);
	const inventory = emptyInventory();

	const cache = new Map<string, number | undefined>();
	const counting = new Set<string>();
	const instances = (type: string, name: string): number | undefined => {
		const address = `${type}.${name}`;
		if (cache.has(address)) return cache.get(address);
		const body = module.resources.get(type)?.get(name);
		if (!body || counting.has(address)) return undefined;
		counting.add(address);
		let n: number | undefined = 1;
		if ('count' in body) {
			const value = evaluate(module, body['count'], instances);
			n = typeof value === 'number' ? value : undefined;
		} else if ('for_each' in body) {
			n = sizeOf(evaluate(module, body['for_each'], instances));
		}
		counting.delete(address);
		cache.set(address, n);
		return n;
	};

	const local = new Set(localModuleCalls(module).map((call) => call.name));
	for (const { file, json } of module.files) {
		for (const name of Object.keys(json.module ?? {})) {
			if (local.has(name)) continue;
			inventory.problems.push(`${rel(file)}: module "${name}" creates resources that cannot be listed offline; write them out`);
		}
	}

	for (const [type, byName] of module.resources) {
		for (const [name, rawBody] of byName) {
			const address = `${prefix}${type}.${name}`;
			const n = instances(type, name);
			const helper = helperFor('terraform', type, undefined, rawBody);
			if (helper) {
				inventory.helpers.push(`${address} (${type}): ${helper.reason}`);
				continue;
			}
			if (n === undefined) {
				const expression = JSON.stringify(rawBody['count'] ?? rawBody['for_each']);
				inventory.problems.push(
					`${address}: cannot count its instances offline (${'count' in rawBody ? 'count' : 'for_each'} = ${expression}); ` +
						'use a literal, a variable default or a local'
				);
				continue;
			}
			const cfnType = terraformTypeByArgument[type]?.(rawBody) ?? terraformToCloudFormation[type];
			if (!cfnType) {
				inventory.problems.push(
					`${address}: no CloudFormation type for ${type} in tests/iac/type-map.ts (add it to terraformToCloudFormation, or to helperResources.terraform with a reason)`
				);
				continue;
			}
			add(inventory, cfnType, n, address);
			const { body, unknownBlocks } = expandDynamic(module, rawBody, instances);
			for (const block of unknownBlocks) inventory.problems.push(`${address}: cannot count its dynamic "${block}" blocks offline`);
			for (const rule of inlineResources) {
				if (rule.variant === 'terraform' && rule.type === type) add(inventory, rule.as, rule.count(body) * n, `${address} (inline)`);
			}
		}
	}

	// A local module's resources count once per instance of the module block.
	let merged = inventory;
	for (const call of localModuleCalls(module)) {
		const address = `${prefix}module.${call.name}`;
		const copies =
			'count' in call.body
				? (() => {
						const value = evaluate(module, call.body['count'], instances);
						return typeof value === 'number' ? value : undefined;
					})()
				: 'for_each' in call.body
					? sizeOf(evaluate(module, call.body['for_each'], instances))
					: 1;
		if (copies === undefined) {
			merged.problems.push(`${address}: cannot count its instances offline; use a literal, a variable default or a local`);
			continue;
		}
		if (!existsSync(call.dir)) {
			merged.problems.push(`${address}: its source ${rel(call.dir)} does not exist`);
			continue;
		}
		const moduleInputs = new Map(
			Object.entries(call.body)
				.filter(([key]) => !moduleMetaArguments.has(key))
				.map(([key, value]) => [key, evaluate(module, value, instances)] as const)
		);
		const child = await terraformInventory(call.dir, moduleInputs, `${address}.`);
		for (let i = 0; i < copies; i++) merged = mergeInventories(merged, child);
	}
	return merged;
}

export interface Difference {
	type: string;
	counts: Record<Variant, number>;
	/** Compared by presence only (type-map.ts presenceOnlyTypes). */
	presenceOnly: boolean;
}

/** Types whose counts differ between variants (or, for presence-only types, whose presence differs). */
export function compareInventories(inventories: Record<Variant, Inventory>): Difference[] {
	const types = [...new Set(variants.flatMap((v) => [...inventories[v].counts.keys()]))].sort();
	return types.flatMap((type) => {
		const counts = Object.fromEntries(variants.map((v) => [v, inventories[v].counts.get(type) ?? 0])) as Record<Variant, number>;
		const presenceOnly = type in presenceOnlyTypes;
		const values = variants.map((v) => (presenceOnly ? Math.min(counts[v], 1) : counts[v]));
		return values.every((value) => value === values[0]) ? [] : [{ type, counts, presenceOnly }];
	});
}

/** A table of every type and its count per variant, differences marked, with where each comes from. */
export function formatInventoryTable(inventories: Record<Variant, Inventory>, differences: readonly Difference[] = []): string {
	const types = [...new Set(variants.flatMap((v) => [...inventories[v].counts.keys()]))].sort();
	const differing = new Set(differences.map((d) => d.type));
	const width = Math.max(30, ...types.map((t) => t.length));
	const header = `    ${'CloudFormation type'.padEnd(width)}  ${variants.map((v) => variantNames[v].padStart(16)).join('')}`;
	const rows = types.map((type) => {
		const cells = variants.map((v) => String(inventories[v].counts.get(type) ?? 0).padStart(16)).join('');
		const mark = differing.has(type) ? '  <- differs' : type in presenceOnlyTypes ? '  (presence only)' : '';
		return `  ${differing.has(type) ? '!' : ' '} ${type.padEnd(width)}  ${cells}${mark}`;
	});
	const details = differences.flatMap((d) =>
		variants
			.filter((v) => (inventories[v].counts.get(d.type) ?? 0) > 0)
			.map((v) => `    ${d.type} in ${variantNames[v]}: ${inventories[v].sources.get(d.type)!.join(', ')}`)
	);
	return [header, ...rows, ...(details.length ? ['', '  where the differing resources come from:', ...details] : [])].join('\n');
}

export function formatProblems(inventories: Record<Variant, Inventory>): string[] {
	return variants.flatMap((v) => inventories[v].problems.map((p) => `${variantNames[v]}: ${p}`));
}

/**
 * Inventories of the three variants of a pattern folder; the CDK app is synthesized in this process
 * unless the caller passes its synthesis (and then deletes its output itself).
 */
export async function patternInventories(pattern: PatternFolder, given?: SynthResult): Promise<Record<Variant, Inventory>> {
	const synth = given ?? (await synthApp(pattern.cdkDir));
	try {
		const paths = constructPaths(synth.stacks);
		const cdk = Object.values(synth.templates)
			.map((template) => templateInventory(template, 'cdk', (id) => paths.get(id)))
			.reduce(mergeInventories);
		const cloudformation = cloudFormationInventory(pattern.dir);
		const terraform = existsSync(pattern.terraformDir)
			? await terraformInventory(pattern.terraformDir)
			: { ...emptyInventory(), problems: [`${rel(pattern.terraformDir)} is missing`] };
		return { cdk, cloudformation, terraform };
	} finally {
		if (!given) rmSync(synth.outdir, { recursive: true, force: true });
	}
}

/**
 * Inventory of the hand-written templates as deployed: each template once per Region that
 * pattern.yaml's deployments list (cloudformation/template.yaml once when it lists none), so a
 * template deployed in two Regions counts twice, as the CDK app's two stacks and Terraform's two
 * module instances do.
 */
export function cloudFormationInventory(patternDir: string): Inventory {
	return cloudFormationDeployments(patternDir)
		.map((deployment) => {
			if (!existsSync(deployment.file)) return { ...emptyInventory(), problems: [`${rel(deployment.file)} is missing`] };
			const inventory = templateInventory(parseTemplate(readFileSync(deployment.file, 'utf8')), 'cloudformation');
			if (!deployment.label) return inventory;
			const sources = new Map([...inventory.sources].map(([type, list]) => [type, list.map((source) => `${deployment.label}/${source}`)]));
			return { ...inventory, sources };
		})
		.reduce(mergeInventories, emptyInventory());
}

export function mergeInventories(a: Inventory, b: Inventory): Inventory {
	const merged: Inventory = {
		counts: new Map(a.counts),
		sources: new Map(a.sources),
		helpers: [...a.helpers, ...b.helpers],
		problems: [...a.problems, ...b.problems],
	};
	for (const [type, count] of b.counts) {
		merged.counts.set(type, (merged.counts.get(type) ?? 0) + count);
		merged.sources.set(type, [...(merged.sources.get(type) ?? []), ...(b.sources.get(type) ?? [])]);
	}
	return merged;
}
