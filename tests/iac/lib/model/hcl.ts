/**
 * Evaluates Terraform expressions offline, on the syntax tree of HashiCorp's own HCL parser (through
 * @cdktn/hcl2json's getExpressionAst), as far as they can be known without a plan: literals,
 * variable defaults, locals, objects, lists, templates, conditionals and a few functions.
 *
 * What only a plan knows stays symbolic: a reference to a resource or data source becomes the
 * placeholder `${<address>.<attribute>}` inside the value (the same form the CloudFormation reader
 * gives `!GetAtt`), and the caller, Region and partition become `${AWS::AccountId}`, `${AWS::Region}`
 * and `${AWS::Partition}`, or the Region given. Anything else unknown is `unknownValue`.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { getExpressionAst, type TFExpressionSyntaxTree } from '@cdktn/hcl2json';

export const unknownValue = '${unknown}';
export type HclValue = null | boolean | number | string | HclValue[] | { [key: string]: HclValue };

type Node = TFExpressionSyntaxTree.ExpressionType | { type: ''; meta: Record<string, unknown>; children: Node[] };

export interface HclScope {
	variables: ReadonlyMap<string, unknown>;
	locals: ReadonlyMap<string, unknown>;
	/** The Region to evaluate for; left symbolic when undefined. */
	region?: string | undefined;
	/** A data source's attribute the reader can compute offline (a policy document's JSON), or undefined. */
	data?: (type: string, name: string, attribute: string) => Promise<HclValue | undefined>;
	/** The module's folder: `path.module`, and where `file()` and `templatefile()` read relative paths. */
	moduleDir?: string;
	/** Variables already evaluated, in the calling module's scope: a module call's inputs. */
	values?: ReadonlyMap<string, HclValue>;
}

/** Data sources whose value is the deployment's own context, not a lookup. */
const contextAttributes: Record<string, (scope: HclScope) => string> = {
	'aws_region.region': (s) => s.region ?? '${AWS::Region}',
	'aws_region.name': (s) => s.region ?? '${AWS::Region}',
	'aws_region.id': (s) => s.region ?? '${AWS::Region}',
	'aws_caller_identity.account_id': () => '${AWS::AccountId}',
	'aws_partition.partition': () => '${AWS::Partition}',
	'aws_partition.dns_suffix': () => 'amazonaws.com',
};

/**
 * A value as hcl2json gives it (JSON for literals, a string with `${...}` for expressions),
 * evaluated in the module's scope.
 */
export async function evaluateHcl(value: unknown, scope: HclScope, depth = 0): Promise<HclValue> {
	if (depth > 30) return unknownValue;
	if (Array.isArray(value)) return Promise.all(value.map((item) => evaluateHcl(item, scope, depth + 1)));
	if (value !== null && typeof value === 'object') {
		const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await evaluateHcl(v, scope, depth + 1)] as const));
		return Object.fromEntries(entries);
	}
	if (typeof value !== 'string' || !value.includes('${')) return (value ?? null) as HclValue;
	// hcl2json gives a template's source without its quotes; `"${expr}"` alone keeps expr's type.
	const ast = await getExpressionAst('expression.tf', `"${value}"`);
	return ast ? evaluateNode(ast as Node, scope, depth + 1) : unknownValue;
}

/** An expression in HCL source form (`var.x`, `{ a = 1 }`), evaluated in the module's scope. */
export async function evaluateExpression(source: string, scope: HclScope, depth = 0): Promise<HclValue> {
	const ast = await getExpressionAst('expression.tf', source);
	return ast ? evaluateNode(ast as Node, scope, depth + 1) : unknownValue;
}

function asText(value: HclValue): string {
	if (value === null) return '';
	if (typeof value === 'object') return unknownValue;
	return String(value);
}

async function evaluateNode(node: Node, scope: HclScope, depth: number): Promise<HclValue> {
	if (depth > 60) return unknownValue;
	const meta = (node.meta ?? {}) as Record<string, unknown>;
	const children = (node.children ?? []) as Node[];
	const child = (i: number) => (children[i] ? evaluateNode(children[i]!, scope, depth + 1) : Promise.resolve(unknownValue));
	switch (node.type) {
		case 'templateWrap':
			return child(0);
		case 'template': {
			if (children.length === 1) return child(0);
			const parts = await Promise.all(children.map((_, i) => child(i)));
			return parts.map(asText).join('');
		}
		case 'literalValue': {
			const text = String(meta['value'] ?? '');
			if (meta['type'] === 'number') return Number(text);
			if (meta['type'] === 'bool') return text === 'true';
			// The parser keeps a template's escapes: `$${` and `%%{` are a literal `${` and `%{`.
			if (meta['type'] === 'string') return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
			return null;
		}
		case 'tuple':
			return Promise.all(children.map((_, i) => child(i)));
		case 'object': {
			const items = (meta['items'] ?? {}) as Record<string, string>;
			const values = children.filter((_, i) => i % 2 === 1);
			const entries = await Promise.all(
				Object.entries(items).map(async ([rawKey, source]) => {
					const key = rawKey.replace(/^"(.*)"$/, '$1');
					const valueNode = values.find((v) => (v.meta as { value?: string } | undefined)?.value === source);
					return [key, valueNode ? await evaluateNode(valueNode, scope, depth + 1) : await evaluateExpression(source, scope, depth + 1)] as const;
				})
			);
			return Object.fromEntries(entries);
		}
		case 'scopeTraversal':
			return traverse(String(meta['fullAccessor'] ?? ''), scope, depth);
		case 'splat':
			return `\${${String(meta['value'] ?? '')}}`;
		case 'index': {
			const [collection, key] = await Promise.all([child(0), child(1)]);
			if (Array.isArray(collection) && typeof key === 'number') return collection[key] ?? unknownValue;
			if (collection && typeof collection === 'object' && !Array.isArray(collection) && typeof key === 'string' && !key.includes('${')) {
				return collection[key] ?? unknownValue;
			}
			return `\${${String(meta['value'] ?? '')}}`;
		}
		case 'relativeTraversal': {
			const source = await child(0);
			const path = String(meta['fullAccessor'] ?? '').split('.').filter(Boolean);
			let value: HclValue = source;
			for (const part of path) {
				if (value && typeof value === 'object' && !Array.isArray(value) && part in value) value = value[part]!;
				else return typeof source === 'string' && source.startsWith('${') ? `${source.slice(0, -1)}.${path.join('.')}}` : unknownValue;
			}
			return value;
		}
		case 'conditional': {
			const condition = await child(0);
			if (typeof condition !== 'boolean') return unknownValue;
			return child(condition ? 1 : 2);
		}
		case 'unaryOp': {
			const value = await child(0);
			const op = String(meta['operator'] ?? '');
			if (op === 'not' && typeof value === 'boolean') return !value;
			if (op === 'negate' && typeof value === 'number') return -value;
			return unknownValue;
		}
		case 'binaryOp':
			return binary(String(meta['operator'] ?? ''), await child(0), await child(1));
		case 'function':
			return call(String(meta['name'] ?? ''), await Promise.all(children.map((_, i) => child(i))), scope);
		default:
			return unknownValue;
	}
}

function known(value: HclValue): boolean {
	return !(typeof value === 'string' && value.includes('${'));
}

function binary(op: string, a: HclValue, b: HclValue): HclValue {
	if (!known(a) || !known(b)) return unknownValue;
	switch (op) {
		case 'equal':
			return JSON.stringify(a) === JSON.stringify(b);
		case 'notEqual':
			return JSON.stringify(a) !== JSON.stringify(b);
		case 'and':
			return typeof a === 'boolean' && typeof b === 'boolean' ? a && b : unknownValue;
		case 'or':
			return typeof a === 'boolean' && typeof b === 'boolean' ? a || b : unknownValue;
	}
	if (typeof a !== 'number' || typeof b !== 'number') return unknownValue;
	const arithmetic: Record<string, () => HclValue> = {
		add: () => a + b,
		subtract: () => a - b,
		multiply: () => a * b,
		divide: () => a / b,
		modulo: () => a % b,
		greaterThan: () => a > b,
		greaterThanOrEqual: () => a >= b,
		lessThan: () => a < b,
		lessThanOrEqual: () => a <= b,
	};
	return arithmetic[op]?.() ?? unknownValue;
}

/** A file a function reads, relative to the module, or undefined when its path is not known offline. */
function readModuleFile(path: HclValue | undefined, scope: HclScope): string | undefined {
	if (typeof path !== 'string' || !known(path) || !scope.moduleDir) return undefined;
	try {
		return readFileSync(isAbsolute(path) ? path : join(scope.moduleDir, path), 'utf8');
	} catch {
		return undefined;
	}
}

/**
 * A Terraform template with only `${name}` interpolations of the variables given (and `$${` for a
 * literal `${`), as templatefile() renders it; unknown when it uses anything else (directives,
 * expressions), so the model never guesses.
 */
function renderTemplate(text: string, vars: HclValue | undefined): HclValue {
	if (!vars || typeof vars !== 'object' || Array.isArray(vars) || /(^|[^%])%\{/.test(text)) return unknownValue;
	let unresolved = false;
	const rendered = text.replace(/\$(\$?)\{([^}]*)\}/g, (whole, escaped: string, name: string) => {
		if (escaped) return whole.slice(1);
		const value = /^\s*[A-Za-z_][\w-]*\s*$/.test(name) ? vars[name.trim()] : undefined;
		if (value === undefined || (value !== null && typeof value === 'object')) unresolved = true;
		return value === null || value === undefined ? '' : String(value);
	});
	return unresolved ? unknownValue : rendered;
}

/** The functions the patterns use where their result matters to the model. */
function call(name: string, args: HclValue[], scope: HclScope): HclValue {
	const [first, second] = args;
	switch (name) {
		case 'file':
			return readModuleFile(first, scope) ?? unknownValue;
		case 'templatefile': {
			const text = readModuleFile(first, scope);
			return text === undefined ? unknownValue : renderTemplate(text, second);
		}
		case 'jsonencode':
		case 'tolist':
		case 'toset':
		case 'tostring':
		case 'tonumber':
		case 'sensitive':
		case 'nonsensitive':
			return first ?? null;
		case 'jsondecode':
			return typeof first === 'string' && known(first) ? (JSON.parse(first) as HclValue) : unknownValue;
		case 'concat':
			return args.every(Array.isArray) ? (args as HclValue[][]).flat() : unknownValue;
		case 'flatten':
			return Array.isArray(first) ? (first as unknown[]).flat(10) as HclValue[] : unknownValue;
		case 'merge':
			return args.every((a) => a && typeof a === 'object' && !Array.isArray(a)) ? Object.assign({}, ...args) : unknownValue;
		case 'length':
			return Array.isArray(first) ? first.length : first && typeof first === 'object' ? Object.keys(first).length : unknownValue;
		case 'lookup': {
			if (first && typeof first === 'object' && !Array.isArray(first) && typeof second === 'string' && known(second)) return first[second] ?? args[2] ?? unknownValue;
			return unknownValue;
		}
		case 'format':
			return typeof first === 'string' ? first.replace(/%[sd]/g, () => asText(args.splice(1, 1)[0] ?? '')) : unknownValue;
		case 'join':
			return typeof first === 'string' && Array.isArray(second) ? second.map(asText).join(first) : unknownValue;
		case 'lower':
			return typeof first === 'string' && known(first) ? first.toLowerCase() : unknownValue;
		case 'upper':
			return typeof first === 'string' && known(first) ? first.toUpperCase() : unknownValue;
		case 'min':
			return args.every((a) => typeof a === 'number') ? Math.min(...(args as number[])) : unknownValue;
		case 'max':
			return args.every((a) => typeof a === 'number') ? Math.max(...(args as number[])) : unknownValue;
		default:
			return unknownValue;
	}
}

async function traverse(accessor: string, scope: HclScope, depth: number): Promise<HclValue> {
	const parts = accessor.split('.');
	const [root, name, ...rest] = parts;
	const pick = (value: HclValue, path: string[]): HclValue => {
		let current = value;
		for (const part of path) {
			const index = /^(.*)\[(\d+)\]$/.exec(part);
			const key = index ? index[1]! : part;
			if (current && typeof current === 'object' && !Array.isArray(current) && key in current) current = current[key]!;
			else return unknownValue;
			if (index) current = Array.isArray(current) ? (current[Number(index[2])] ?? unknownValue) : unknownValue;
		}
		return current;
	};
	if (root === 'var' && name !== undefined && scope.values?.has(name)) return pick(scope.values.get(name)!, rest);
	if ((root === 'var' || root === 'local') && name !== undefined) {
		const key = name.replace(/\[.*$/, '');
		const source = root === 'var' ? scope.variables : scope.locals;
		if (!source.has(key)) return unknownValue;
		const value = await evaluateHcl(source.get(key), scope, depth + 1);
		return key === name ? pick(value, rest) : unknownValue;
	}
	if (root === 'data' && parts.length >= 4) {
		const [, type, , attribute] = parts;
		const context = contextAttributes[`${type}.${attribute}`];
		if (context) return context(scope);
		const computed = await scope.data?.(type!, parts[2]!, attribute!);
		if (computed !== undefined) return computed;
	}
	if (root === 'path' && name === 'module' && scope.moduleDir) return scope.moduleDir;
	if (root === 'each' || root === 'count' || root === 'path' || root === 'self' || root === 'terraform') return unknownValue;
	return `\${${accessor}}`;
}
