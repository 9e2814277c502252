/**
 * The behavioural model of one variant of a pattern: the resources it deploys, in CloudFormation's
 * vocabulary (types and property names), with every value resolved as far as it can be offline.
 *
 * One reader per tool fills it: read-cloudformation.ts (here) for the hand-written template and for
 * the CDK app's synthesised templates, tests/iac/lib/model/read-terraform.ts for the Terraform
 * configuration (which maps each Terraform resource to the CloudFormation type and properties that
 * create the same thing). The site reads sizes for cost estimates from it (sizing.ts); the tests
 * reduce it to comparable facts (facts.ts) and hold it to deploy-time rules (rules.ts).
 *
 * References stay symbolic inside values: `${<id>}` or `${<id>.<attribute>}` names another resource
 * of the model, `${AWS::AccountId}`, `${AWS::Region}` and `${AWS::Partition}` the deployment.
 */
import type { IacVariant as Variant } from '../../schemas/pattern';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ModelResource {
	/** Logical id (CloudFormation, CDK) or address (Terraform). */
	id: string;
	/** The CloudFormation type that creates it. */
	type: string;
	/** Its properties, named as CloudFormation names them, resolved. */
	props: Record<string, Json>;
	/** Resources it is created after: declared (DependsOn, depends_on) or through a reference. */
	dependsOn: Set<string>;
	/** DeletionPolicy, or what the Terraform equivalent amounts to. */
	deletionPolicy?: string;
	/** The Region it is deployed in, where a model holds stacks or module instances of several Regions. */
	region?: string;
	/** Its UpdatePolicy, resolved (CloudFormation, CDK): how a stack update changes it, for example through CodeDeploy. */
	updatePolicy?: Json;
	/** Terraform's lifecycle ignore_changes, by argument name: what Terraform leaves to others to change. */
	ignoredChanges?: string[];
}

export interface Model {
	variant: Variant;
	/** The Region the model was read for; undefined when Region-dependent values stay symbolic. */
	region: string | undefined;
	resources: Map<string, ModelResource>;
	/** What the reader could not resolve; facts that depend on it are missing, so these fail the test. */
	problems: string[];
}

export function emptyModel(variant: Variant, region: string | undefined): Model {
	return { variant, region, resources: new Map(), problems: [] };
}

/** Ids of the resources a value refers to. */
export function referencedIds(value: unknown, ids: ReadonlySet<string> | ReadonlyMap<string, unknown>): string[] {
	const found = new Set<string>();
	const visit = (node: unknown): void => {
		if (typeof node === 'string') {
			for (const match of node.matchAll(/\$\{([^}]+)\}/g)) {
				const id = resourceIdOf(match[1]!, ids);
				if (id) found.add(id);
			}
		} else if (Array.isArray(node)) node.forEach(visit);
		else if (node && typeof node === 'object') Object.values(node).forEach(visit);
	};
	visit(value);
	return [...found];
}

/** The resource a placeholder's content names (`Bucket.Arn`, `aws_s3_bucket.site.arn`, `aws_subnet.private[0].id`). */
export function resourceIdOf(reference: string, ids: ReadonlySet<string> | ReadonlyMap<string, unknown>): string | undefined {
	const plain = reference.replace(/\[[^\]]*\]/g, '');
	if (ids.has(plain)) return plain;
	const parts = plain.split('.');
	for (let n = parts.length - 1; n >= 1; n--) {
		const candidate = parts.slice(0, n).join('.');
		if (ids.has(candidate)) return candidate;
	}
	return undefined;
}

/** Every resource a resource is created after, directly or through others. */
export function dependenciesOf(model: Model, id: string): Set<string> {
	const seen = new Set<string>();
	const stack = [...(model.resources.get(id)?.dependsOn ?? [])];
	while (stack.length) {
		const next = stack.pop()!;
		if (seen.has(next)) continue;
		seen.add(next);
		stack.push(...(model.resources.get(next)?.dependsOn ?? []));
	}
	return seen;
}

export function resourcesOfType(model: Model, type: string): ModelResource[] {
	return [...model.resources.values()].filter((r) => r.type === type);
}

/** A value as a list: CloudFormation accepts one item where it means a list of one. */
export function list(value: Json | undefined): Json[] {
	if (value === undefined || value === null) return [];
	return Array.isArray(value) ? value : [value];
}

/** The resource a whole-value reference names (`${Role.Arn}` -> Role), if it is one. */
export function target(model: Model, value: Json | undefined): ModelResource | undefined {
	if (typeof value !== 'string') return undefined;
	const whole = /^\$\{([^}]+)\}$/.exec(value);
	const id = whole ? resourceIdOf(whole[1]!, model.resources) : undefined;
	return id ? model.resources.get(id) : undefined;
}

/**
 * Copies the resources of `source` into `target` with `prefix` before every id ("template@us-west-2/",
 * "module.secondary."), rewriting the references between them to match, so that stacks or module
 * instances with the same ids can share one model. `region` records where they are deployed.
 */
export function addResources(target: Model, source: Model, prefix = '', region?: string): void {
	const rename = (id: string) => `${prefix}${id}`;
	const rewrite = (value: Json): Json => {
		if (typeof value === 'string') {
			if (!prefix) return value;
			return value.replace(/\$\{([^}]+)\}/g, (whole, reference: string) => {
				const id = resourceIdOf(reference, source.resources);
				return id && reference.startsWith(id) ? `\${${rename(id)}${reference.slice(id.length)}}` : whole;
			});
		}
		if (Array.isArray(value)) return value.map(rewrite);
		if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
		return value;
	};
	for (const resource of source.resources.values()) {
		const region_ = region ?? resource.region;
		target.resources.set(rename(resource.id), {
			...resource,
			id: rename(resource.id),
			props: rewrite(resource.props) as Record<string, Json>,
			...(resource.updatePolicy !== undefined ? { updatePolicy: rewrite(resource.updatePolicy) } : {}),
			dependsOn: new Set([...resource.dependsOn].map(rename)),
			...(region_ ? { region: region_ } : {}),
		});
	}
	target.problems.push(...source.problems.map((p) => (prefix ? `${prefix}${p}` : p)));
}
