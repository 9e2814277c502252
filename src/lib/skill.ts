/**
 * The agent skill: `aws-patterns/SKILL.md` (decision rules, an index and the rules to follow),
 * `references/*.md` (the site's pages as Markdown, grouped the way an agent looks things up) and
 * `examples/<pattern>/` (each pattern's proven IaC folders, byte for byte), plus the companion
 * scripts. Built from the same content as the site at build time and served as one zip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import GithubSlugger from 'github-slugger';
import { parse as parseYaml } from 'yaml';
import { z } from 'astro/zod';
import { strToU8, zipSync, type Zippable } from 'fflate';
import {
	absoluteUrl,
	absolutizeLinks,
	costTable,
	createExportContext,
	oneLine,
	pageMarkdown,
	type DocsPage,
	type ExportContext,
	type ExportOptions,
	type IacLinks,
} from './markdown-export.ts';
import { sizingOf } from './examples.ts';
import { idleLabel, patternCosts, type CostModel, type PatternExampleId } from './pattern-costs.ts';
import { iacVariants, patternFiles, sharedFolders } from './patterns.ts';
import { formatTotal } from './pricing.ts';
import { patternCategories, patternCategoryLabels } from '../schemas/pattern.ts';
import { companionScripts } from './scripts.ts';
import type { DecisionTree } from '../schemas/decision.ts';
import type { Service } from '../schemas/service.ts';

export const skillName = 'aws-patterns';

/** Where the bundle is served; the Tools page and llms.txt link to it. */
export const skillZipPath = '/downloads/aws-patterns-skill.zip';

export interface SkillFile {
	/** Path inside the skill folder, for example "references/compute-services.md". */
	path: string;
	data: Uint8Array;
	/** Unix file mode; scripts are executable. */
	mode: number;
}

/** The most a reference file may hold; a longer page is split into parts at its sections. */
export const referenceLimitBytes = 10 * 1024;

/** SKILL.md's limits, however many guides, services and patterns the site has. */
export const skillLimits = { lines: 600, bytes: 32 * 1024 };

/** Where each kind of page goes in the bundle, by section. Index pages are replaced by references/README.md. */
const referenceDirs: Record<string, { dir: string; label: string; use: string }> = {
	services: { dir: 'services', label: 'Services', use: 'what it is, when to use and avoid it, its cost model with dated rates, its limits and key features' },
	decisions: { dir: 'guides', label: 'Decision guides', use: 'the whole tree question by question, its criteria, comparison tables and cost examples' },
	patterns: { dir: 'patterns', label: 'Patterns', use: 'when to use it, its files in examples/, deploy, test and clean-up, its costs, security notes and before-production list' },
	'well-architected': { dir: 'well-architected', label: 'Well-Architected', use: 'the practices of one pillar, tied to services and patterns, with its snippets in examples/snippets/' },
	iac: { dir: 'iac', label: 'Infrastructure as code', use: 'choosing between CDK, Terraform and CloudFormation and working with them' },
};

/** A bundle path that the links pass resolves relative to the file it is written in. */
const bundle = (path: string) => `bundle:${path}`;

/** In the bundle, pattern and snippet files are next to the references: link there, and never quote them. */
const bundleLinks: IacLinks = {
	file: (kind, pattern, file) => bundle(kind === 'patterns' ? `examples/${pattern}/${file.path}` : `examples/snippets/${pattern}/${file.path}`),
	variant: (kind, pattern, variant) => {
		const dir = kind === 'patterns' ? `examples/${pattern}/${variant}/` : `examples/snippets/${pattern}/${variant}/`;
		return { href: bundle(dir), text: `${dir} in this skill` };
	},
	quote: false,
};

function bundleContext(options: ExportOptions): ExportContext {
	return { ...createExportContext(options), links: bundleLinks };
}

export interface Reference {
	/** Path in the bundle, for example "references/services/lambda.md". */
	path: string;
	/** The page's docs slug, for example "services/lambda". */
	slug: string;
	title: string;
	/** One line: what the file answers. */
	purpose: string;
	dir: string;
	part: number;
	parts: number;
	text: string;
}

function referenceOf(page: DocsPage): { dir: string; id: string } | undefined {
	const service = page.frontmatter.service as Service | undefined;
	if (service) return { dir: 'services', id: service.id };
	const [section = '', id, ...rest] = page.slug.split('/');
	const target = referenceDirs[section];
	return target && id && rest.length === 0 && section !== 'services' ? { dir: target.dir, id } : undefined;
}

/** Blocks a page can be split between: paragraphs, lists, tables and whole code blocks. */
function blocks(markdown: string): string[] {
	const out: string[] = [];
	let current: string[] = [];
	let fence: string | undefined;
	for (const line of markdown.split('\n')) {
		const marker = /^[ \t]*(`{3,}|~{3,})/.exec(line)?.[1];
		if (fence === undefined && marker) fence = marker;
		else if (fence !== undefined && marker && line.trim() === marker) fence = undefined;
		if (fence === undefined && line.trim() === '' && current.length > 0) {
			out.push(current.join('\n'));
			current = [];
		} else if (!(fence === undefined && line.trim() === '')) current.push(line);
	}
	if (current.length > 0) out.push(current.join('\n'));
	return out;
}

const size = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * A page's Markdown in parts of at most `limit` bytes (less room for each part's heading line),
 * cut between blocks and, where it can, before a section's heading.
 */
export function splitMarkdown(markdown: string, limit: number): string[] {
	const room = limit - 400;
	const parts: string[][] = [[]];
	let used = 0;
	for (const block of blocks(markdown)) {
		const cost = size(block) + 2;
		const heading = /^#{2,3} /.test(block);
		const full = used + cost > room || (heading && /^## /.test(block) && used > room * 0.75);
		if (full && parts.at(-1)!.length > 0) {
			parts.push([]);
			used = 0;
		}
		parts.at(-1)!.push(block);
		used += cost;
	}
	return parts.map((part) => `${part.join('\n\n')}\n`);
}

/** Heading anchors as the site (and GitHub) makes them, in document order. */
function anchors(markdown: string, slugger: GithubSlugger): string[] {
	return blocks(markdown)
		.filter((block) => /^#{1,6} /.test(block))
		.map((block) =>
			slugger.slug(
				block
					.replace(/^#{1,6} /, '')
					.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
					.replace(/[`*_]/g, '')
					.trim()
			)
		);
}

function partPath(dir: string, id: string, part: number): string {
	return `references/${dir}/${id}${part > 1 ? `.${part}` : ''}.md`;
}

/** Links the site would send elsewhere: to the bundle's own file when the page is in it, relative to `from`. */
function bundleRelative(markdown: string, from: string, siteRoot: string, files: Map<string, { paths: string[]; anchors: Map<string, string> }>): string {
	const relative = (to: string) => {
		const rel = posix.relative(posix.dirname(from), to.replace(/\/$/, '')) || posix.basename(to);
		return to.endsWith('/') ? `${rel}/` : rel;
	};
	const escaped = siteRoot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return markdown
		.replace(/\]\(bundle:([^)\s]+)\)/g, (_, to: string) => `](${relative(to)})`)
		.replace(new RegExp(`\\]\\(${escaped}([^)\\s#]*?)/?(#[^)\\s]*)?\\)`, 'g'), (whole, slug: string, hash: string | undefined) => {
			const target = files.get(slug);
			if (!target) return whole;
			const anchor = hash?.slice(1);
			const file = (anchor && target.anchors.get(anchor)) || target.paths[0]!;
			return `](${file === from ? '' : relative(file)}${hash ?? ''})`;
		});
}

/** The rates a recommended service needs, or the plain statement that the skill has none. */
function ratesNote(ctx: ExportContext, service: Service, page: DocsPage, markdown: string): string {
	if (ctx.book[service.id]) return page.body.includes(`<CostTable service="${service.id}"`) ? '' : costTable(ctx, service.id, `references for ${service.id}`);
	const pricing = /\((https:\/\/aws\.amazon\.com\/[^)\s]*pricing[^)\s]*)\)/.exec(markdown)?.[1] ?? 'https://aws.amazon.com/pricing/';
	return `**Rates:** no rate for ${service.name} is in this skill's price list, so do not quote one from memory: read the current rates on [its pricing page](${pricing}).`;
}

/**
 * Every reference file: one per service, guide, pattern, pillar and IaC page, split into parts where
 * long; and `relink`, which points a text's links at the bundle's files as the references' are.
 */
export function skillReferences(ctx: ExportContext): { references: Reference[]; relink: (markdown: string, from: string) => string } {
	const siteRoot = absoluteUrl('/', ctx.site, ctx.base);
	const recommended = recommendedServices(ctx);
	const drafts = ctx.pages.flatMap((page) => {
		const target = referenceOf(page);
		if (!target) return [];
		let markdown = pageMarkdown(page, ctx);
		const service = page.frontmatter.service as Service | undefined;
		if (service && recommended.has(service.id)) {
			const note = ratesNote(ctx, service, page, markdown);
			if (note) markdown = `${markdown.trimEnd()}\n\n${note}\n`;
		}
		const parts = splitMarkdown(markdown, referenceLimitBytes);
		return [{ page, ...target, parts }];
	});
	const files = new Map<string, { paths: string[]; anchors: Map<string, string> }>();
	for (const draft of drafts) {
		const slugger = new GithubSlugger();
		const paths = draft.parts.map((_, i) => partPath(draft.dir, draft.id, i + 1));
		const found = new Map<string, string>();
		draft.parts.forEach((part, i) => anchors(part, slugger).forEach((anchor) => found.set(anchor, paths[i]!)));
		files.set(draft.page.slug, { paths, anchors: found });
	}
	const relink = (markdown: string, from: string) => bundleRelative(markdown, from, siteRoot, files);
	const references = drafts.flatMap((draft) => {
		const { paths } = files.get(draft.page.slug)!;
		const purpose = `${draft.page.title}: ${oneLine(draft.page.description)}`;
		return draft.parts.map((part, i) => {
			const path = paths[i]!;
			const n = draft.parts.length;
			const nav = (k: number) => `[part ${k}](${posix.basename(paths[k - 1]!)})`;
			const head = i === 0 ? '' : `# ${draft.page.title} (part ${i + 1} of ${n})\n\nContinued from ${nav(i)}.\n\n`;
			const tail = i < n - 1 ? `\nContinued in ${nav(i + 2)} of ${n}.\n` : '';
			const text = relink(`${head}${part}${tail}`, path);
			return { path, slug: draft.page.slug, title: draft.page.title, purpose, dir: draft.dir, part: i + 1, parts: n, text };
		});
	});
	return { references, relink };
}

/** The services a decision guide recommends: its quick-reference picks and its leaves. */
export function recommendedServices(ctx: ExportContext): Set<string> {
	const ids = new Set<string>();
	for (const { data } of ctx.content.decisions) {
		for (const row of data.quickReference) ids.add(row.first).add(row.alternative);
		for (const node of Object.values(data.nodes)) if (node.kind === 'leaf' && node.service) ids.add(node.service);
	}
	return new Set([...ids].filter((id) => ctx.services.has(id)));
}

/** The services readers ask about that no page names, from content/skill/coverage.yaml. */
export function notCovered(ctx: ExportContext): string[] {
	const { services } = CoverageSchema.parse(parseYaml(readFileSync(join(ctx.root, 'content', 'skill', 'coverage.yaml'), 'utf8')));
	const key = (name: string) => name.toLowerCase().replace(/^(amazon|aws) /, '').replace(/[^a-z0-9]/g, '');
	const named = new Set([...ctx.services.values()].flatMap((s) => [s.name, ...s.aliases]).map(key));
	return services.filter((name) => !named.has(key(name)));
}

const CoverageSchema = z.object({ services: z.array(z.string().min(1)).min(1) }).strict();

/**
 * The indexes: references/README.md (each folder, and what the skill does not cover) and a README.md
 * per folder listing every file with its one-line purpose. Part 1 of a split page links its parts.
 */
export function referenceIndexes(references: Reference[], uncovered: string[]): Map<string, string> {
	const indexes = new Map<string, string>();
	const top = [
		'# References',
		'',
		`One file per page of the site, as Markdown, each at most ${referenceLimitBytes / 1024} KB; a longer page is split into parts (\`name.2.md\`, ...), each linking to the next. Open only the files a request needs. Links between pages lead to the files here. Each folder's README.md lists its files with their purpose.`,
		'',
	];
	for (const { dir, label, use } of Object.values(referenceDirs)) {
		const firsts = references.filter((r) => r.dir === dir && r.part === 1);
		if (firsts.length === 0) continue;
		top.push(`- [${dir}/](${dir}/README.md): ${label}, ${firsts.length} ${firsts.length === 1 ? 'page' : 'pages'}. Each: ${use}.`);
		indexes.set(
			`references/${dir}/README.md`,
			[`# ${label}`, '', `Each file: ${use}.`, '', ...firsts.map((ref) => `- [${posix.basename(ref.path)}](${posix.basename(ref.path)})${ref.parts > 1 ? ` (${ref.parts} parts)` : ''}: ${ref.purpose}`), ''].join('\n')
		);
	}
	top.push('', '## Not covered', '', notCoveredText(uncovered), '');
	indexes.set('references/README.md', top.join('\n'));
	return indexes;
}

function notCoveredText(uncovered: string[]): string {
	return `This skill has no page for ${uncovered.join(', ')}. For these, say that this skill does not cover them and use AWS's documentation. It gives no live prices, no rates outside us-east-1 and no advice on a particular account's bill.`;
}

function quickRules(tree: DecisionTree, ctx: ExportContext): string {
	const name = (id: string) => ctx.services.get(id)?.name ?? id;
	return tree.quickReference.map((row) => `${oneLine(row.workload)}: ${row.firstLabel ?? name(row.first)}`).join('; ');
}

/** What the examples actually pin, read from their files, so the rules never drift from the code. */
export function examplePins(ctx: ExportContext): { runtimes: string[]; cdkLib: string[]; terraform: string[]; awsProvider: string[] } {
	const runtimes = new Set<string>();
	const cdkLib = new Set<string>();
	const terraform = new Set<string>();
	const awsProvider = new Set<string>();
	const root = join(ctx.root, 'content', 'patterns');
	for (const { id } of ctx.content.patterns) {
		for (const variant of iacVariants) {
			for (const file of patternFiles(id, variant, root)) {
				if (/\.(ya?ml|tf)$/.test(file.name)) {
					for (const match of file.text.matchAll(/\b(nodejs\d+\.x|python3\.\d+|java\d+|dotnet\d+|ruby\d\.\d+|provided\.al2023)\b/g)) runtimes.add(match[1]!);
				}
				if (file.name === 'package.json') {
					const version = (JSON.parse(file.text) as { dependencies?: Record<string, string> }).dependencies?.['aws-cdk-lib'];
					if (version) cdkLib.add(version);
				}
				if (file.name.endsWith('.tf')) {
					const required = /required_version\s*=\s*"([^"]+)"/.exec(file.text)?.[1];
					if (required) terraform.add(required);
					const provider = /aws\s*=\s*\{[^}]*source\s*=\s*"hashicorp\/aws"[^}]*version\s*=\s*"([^"]+)"/.exec(file.text)?.[1];
					if (provider) awsProvider.add(provider);
				}
			}
		}
	}
	const sorted = (set: Set<string>) => [...set].sort();
	return { runtimes: sorted(runtimes), cdkLib: sorted(cdkLib), terraform: sorted(terraform), awsProvider: sorted(awsProvider) };
}

const code = (values: string[]) => values.map((value) => `\`${value}\``).join(', ');

/** SKILL.md: frontmatter, how to work, a rule per guide, the patterns, where the references are, and the rules. */
export function skillMarkdown(ctx: ExportContext, references: Reference[]): string {
	const site = absoluteUrl('/', ctx.site, ctx.base);
	const patterns = [...ctx.content.patterns].sort((a, b) => a.data.title.localeCompare(b.data.title));
	// The patterns by the job they do, not by title: the description stays within its 1,024 characters
	// however many patterns the site has, and SKILL.md's index names each one.
	const jobs = patternCategories.filter((category) => patterns.some((p) => p.data.category === category)).map((category) => patternCategoryLabels[category].toLowerCase());
	const description = `Choose AWS services and write AWS infrastructure code from proven CDK, Terraform and CloudFormation examples. Use when designing or reviewing an AWS architecture, choosing between AWS compute, database, storage or messaging services, estimating AWS costs from dated prices, or when asked to build from one of its ${patterns.length} patterns: ${jobs.join('; ')}.`;
	const dates = ctx.pages.map((page) => page.lastVerified).filter((date): date is string => Boolean(date)).sort();
	const pins = examplePins(ctx);
	const fileOf = (slug: string) => references.find((r) => r.slug === slug && r.part === 1)?.path;
	const lines: string[] = [
		'---',
		`name: ${skillName}`,
		`description: ${JSON.stringify(description)}`,
		'---',
		'',
		'# AWS Patterns',
		'',
		`Use this skill to choose AWS services for a workload and to write its infrastructure as code. It is generated from ${site} (pages last verified ${dates[0]}${dates.at(-1) !== dates[0] ? ` to ${dates.at(-1)}` : ''}): prices carry their unit, Region, source and check date, and every example is a complete project that the site's test suite type-checks, synthesises, validates and checks with cdk-nag.`,
		'',
		'## How to work',
		'',
		'1. Pin down the workload: how requests arrive, how long work runs, the data model and access pattern, who operates it.',
		'2. Find it in the guides below; open the guide\'s file for its whole tree when the first pick is not clear. Then open the chosen service\'s file, `references/services/<id>.md`, for the limits that could rule it out and for its rates.',
		'3. Start the code from the closest example: its reference, `references/patterns/<id>.md`, says what it deploys, what it costs and what to change before production; copy a whole variant folder from `examples/<id>/` (and its `src/` when it has one), not fragments.',
		'4. Apply the rules at the end of this file before you hand code over.',
		`5. Quote prices only from the references, with their check date and source. [references/README.md](references/README.md) lists every file with its purpose, and what the skill does not cover; for anything newer, ${absoluteUrl('/llms.txt', ctx.site, ctx.base)} lists every page.`,
		'',
		'## Choose services',
		'',
		"Each guide: its first question, then common workloads with where to start; the guide's file gives the alternative, the reasons and the whole tree. A starting point, not a verdict: check the service's limits.",
		'',
	];
	for (const entry of ctx.content.decisions) {
		const path = fileOf(`decisions/${entry.id}`);
		const title = ctx.pages.find((p) => p.slug === `decisions/${entry.id}`)?.title ?? entry.data.title;
		const start = entry.data.nodes[entry.data.start];
		const question = start?.kind === 'question' ? ` First question: ${oneLine(start.text)}` : '';
		lines.push(`- **${path ? `[${title}](${path})` : title}.**${question} ${quickRules(entry.data, ctx)}.`);
	}
	const serviceFiles = references.filter((r) => r.dir === 'services' && r.part === 1).map((r) => posix.basename(r.path, '.md'));
	lines.push('', `Services, one file each as \`references/services/<id>.md\` ([index](references/services/README.md)): ${serviceFiles.join(', ')}.`);
	lines.push(
		'',
		'## Examples',
		'',
		"Each folder holds the same architecture in CDK, Terraform and CloudFormation, and a `PATTERN.md` with its idle and at-load cost and what to change before production; its reference is `references/patterns/<id>.md` ([index](references/patterns/README.md)).",
		''
	);
	for (const entry of patterns) {
		if (!fileOf(`patterns/${entry.id}`)) throw new Error(`The pattern ${entry.id} has no reference in the skill.`);
		const services = entry.data.services.map((id) => ctx.services.get(id)?.name ?? id);
		lines.push(`- [examples/${entry.id}/](examples/${entry.id}/): ${entry.data.title}. ${services.join(', ')}.`);
	}
	const scripts = companionScripts(join(ctx.root, 'tools', 'scripts'));
	lines.push('', '## Scripts', '', 'Read-only Bash scripts for an existing account; each prints its options with `--help`.', '');
	for (const script of scripts) lines.push(`- [scripts/${script.name}](scripts/${script.name}): ${script.purpose}`);
	lines.push(
		'',
		'## Rules',
		'',
		`- **Current runtimes only.** The examples' Lambda functions run on ${code(pins.runtimes)}. Pick a runtime, engine version or Kubernetes version that AWS still supports, and check its deprecation date ([Lambda runtimes](https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html)) before you start; never copy a runtime from an old example.`,
		`- **Pin versions.** The examples pin aws-cdk-lib ${code(pins.cdkLib)} exactly, Terraform ${code(pins.terraform)} and the AWS provider ${code(pins.awsProvider)}. Keep one major provider version per project.`,
		'- **Encrypt at rest.** Turn on encryption for every data store: S3 buckets, DynamoDB tables, Aurora and RDS storage, EBS volumes, queues, topics and logs. Use a customer managed KMS key when you must control, audit or revoke access through the key.',
		'- **Encrypt in transit.** Accept TLS only: deny requests to buckets without `aws:SecureTransport`, redirect viewers to HTTPS in CloudFront, use HTTPS listeners and TLS to databases.',
		'- **Least privilege.** One role per function or task. Grant only the actions it calls on the resources it touches: CDK `grant*` methods, Terraform and CloudFormation policies scoped to one ARN. A wildcard resource needs a reason, written where it is granted.',
		"- **Explain every exception.** Run the cdk-nag AwsSolutions rules on CDK apps and templates. Acknowledge a finding only with its reason, in code, as the examples do; each pattern's reference lists its exceptions.",
		'- **Private by default.** Databases and internal services in private or isolated subnets; security groups that admit other security groups, not address ranges; S3 Block Public Access on; CloudFront reaches buckets through origin access control.',
		'- **Nothing fixed to one account.** No account IDs, profiles, fixed Regions or fixed physical names in code; the Region is an input and Availability Zones are looked up. Secrets live in Secrets Manager (RDS can manage the master password), never in code or plain parameters.',
		'- **Observe and clean up.** Give log groups a retention period, alarm on errors and throttles, tag every resource, and tell the user how to remove everything: each example README has a clean-up section.',
		"- **Prices from data.** Never state a price from memory. Use the rates in the references with their unit, Region, source and check date, and say that the figures are estimates. Where a service's reference says it has no rate, send the user to the pricing page it links.",
		'',
		'## Not covered',
		'',
		notCoveredText(notCovered(ctx))
	);
	return `${lines.join('\n')}\n`;
}

/** examples/<id>/PATTERN.md: what the example costs idle and at its worked load, and what to change before production. */
function exampleNotes(ctx: ExportContext, id: string, reference: string | undefined): string {
	const entry = ctx.content.patterns.find((p) => p.id === id)!;
	const model = (patternCosts as Record<string, CostModel>)[id];
	const lines = [`# ${entry.data.title}`, '', oneLine(entry.data.summary), ''];
	if (model) {
		const example = model.example(sizingOf(id as PatternExampleId, ctx.root));
		const options = example.compute(ctx.book);
		const idle = options.find((o) => o.label === idleLabel);
		const atLoad = options.find((o) => o.atLoad);
		lines.push(
			'## Cost',
			'',
			`${idle ? `${idle.label}: ${formatTotal(idle.estimate.total)} a month. ` : ''}${atLoad ? `${atLoad.label}: ${formatTotal(atLoad.estimate.total)} a month. ` : ''}us-east-1 on-demand rates; the reference${reference ? ` ([${posix.basename(reference)}](bundle:${reference}))` : ''} gives every line item, the assumptions and the inputs to price another load.`,
			''
		);
	}
	lines.push('## Before production', '', ...entry.data.beforeProduction.map(({ change, why }) => `- [ ] **${oneLine(change).replace(/\.?$/, '.')}** ${oneLine(why)}`), '');
	return lines.join('\n');
}

/** Every file of the skill, sorted by path: SKILL.md, references, examples (byte for byte, each with its notes) and scripts. */
export function skillFiles(options: ExportOptions): SkillFile[] {
	const ctx = bundleContext(options);
	const { references, relink } = skillReferences(ctx);
	const files: SkillFile[] = [
		{ path: 'SKILL.md', data: strToU8(skillMarkdown(ctx, references)), mode: 0o644 },
		...[...referenceIndexes(references, notCovered(ctx))].map(([path, text]) => ({ path, data: strToU8(text), mode: 0o644 })),
		...references.map((ref) => ({ path: ref.path, data: strToU8(ref.text), mode: 0o644 })),
	];
	for (const [kind, prefix] of [
		['patterns', 'examples/'],
		['snippets', 'examples/snippets/'],
	] as const) {
		const root = join(ctx.root, 'content', kind);
		const ids = kind === 'patterns' ? ctx.content.patterns.map((p) => p.id) : ctx.content.snippets.map((s) => s.id);
		for (const id of ids) {
			for (const folder of [...iacVariants, ...sharedFolders(id, root)]) {
				if (!existsSync(join(root, id, folder))) continue;
				for (const file of patternFiles(id, folder, root)) {
					// The bytes on disk, not the decoded text, so the copy is exactly the file the tests proved.
					files.push({ path: `${prefix}${id}/${file.path}`, data: readFileSync(join(root, id, file.path)), mode: 0o644 });
				}
			}
			if (kind === 'patterns') {
				const reference = references.find((r) => r.slug === `patterns/${id}` && r.part === 1)?.path;
				const path = `${prefix}${id}/${exampleNotesFile}`;
				const notes = absolutizeLinks(exampleNotes(ctx, id, reference), ctx.site, ctx.base, `/patterns/${id}/`);
				files.push({ path, data: strToU8(relink(notes, path)), mode: 0o644 });
			}
		}
	}
	const scriptsDir = join(ctx.root, 'tools', 'scripts');
	for (const script of companionScripts(scriptsDir)) {
		files.push({ path: `scripts/${script.name}`, data: readFileSync(join(scriptsDir, script.name)), mode: 0o755 });
	}
	if (existsSync(join(scriptsDir, 'README.md'))) files.push({ path: 'scripts/README.md', data: readFileSync(join(scriptsDir, 'README.md')), mode: 0o644 });
	return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** The one file in an example folder that is not a proven file: its cost and before-production notes. */
export const exampleNotesFile = 'PATTERN.md';

/** The skill as a deterministic zip (fixed timestamps, sorted entries) of `aws-patterns/<path>`. */
export function skillZip(options: ExportOptions): Uint8Array {
	const mtime = new Date('2026-01-01T00:00:00Z');
	const entries: Zippable = Object.fromEntries(
		skillFiles(options).map((file): [string, Zippable[string]] => [`${skillName}/${file.path}`, [file.data, { mtime, os: 3, attrs: file.mode << 16 }]])
	);
	return zipSync(entries, { level: 9 });
}

