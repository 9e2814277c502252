/**
 * Reads the site's data straight from disk and checks it as a whole: the schemas, plus the rules
 * that span files (a leaf naming a service, a pattern's three IaC folders). The build runs it
 * through the content-integrity integration and the tests run it on fixtures, so both fail the
 * same way, naming the file and the field.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'astro/zod';
import { DocsExtensionSchema } from '../schemas/docs.ts';
import { DecisionTreeSchema, type DecisionTree } from '../schemas/decision.ts';
import { PatternSchema, iacVariants, type Pattern } from '../schemas/pattern.ts';
import { PriceListSchema, type PriceList } from '../schemas/pricing.ts';
import { ServiceSchema, type Service } from '../schemas/service.ts';
import { SnippetSchema, type Snippet } from '../schemas/snippet.ts';
import { checkTree } from './decision-tree.ts';
import { sharedFolders } from './patterns.ts';

export interface ContentRoots {
	/** Folder holding pricing/, decisions/ and patterns/. */
	content: string;
	/** Starlight's docs folder (src/content/docs). */
	docs: string;
}

export interface ContentProblem {
	file: string;
	field: string;
	message: string;
}

export function formatProblem({ file, field, message }: ContentProblem): string {
	return `${file}: ${field ? `${field}: ` : ''}${message}`;
}

export class ContentError extends Error {
	readonly problems: ContentProblem[];

	constructor(problems: ContentProblem[]) {
		super(`Content check failed:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
		this.name = 'ContentError';
		this.problems = problems;
	}
}

export interface Entry<T> {
	id: string;
	file: string;
	data: T;
}

export interface ServiceEntry extends Entry<Service> {
	/** Docs slug of the service's page, for example "services/lambda". */
	slug: string;
}

export interface LoadedContent {
	services: ServiceEntry[];
	prices: Entry<PriceList>[];
	decisions: Entry<DecisionTree>[];
	patterns: Entry<Pattern>[];
	snippets: Entry<Snippet>[];
	problems: ContentProblem[];
}

function listFiles(dir: string, match: (name: string) => boolean): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((name) => match(name) && statSync(join(dir, name)).isFile())
		.sort()
		.map((name) => join(dir, name));
}

const frontmatterPattern = /^---\r?\n([\s\S]*?)\r?\n---/;

function parseFile(file: string): unknown {
	const text = readFileSync(file, 'utf8');
	if (/\.mdx?$/.test(file)) {
		const match = frontmatterPattern.exec(text);
		return match ? parseYaml(match[1]!) : {};
	}
	return parseYaml(text);
}

function fieldPath(path: PropertyKey[]): string {
	return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').replace(/^\./, '');
}

function validate<S extends z.ZodType>(
	schema: S,
	file: string,
	rel: string,
	problems: ContentProblem[],
	returnRawOnFailure = false
): z.output<S> | undefined {
	let raw: unknown;
	try {
		raw = parseFile(file);
	} catch (error) {
		problems.push({ file: rel, field: '', message: `cannot be parsed: ${(error as Error).message}` });
		return undefined;
	}
	const result = schema.safeParse(raw);
	if (result.success) return result.data;
	for (const issue of result.error.issues) {
		problems.push({ file: rel, field: fieldPath(issue.path), message: issue.message });
	}
	return returnRawOnFailure ? (raw as z.output<S>) : undefined;
}

function idFromFile(file: string): string {
	return file.split('/').pop()!.replace(/\.[^.]+$/, '');
}

/** Loads and checks everything; never throws, returns the problems it found. */
export function loadContent(roots: ContentRoots, cwd = process.cwd()): LoadedContent {
	const problems: ContentProblem[] = [];
	const rel = (file: string) => relative(cwd, file);

	const services: ServiceEntry[] = [];
	const pages = new Set<string>();
	for (const file of listFiles(roots.docs, (name) => /\.mdx?$/.test(name))) {
		const raw = validate(DocsExtensionSchema.loose(), file, rel(file), problems, true);
		// A page with an unrelated mistake still defines its service, so one typo is one problem.
		const service = ServiceSchema.safeParse((raw as { service?: unknown } | undefined)?.service);
		const slug = relative(roots.docs, file).replace(/\.mdx?$/, '').replace(/(^|\/)index$/, '');
		pages.add(slug ? `/${slug}/` : '/');
		if (service.success) {
			services.push({ id: service.data.id, file: rel(file), slug, data: service.data });
			problems.push(...checkServiceSections(file, rel(file)));
		}
	}

	const prices: Entry<PriceList>[] = [];
	for (const file of listFiles(join(roots.content, 'pricing'), (name) => /\.ya?ml$/.test(name))) {
		const data = validate(PriceListSchema, file, rel(file), problems);
		if (data) prices.push({ id: idFromFile(file), file: rel(file), data });
	}

	const decisions: Entry<DecisionTree>[] = [];
	for (const file of listFiles(join(roots.content, 'decisions'), (name) => /\.ya?ml$/.test(name))) {
		const data = validate(DecisionTreeSchema, file, rel(file), problems);
		if (data) decisions.push({ id: idFromFile(file), file: rel(file), data });
	}

	const patterns = loadIacFolders(join(roots.content, 'patterns'), 'pattern.yaml', PatternSchema, rel, problems);
	const snippets = loadIacFolders(join(roots.content, 'snippets'), 'snippet.yaml', SnippetSchema, rel, problems);

	problems.push(...checkReferences({ services, prices, decisions, patterns, snippets }, pages));
	problems.push(...checkPatternPages(patterns, join(roots.content, 'patterns'), roots.docs, rel));
	return { services, prices, decisions, patterns, snippets, problems };
}

/**
 * Patterns and snippets alike: one folder each, holding a metadata file and the cdk/, terraform/
 * and cloudformation/ variants that the IaC tests prove.
 */
function loadIacFolders<S extends z.ZodType>(
	root: string,
	metaName: string,
	schema: S,
	rel: (file: string) => string,
	problems: ContentProblem[]
): Entry<z.output<S>>[] {
	const entries: Entry<z.output<S>>[] = [];
	const ids = existsSync(root) ? readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory()).sort() : [];
	for (const id of ids) {
		const dir = join(root, id);
		const file = join(dir, metaName);
		if (!existsSync(file)) {
			problems.push({ file: rel(dir), field: metaName, message: 'is missing' });
			continue;
		}
		for (const variant of iacVariants) {
			const variantDir = join(dir, variant);
			if (!existsSync(variantDir) || listFiles(variantDir, () => true).length === 0) {
				problems.push({
					file: rel(file),
					field: variant,
					message: `the ${variant}/ variant is missing: every ${metaName.replace('.yaml', '')} ships CDK, Terraform and CloudFormation`,
				});
			}
		}
		const data = validate(schema, file, rel(file), problems);
		if (data) entries.push({ id, file: rel(file), data });
	}
	return entries;
}

/** `pages`: the path of every docs page ("/iac/choosing/"), for leaves that recommend a page. */
function checkReferences(content: Omit<LoadedContent, 'problems'>, pages: Set<string>): ContentProblem[] {
	const problems: ContentProblem[] = [];
	const known = new Map<string, string>();
	for (const service of content.services) {
		const previous = known.get(service.id);
		if (previous) {
			problems.push({ file: service.file, field: 'service.id', message: `"${service.id}" is already used by ${previous}` });
		}
		known.set(service.id, service.file);
	}
	const unknown = (id: string) =>
		`names unknown service "${id}": no page in src/content/docs has service.id "${id}"`;
	problems.push(...checkNames(content.services));
	for (const service of content.services) {
		service.data.related.forEach((id, i) => {
			if (!known.has(id)) problems.push({ file: service.file, field: `service.related[${i}]`, message: unknown(id) });
			else if (id === service.id) problems.push({ file: service.file, field: `service.related[${i}]`, message: 'a service cannot be related to itself' });
		});
	}
	const retired = new Set(content.services.filter((s) => s.data.retired).map((s) => s.id));

	for (const list of content.prices) {
		if (!known.has(list.data.service)) problems.push({ file: list.file, field: 'service', message: unknown(list.data.service) });
		const seen = new Set<string>();
		list.data.prices.forEach((price, i) => {
			if (seen.has(price.id)) problems.push({ file: list.file, field: `prices[${i}].id`, message: `"${price.id}" is used twice` });
			seen.add(price.id);
		});
	}
	for (const tree of content.decisions) {
		for (const problem of checkTree(tree.data)) {
			problems.push({ file: tree.file, field: problem.field, message: problem.message });
		}
		for (const [nodeId, node] of Object.entries(tree.data.nodes)) {
			if (node.kind !== 'leaf') continue;
			if ((node.service === undefined) === (node.page === undefined)) {
				problems.push({ file: tree.file, field: `nodes.${nodeId}`, message: 'a leaf names a service or a page: one of the two' });
			} else if (node.page !== undefined) {
				if (!pages.has(node.page)) problems.push({ file: tree.file, field: `nodes.${nodeId}.page`, message: `names "${node.page}", which no page in src/content/docs publishes` });
			} else if (!known.has(node.service!)) problems.push({ file: tree.file, field: `nodes.${nodeId}.service`, message: unknown(node.service!) });
			else if (retired.has(node.service!)) {
				problems.push({ file: tree.file, field: `nodes.${nodeId}.service`, message: `recommends "${node.service}", which AWS has retired` });
			}
			node.alternatives.forEach((alt, i) => {
				if (!known.has(alt)) problems.push({ file: tree.file, field: `nodes.${nodeId}.alternatives[${i}]`, message: unknown(alt) });
			});
			if (node.cost) {
				const list = content.prices.find((p) => p.data.service === node.cost!.service);
				if (!list?.data.prices.some((p) => p.id === node.cost!.price)) {
					problems.push({
						file: tree.file,
						field: `nodes.${nodeId}.cost`,
						message: `names price "${node.cost.price}" of "${node.cost.service}", which content/pricing/ does not have`,
					});
				}
			}
		}
		tree.data.quickReference.forEach((row, i) => {
			for (const key of ['first', 'alternative'] as const) {
				if (!known.has(row[key])) problems.push({ file: tree.file, field: `quickReference[${i}].${key}`, message: unknown(row[key]) });
			}
		});
	}
	for (const pattern of [...content.patterns, ...content.snippets]) {
		pattern.data.services.forEach((id, i) => {
			if (!known.has(id)) problems.push({ file: pattern.file, field: `services[${i}]`, message: unknown(id) });
		});
	}
	return problems;
}

/**
 * Every pattern has its page, which shows its code (IacTabs), its cost calculator (PatternCost) and every folder its variants share
 * (function code, a state machine, manifests, a workflow): a folder the page leaves out is code a
 * reader never sees, though the downloads carry it.
 */
function checkPatternPages(patterns: Entry<Pattern>[], patternsRoot: string, docsRoot: string, rel: (file: string) => string): ContentProblem[] {
	const problems: ContentProblem[] = [];
	for (const pattern of patterns) {
		const page = ['mdx', 'md'].map((ext) => join(docsRoot, 'patterns', `${pattern.id}.${ext}`)).find((file) => existsSync(file));
		if (!page) {
			problems.push({ file: pattern.file, field: 'page', message: `has no page: add src/content/docs/patterns/${pattern.id}.mdx` });
			continue;
		}
		const body = readFileSync(page, 'utf8');
		if (!body.includes(`<IacTabs pattern="${pattern.id}"`)) problems.push({ file: rel(page), field: 'IacTabs', message: `does not show the code: add <IacTabs pattern="${pattern.id}" />` });
		if (!body.includes(`<PatternCost pattern="${pattern.id}"`)) {
			problems.push({ file: rel(page), field: 'PatternCost', message: `has no cost calculator: add <PatternCost pattern="${pattern.id}" /> under "Cost", and the pattern's model to src/lib/pattern-costs.ts` });
		}
		for (const folder of sharedFolders(pattern.id, patternsRoot)) {
			if (!body.includes(`<PatternFiles pattern="${pattern.id}" folder="${folder}"`)) {
				problems.push({ file: rel(page), field: 'PatternFiles', message: `does not show ${folder}/, which every variant uses: add <PatternFiles pattern="${pattern.id}" folder="${folder}" />` });
			}
		}
	}
	return problems;
}

/** How search sees a name: case, spaces and punctuation do not tell two names apart. */
/** The sections of every service page, in this order, so that readers can compare services side by side. */
export const serviceSections = ['Use it when', 'Avoid it when', 'Cost model', 'Limits that shape designs', 'Key features', 'Related', 'Sources'];

function checkServiceSections(file: string, relFile: string): ContentProblem[] {
	const body = readFileSync(file, 'utf8').replace(frontmatterPattern, '');
	const headings = [...body.matchAll(/^## (.+?)\s*$/gm)].map((m) => m[1]!);
	const missing = serviceSections.filter((section) => !headings.includes(section));
	if (missing.length) return [{ file: relFile, field: 'sections', message: `has no "## ${missing.join('", "## ')}" section` }];
	const inOrder = headings.filter((h) => serviceSections.includes(h));
	if (inOrder.join('\n') !== serviceSections.join('\n')) {
		return [{ file: relFile, field: 'sections', message: `has its sections in the order ${inOrder.join(', ')}; a service page's order is ${serviceSections.join(', ')}` }];
	}
	return [];
}

export function normalizeName(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * Every id, name and alias must point to one service only, or search cannot put the right page
 * first. A service may repeat its own name among its aliases.
 */
function checkNames(services: ServiceEntry[]): ContentProblem[] {
	const problems: ContentProblem[] = [];
	const owner = new Map<string, ServiceEntry>();
	for (const service of services) {
		const names: Array<[field: string, name: string]> = [
			['service.id', service.id],
			['service.name', service.data.name],
			...service.data.aliases.map((alias, i): [string, string] => [`service.aliases[${i}]`, alias]),
		];
		for (const [field, name] of names) {
			const key = normalizeName(name);
			const other = owner.get(key);
			if (other && other !== service) {
				problems.push({ file: service.file, field, message: `"${name}" is also a name of "${other.id}" (${other.file})` });
			} else owner.set(key, service);
		}
	}
	return problems;
}

/** Loads the content and throws one error listing every problem, for the build. */
export function assertContent(roots: ContentRoots, cwd?: string): LoadedContent {
	const content = loadContent(roots, cwd);
	if (content.problems.length > 0) throw new ContentError(content.problems);
	return content;
}
