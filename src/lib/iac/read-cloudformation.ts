/**
 * Reads a CloudFormation template (hand-written, or synthesised from a CDK app) into the model:
 * intrinsic functions are resolved with the parameters' defaults, the template's mappings and
 * conditions, and the Region when one is given; references to resources stay as `${Id}` or
 * `${Id.Attribute}`.
 */
import type { IacVariant as Variant } from '../../schemas/pattern';
import type { CfnDocument } from './template';
import { emptyModel, referencedIds, type Json, type Model } from './model';

const NO_VALUE = Symbol('AWS::NoValue');
type Resolved = Json | typeof NO_VALUE;

interface Context {
	doc: CfnDocument;
	region: string | undefined;
	resourceIds: Set<string>;
	problems: string[];
	conditions: Map<string, boolean | undefined>;
}

const pseudo: Record<string, (c: Context) => string> = {
	'AWS::Region': (c) => c.region ?? '${AWS::Region}',
	'AWS::AccountId': () => '${AWS::AccountId}',
	'AWS::Partition': () => '${AWS::Partition}',
	'AWS::URLSuffix': () => 'amazonaws.com',
	'AWS::StackName': () => '${AWS::StackName}',
	'AWS::StackId': () => '${AWS::StackId}',
};

function parameterValue(c: Context, name: string): Json {
	const parameter = c.doc.Parameters?.[name];
	if (!parameter) return `\${${name}}`;
	const value = parameter.Default;
	// CDK's asset and bootstrap parameters have no default: they stay symbolic.
	if (value === undefined) return `\${${name}}`;
	return parameter.Type?.startsWith('List<') || parameter.Type === 'CommaDelimitedList' ? String(value).split(',').map((s) => s.trim()) : (value as Json);
}

function text(value: Resolved): string {
	if (value === NO_VALUE || value === null) return '';
	if (typeof value === 'object') return '${unknown}';
	return String(value);
}

function condition(c: Context, name: string, depth = 0): boolean | undefined {
	if (c.conditions.has(name)) return c.conditions.get(name);
	const definition = ((c.doc['Conditions'] ?? {}) as Record<string, unknown>)[name];
	c.conditions.set(name, undefined);
	const value = definition === undefined ? undefined : evaluateCondition(c, definition, depth + 1);
	c.conditions.set(name, value);
	return value;
}

function evaluateCondition(c: Context, node: unknown, depth: number): boolean | undefined {
	if (depth > 30 || typeof node !== 'object' || node === null) return undefined;
	const [fn, args] = Object.entries(node)[0] ?? [];
	const items = Array.isArray(args) ? args : [args];
	switch (fn) {
		case 'Condition':
			return condition(c, String(args), depth);
		case 'Fn::Equals': {
			const [a, b] = items.map((item) => resolve(c, item, depth + 1));
			const known = (v: Resolved) => v !== NO_VALUE && !(typeof v === 'string' && v.includes('${'));
			return known(a as Resolved) && known(b as Resolved) ? JSON.stringify(a) === JSON.stringify(b) : undefined;
		}
		case 'Fn::Not': {
			const value = evaluateCondition(c, items[0], depth + 1);
			return value === undefined ? undefined : !value;
		}
		case 'Fn::And': {
			const values = items.map((item) => evaluateCondition(c, item, depth + 1));
			return values.includes(false) ? false : values.includes(undefined) ? undefined : true;
		}
		case 'Fn::Or': {
			const values = items.map((item) => evaluateCondition(c, item, depth + 1));
			return values.includes(true) ? true : values.includes(undefined) ? undefined : false;
		}
		default:
			return undefined;
	}
}

function resolve(c: Context, node: unknown, depth = 0): Resolved {
	if (depth > 60) return '${unknown}';
	if (Array.isArray(node)) return node.map((item) => resolve(c, item, depth + 1)).filter((v): v is Json => v !== NO_VALUE);
	if (node === null || typeof node !== 'object') return (node ?? null) as Json;
	const entries = Object.entries(node as Record<string, unknown>);
	if (entries.length === 1) {
		const [fn, args] = entries[0]!;
		const result = intrinsic(c, fn, args, depth);
		if (result !== undefined) return result;
	}
	const out: Record<string, Json> = {};
	for (const [key, value] of entries) {
		const resolved = resolve(c, value, depth + 1);
		if (resolved !== NO_VALUE) out[key] = resolved;
	}
	return out;
}

/** Default ports of the database engines, for `!GetAtt <cluster>.Endpoint.Port` without a Port property. */
const enginePorts: Record<string, number> = { 'aurora-postgresql': 5432, postgres: 5432, 'aurora-mysql': 3306, mysql: 3306, mariadb: 3306 };

/**
 * An attribute that is one of the resource's own properties in the template (`Vpc.CidrBlock`), or a
 * database's port: the value, so that a rule written with the reference compares equal to one
 * written with the literal.
 */
function knownAttribute(c: Context, id: string, attribute: string, depth: number): Json | undefined {
	const resource = (c.doc.Resources ?? {})[id] as { Type: string; Properties?: Record<string, unknown> } | undefined;
	if (!resource) return undefined;
	const props = resource.Properties ?? {};
	if (attribute === 'Endpoint.Port' && resource.Type.startsWith('AWS::RDS::')) {
		const port = props['Port'] !== undefined ? resolve(c, props['Port'], depth + 1) : enginePorts[String(props['Engine'])];
		return port === NO_VALUE || port === undefined ? undefined : Number(port);
	}
	if (attribute in props) {
		const value = resolve(c, props[attribute], depth + 1);
		return typeof value === 'string' || typeof value === 'number' ? value : undefined;
	}
	return undefined;
}

/** The value of one intrinsic function, or undefined when `fn` is not one. */
function intrinsic(c: Context, fn: string, args: unknown, depth: number): Resolved | undefined {
	const items = Array.isArray(args) ? args : [args];
	switch (fn) {
		case 'Ref': {
			const name = String(args);
			if (name === 'AWS::NoValue') return NO_VALUE;
			if (pseudo[name]) return pseudo[name](c);
			if (c.resourceIds.has(name)) return `\${${name}}`;
			return parameterValue(c, name);
		}
		case 'Fn::GetAtt': {
			const [id, ...attribute] = typeof args === 'string' ? args.split('.') : (items as string[]);
			return knownAttribute(c, id!, attribute.join('.'), depth) ?? `\${${id}.${attribute.join('.')}}`;
		}
		case 'Fn::Sub': {
			const [template, variables] = typeof args === 'string' ? [args, {}] : (items as [string, Record<string, unknown>]);
			const values = Object.fromEntries(Object.entries(variables ?? {}).map(([k, v]) => [k, text(resolve(c, v, depth + 1))]));
			return String(template).replace(/\$\{(!?)([^}]+)\}/g, (_whole, literal: string, name: string) => {
				if (literal) return `\${${name}}`;
				if (name in values) return values[name]!;
				if (pseudo[name]) return pseudo[name](c);
				if (c.resourceIds.has(name.split('.')[0]!)) return `\${${name}}`;
				return text(parameterValue(c, name));
			});
		}
		case 'Fn::Join': {
			const [separator, list] = items as [string, unknown];
			const values = resolve(c, list, depth + 1);
			return Array.isArray(values) ? values.map(text).join(separator) : '${unknown}';
		}
		case 'Fn::Select': {
			const [index, list] = items;
			const values = resolve(c, list, depth + 1);
			const i = Number(resolve(c, index, depth + 1));
			return Array.isArray(values) ? (values[i] ?? '${unknown}') : `\${unknown}`;
		}
		case 'Fn::Split': {
			const [separator, source] = items as [string, unknown];
			const value = resolve(c, source, depth + 1);
			return typeof value === 'string' && !value.includes('${') ? value.split(separator) : '${unknown}';
		}
		case 'Fn::If': {
			const [name, whenTrue, whenFalse] = items as [string, unknown, unknown];
			const value = condition(c, name);
			if (value === undefined) {
				c.problems.push(`condition ${name} cannot be decided offline${c.region ? ` in ${c.region}` : ''}`);
				return '${unknown}';
			}
			return resolve(c, value ? whenTrue : whenFalse, depth + 1);
		}
		case 'Fn::FindInMap': {
			const [map, first, second, options] = items as [string, unknown, unknown, { DefaultValue?: unknown } | undefined];
			const keys = [text(resolve(c, first, depth + 1)), text(resolve(c, second, depth + 1))];
			const mapping = ((c.doc['Mappings'] ?? {}) as Record<string, Record<string, Record<string, Json>>>)[map];
			if (keys.some((k) => k.includes('${'))) return '${unknown}';
			const value = mapping?.[keys[0]!]?.[keys[1]!];
			if (value !== undefined) return value;
			if (options && 'DefaultValue' in options) return resolve(c, options.DefaultValue, depth + 1);
			c.problems.push(`Fn::FindInMap ${map} has no ${keys.join('/')}: the deployment would fail there`);
			return '${unknown}';
		}
		case 'Fn::Base64':
		case 'Fn::ToJsonString':
			return resolve(c, args, depth + 1);
		case 'Fn::GetAZs':
			return ['${AZ1}', '${AZ2}', '${AZ3}'];
		case 'Fn::Cidr':
		case 'Fn::ImportValue':
		case 'Fn::Length':
			return '${unknown}';
		case 'Condition':
			return undefined;
		default:
			return undefined;
	}
}

/** The model of a template. `region`: evaluate Region-dependent values for this Region. */
export function readCloudFormation(doc: CfnDocument, variant: Variant, region?: string, model = emptyModel(variant, region)): Model {
	const resources = (doc.Resources ?? {}) as Record<string, { Type: string; Properties?: unknown; DependsOn?: string | string[]; Condition?: string; DeletionPolicy?: string; UpdatePolicy?: unknown }>;
	const c: Context = { doc, region, resourceIds: new Set(Object.keys(resources)), problems: model.problems, conditions: new Map() };
	for (const [id, resource] of Object.entries(resources)) {
		if (resource.Condition !== undefined) {
			const value = condition(c, resource.Condition);
			if (value === false) continue;
			if (value === undefined) model.problems.push(`${id}: its condition ${resource.Condition} cannot be decided offline`);
		}
		const props = resolve(c, resource.Properties ?? {}) as Record<string, Json>;
		const declared = resource.DependsOn === undefined ? [] : Array.isArray(resource.DependsOn) ? resource.DependsOn : [resource.DependsOn];
		model.resources.set(id, {
			id,
			type: resource.Type,
			props,
			dependsOn: new Set([...declared, ...referencedIds(props, c.resourceIds)].filter((d) => d !== id)),
			...(resource.DeletionPolicy ? { deletionPolicy: resource.DeletionPolicy } : {}),
			...(resource.UpdatePolicy !== undefined ? { updatePolicy: resolve(c, resource.UpdatePolicy) as Json } : {}),
		});
	}
	return model;
}
