/**
 * Evaluates the static part of Terraform expressions: literals, variable defaults, locals, and a
 * few functions (length, toset, slice, ...). Enough to count `count` and `for_each` instances and
 * to read an argument set through a variable, without a terraform binary. Anything that needs a
 * plan (data sources, resource attributes, each/count) evaluates to `unknown`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseHcl, type TerraformJson } from './terraform';

/** A value known only at plan time. */
export const unknown: unique symbol = Symbol('unknown');
export type Value = typeof unknown | null | boolean | number | string | Value[] | { [key: string]: Value };

/** All .tf files of one folder, parsed and merged as Terraform loads a module. */
export interface TerraformModule {
	files: Array<{ file: string; json: TerraformJson }>;
	variables: Map<string, unknown>;
	locals: Map<string, unknown>;
	/** type -> name -> body, over all files. */
	resources: Map<string, Map<string, Record<string, unknown>>>;
}

/**
 * The .tf files directly in `dir` (a module's folder; child modules in subfolders are separate
 * modules, which `localModuleCalls` finds). `inputs` set variables as a module call does.
 */
export async function loadTerraformModule(dir: string, inputs: ReadonlyMap<string, unknown> = new Map()): Promise<TerraformModule> {
	const topLevel = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.tf')).map((e) => join(dir, e.name)).sort() : [];
	const files = await Promise.all(topLevel.map(async (file) => ({ file, json: await parseHcl(file) })));
	const variables = new Map<string, unknown>();
	const locals = new Map<string, unknown>();
	const resources = new Map<string, Map<string, Record<string, unknown>>>();
	for (const { json } of files) {
		for (const [name, blocks] of Object.entries(json.variable ?? {})) variables.set(name, blocks[0]?.default);
		for (const block of (json['locals'] as Array<Record<string, unknown>> | undefined) ?? []) {
			for (const [name, value] of Object.entries(block)) locals.set(name, value);
		}
		for (const [type, byName] of Object.entries(json.resource ?? {})) {
			const named = resources.get(type) ?? new Map<string, Record<string, unknown>>();
			for (const [name, bodies] of Object.entries(byName)) named.set(name, (bodies[0] ?? {}) as Record<string, unknown>);
			resources.set(type, named);
		}
	}
	for (const [name, value] of inputs) variables.set(name, value);
	return { files, variables, locals, resources };
}

/** A `module` block whose source is a folder inside the configuration (`./modules/region`). */
export interface LocalModuleCall {
	name: string;
	/** Absolute path of the module's folder. */
	dir: string;
	/** The block's arguments: source, providers, count or for_each, and the module's inputs. */
	body: Record<string, unknown>;
}

/** Arguments of a module block that are not inputs of the module. */
export const moduleMetaArguments = new Set(['source', 'version', 'providers', 'count', 'for_each', 'depends_on']);

/** The module blocks of a module that call a local folder (registry and Git sources are left out). */
export function localModuleCalls(module: TerraformModule): LocalModuleCall[] {
	return module.files.flatMap(({ file, json }) =>
		Object.entries((json.module ?? {}) as Record<string, Array<Record<string, unknown>>>).flatMap(([name, bodies]) => {
			const body = bodies[0] ?? {};
			const source = typeof body['source'] === 'string' ? body['source'] : '';
			return /^\.\.?[\\/]/.test(source) ? [{ name, dir: resolve(dirname(file), source), body }] : [];
		})
	);
}

// ---------------------------------------------------------------- a small expression parser

type Token = { kind: 'num' | 'str' | 'id' | 'op'; text: string };

function tokenize(source: string): Token[] | undefined {
	const tokens: Token[] = [];
	let i = 0;
	while (i < source.length) {
		const rest = source.slice(i);
		const space = /^\s+/.exec(rest);
		if (space) {
			i += space[0].length;
			continue;
		}
		const number = /^\d+(\.\d+)?/.exec(rest);
		if (number) {
			tokens.push({ kind: 'num', text: number[0] });
			i += number[0].length;
			continue;
		}
		const string = /^"((?:[^"\\$]|\\.|\$(?!\{))*)"/.exec(rest);
		if (string) {
			tokens.push({ kind: 'str', text: JSON.parse(`"${string[1]}"`) as string });
			i += string[0].length;
			continue;
		}
		const id = /^[A-Za-z_][\w-]*/.exec(rest);
		if (id) {
			tokens.push({ kind: 'id', text: id[0] });
			i += id[0].length;
			continue;
		}
		const op = /^(==|!=|>=|<=|&&|\|\||[()[\]{}.,?:!<>=+\-*/%])/.exec(rest);
		if (!op) return undefined;
		tokens.push({ kind: 'op', text: op[0] });
		i += op[0].length;
	}
	return tokens;
}

class Parser {
	private position = 0;
	constructor(
		private readonly tokens: Token[],
		private readonly scope: Scope
	) {}

	parse(): Value {
		const value = this.conditional();
		return this.position === this.tokens.length ? value : unknown;
	}

	private peek(text?: string): Token | undefined {
		const token = this.tokens[this.position];
		return text === undefined || token?.text === text ? token : undefined;
	}

	private take(text?: string): Token {
		const token = this.tokens[this.position];
		if (!token || (text !== undefined && token.text !== text)) throw new SyntaxError(`expected ${text ?? 'a token'}`);
		this.position++;
		return token;
	}

	private conditional(): Value {
		const condition = this.logical();
		if (!this.peek('?')) return condition;
		this.take('?');
		const whenTrue = this.conditional();
		this.take(':');
		const whenFalse = this.conditional();
		if (typeof condition !== 'boolean') return unknown;
		return condition ? whenTrue : whenFalse;
	}

	private logical(): Value {
		let left = this.comparison();
		while (this.peek('&&') || this.peek('||')) {
			const op = this.take().text;
			const right = this.comparison();
			left = typeof left === 'boolean' && typeof right === 'boolean' ? (op === '&&' ? left && right : left || right) : unknown;
		}
		return left;
	}

	private comparison(): Value {
		let left = this.additive();
		while (['==', '!=', '<', '>', '<=', '>='].some((op) => this.peek(op))) {
			const op = this.take().text;
			const right = this.additive();
			if (left === unknown || right === unknown) left = unknown;
			else if (op === '==') left = JSON.stringify(left) === JSON.stringify(right);
			else if (op === '!=') left = JSON.stringify(left) !== JSON.stringify(right);
			else if (typeof left === 'number' && typeof right === 'number') {
				left = op === '<' ? left < right : op === '>' ? left > right : op === '<=' ? left <= right : left >= right;
			} else left = unknown;
		}
		return left;
	}

	private additive(): Value {
		let left = this.unary();
		while (['+', '-', '*', '/', '%'].some((op) => this.peek(op))) {
			const op = this.take().text;
			const right = this.unary();
			if (typeof left !== 'number' || typeof right !== 'number') left = unknown;
			else left = op === '+' ? left + right : op === '-' ? left - right : op === '*' ? left * right : op === '/' ? left / right : left % right;
		}
		return left;
	}

	private unary(): Value {
		if (this.peek('!')) {
			this.take();
			const value = this.unary();
			return typeof value === 'boolean' ? !value : unknown;
		}
		if (this.peek('-')) {
			this.take();
			const value = this.unary();
			return typeof value === 'number' ? -value : unknown;
		}
		return this.postfix(this.primary());
	}

	private postfix(value: Value): Value {
		for (;;) {
			if (this.peek('.')) {
				this.take();
				const key = this.take().text;
				value = index(value, key);
			} else if (this.peek('[')) {
				this.take();
				const key = this.conditional();
				this.take(']');
				value = key === unknown ? unknown : index(value, key);
			} else return value;
		}
	}

	private list(close: string): Value[] {
		const items: Value[] = [];
		while (!this.peek(close)) {
			items.push(this.conditional());
			if (!this.peek(close)) this.take(',');
		}
		this.take(close);
		return items;
	}

	private primary(): Value {
		const token = this.take();
		if (token.kind === 'num') return Number(token.text);
		if (token.kind === 'str') return token.text;
		if (token.text === '(') {
			const value = this.conditional();
			this.take(')');
			return value;
		}
		if (token.text === '[') return this.list(']');
		if (token.text === '{') {
			const object: Record<string, Value> = {};
			while (!this.peek('}')) {
				const key = this.take();
				this.take(this.peek(':') ? ':' : '=');
				object[key.text] = this.conditional();
				if (this.peek(',')) this.take(',');
			}
			this.take('}');
			return object;
		}
		if (token.kind !== 'id') return unknown;
		if (token.text === 'true' || token.text === 'false') return token.text === 'true';
		if (token.text === 'null') return null;
		if (this.peek('(')) {
			this.take('(');
			return callFunction(token.text, this.list(')'));
		}
		return this.scope.reference(token.text, () => (this.peek('.') ? (this.take('.'), this.take().text) : undefined));
	}
}

function index(value: Value, key: Value): Value {
	if (Array.isArray(value) && typeof key === 'number') return value[key] ?? unknown;
	if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof key === 'string') return value[key] ?? unknown;
	return unknown;
}

const isKnownList = (value: Value): value is Value[] => Array.isArray(value);

function callFunction(name: string, args: Value[]): Value {
	const at = (i: number): Value => (i < args.length ? args[i]! : unknown);
	const first = at(0);
	const second = at(1);
	const third = at(2);
	switch (name) {
		case 'length':
			if (isKnownList(first)) return first.length;
			if (first !== null && typeof first === 'object') return Object.keys(first).length;
			if (typeof first === 'string') return first.length;
			return unknown;
		case 'toset':
		case 'distinct':
			// Unknown elements might be equal: the size is known only when every element is.
			if (!isKnownList(first) || first.includes(unknown)) return unknown;
			return first.filter((item, i) => first.findIndex((other) => JSON.stringify(other) === JSON.stringify(item)) === i);
		case 'tolist':
		case 'tomap':
			return first;
		case 'keys':
			return first !== null && typeof first === 'object' && !Array.isArray(first) ? Object.keys(first).sort() : unknown;
		case 'values':
			return first !== null && typeof first === 'object' && !Array.isArray(first) ? Object.values(first) : unknown;
		case 'slice':
			// slice(list, start, end) has end - start elements even when the list is known only at plan time.
			if (typeof second !== 'number' || typeof third !== 'number') return unknown;
			return isKnownList(first) ? first.slice(second, third) : Array.from({ length: third - second }, () => unknown);
		case 'range':
			if (typeof first !== 'number') return unknown;
			if (args.length === 1) return Array.from({ length: first }, (_, i) => i);
			return typeof second === 'number' ? Array.from({ length: Math.max(0, second - first) }, (_, i) => first + i) : unknown;
		case 'concat':
			return args.every(isKnownList) ? args.flat() : unknown;
		case 'merge':
			return args.every((a) => a !== null && typeof a === 'object' && !Array.isArray(a))
				? Object.assign({}, ...(args as object[]))
				: unknown;
		default:
			return unknown;
	}
}

interface Scope {
	/** Value of a traversal that starts with `root`; `next` reads the following `.name`. */
	reference(root: string, next: () => string | undefined): Value;
}

/**
 * Evaluates a value as hcl2json gives it: JSON for literals, `"${expr}"` for expressions.
 * `counts` gives the instances of a resource (for `for_each = aws_subnet.private`).
 */
export function evaluate(
	module: TerraformModule,
	value: unknown,
	counts?: (type: string, name: string) => number | undefined,
	depth = 0
): Value {
	if (depth > 20) return unknown;
	if (Array.isArray(value)) return value.map((item) => evaluate(module, item, counts, depth + 1));
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(module, v, counts, depth + 1)]));
	}
	if (typeof value !== 'string') return (value ?? null) as Value;
	const whole = /^\$\{([\s\S]*)\}$/.exec(value);
	if (!whole) return value.includes('${') ? unknown : value;
	const tokens = tokenize(whole[1]!);
	if (!tokens) return unknown;
	const scope: Scope = {
		reference(root, next) {
			if (root === 'var') {
				const name = next();
				return name !== undefined && module.variables.has(name) ? evaluate(module, module.variables.get(name), counts, depth + 1) : unknown;
			}
			if (root === 'local') {
				const name = next();
				return name !== undefined && module.locals.has(name) ? evaluate(module, module.locals.get(name), counts, depth + 1) : unknown;
			}
			// A resource reference without an attribute is its instances: a list or a map of that size.
			if (module.resources.has(root)) {
				const name = next();
				const n = name === undefined ? undefined : counts?.(root, name);
				return n === undefined ? unknown : Array.from({ length: n }, () => unknown);
			}
			return unknown;
		},
	};
	try {
		return new Parser(tokens, scope).parse();
	} catch {
		return unknown;
	}
}

/** Number of elements of a `for_each` or `dynamic` value, or undefined when it is known only at plan time. */
export function sizeOf(value: Value): number | undefined {
	if (Array.isArray(value)) return value.length;
	if (value !== null && typeof value === 'object') return Object.keys(value).length;
	return undefined;
}
