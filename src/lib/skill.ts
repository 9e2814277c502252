/**
 * The agent skill: `aws-patterns/SKILL.md` (decision rules, an index and the rules to follow),
 * `references/*.md` (the site's pages as Markdown, grouped the way an agent looks things up) and
 * `examples/<pattern>/` (each pattern's proven IaC folders, byte for byte), plus the companion
 * scripts. Built from the same content as the site at build time and served as one zip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import {
	absoluteUrl,
	createExportContext,
	pageMarkdown,
	type DocsPage,
	type ExportContext,
	type ExportOptions,
	type IacLinks,
} from './markdown-export.ts';
import { iacVariants, patternFiles, sharedFolders } from './patterns.ts';
import { patternCategories, patternCategoryLabels } from '../schemas/pattern.ts';
import { companionScripts } from './scripts.ts';
import { categoryLabel } from './sidebar.ts';
import type { DecisionTree } from '../schemas/decision.ts';
import { serviceCategories, type Service } from '../schemas/service.ts';

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

/** One reference file per service category, named the way the seed's skill plan names them. */
export const categoryReferences: Record<Service['category'], string> = {
	compute: 'compute-services.md',
	storage: 'storage-services.md',
	database: 'database-services.md',
	networking: 'networking.md',
	integration: 'messaging.md',
	security: 'security.md',
	observability: 'observability.md',
	analytics: 'analytics.md',
	ml: 'machine-learning.md',
	devtools: 'developer-tools.md',
	cost: 'cost-management.md',
	migration: 'migration.md',
};

/** The other reference files: a docs section each. */
export const sectionReferences = [
	{ section: 'decisions', file: 'decision-guides.md', title: 'Decision guides', use: 'the full decision guides: terms, criteria, comparison tables and worked cost examples behind the rules in SKILL.md' },
	{ section: 'patterns', file: 'patterns.md', title: 'Patterns', use: 'each pattern: when to use it and when not, deploy, test and clean-up commands, the cost estimate, security notes and every accepted cdk-nag exception with its reason' },
	{ section: 'well-architected', file: 'well-architected.md', title: 'Well-Architected', use: 'the Well-Architected pillars, their practices tied to services and patterns, and proven IaC snippets for single practices' },
	{ section: 'iac', file: 'infrastructure-as-code.md', title: 'Infrastructure as code', use: 'choosing between CDK, Terraform and CloudFormation, installing them, their everyday commands, state and the versions the examples pin' },
] as const;

/** In the bundle, pattern files are next to the references: link there instead of to the site. */
const bundleLinks = (site: ExportContext['links']): IacLinks => ({
	file: (kind, pattern, file) => (kind === 'patterns' ? `../examples/${pattern}/${file.path}` : site.file(kind, pattern, file)),
	variant: (kind, pattern, variant) =>
		kind === 'patterns'
			? { href: `../examples/${pattern}/${variant}/`, text: `examples/${pattern}/${variant}/ in this skill` }
			: site.variant(kind, pattern, variant),
});

function bundleContext(options: ExportOptions): ExportContext {
	const ctx = createExportContext(options);
	return { ...ctx, links: bundleLinks(ctx.links) };
}

/** A page's Markdown one heading level down, so several pages fit under one title. */
function demote(markdown: string): string {
	let fence: string | undefined;
	return markdown
		.split('\n')
		.map((line) => {
			const marker = /^[ \t]*(`{3,}|~{3,})/.exec(line)?.[1];
			if (fence === undefined && marker) fence = marker;
			else if (fence !== undefined && marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
			else if (fence === undefined && /^#{1,5} /.test(line)) return `#${line}`;
			return line;
		})
		.join('\n');
}

function referenceFile(title: string, intro: string, pages: DocsPage[], ctx: ExportContext): string {
	return `# ${title}\n\n${intro}\n\n${pages.map((page) => demote(pageMarkdown(page, ctx))).join('\n')}`;
}

function servicePages(ctx: ExportContext, category: Service['category']): DocsPage[] {
	return ctx.pages
		.filter((page) => (page.frontmatter.service as Service | undefined)?.category === category)
		.sort((a, b) => a.title.localeCompare(b.title));
}

/** Every references/ file, by path. */
export function skillReferences(ctx: ExportContext): Map<string, string> {
	const files = new Map<string, string>();
	for (const category of serviceCategories) {
		const pages = servicePages(ctx, category);
		if (pages.length === 0) continue;
		files.set(
			`references/${categoryReferences[category]}`,
			referenceFile(
				`${categoryLabel(category)} services`,
				'Each service: what it is, when to use it and when to avoid it (with the alternative), its cost model with dated prices, the limits that shape designs, key features with dates, and sources.',
				pages,
				ctx
			)
		);
	}
	for (const reference of sectionReferences) {
		const pages = ctx.pages.filter((page) => page.section === reference.section);
		if (pages.length > 0) files.set(`references/${reference.file}`, referenceFile(reference.title, `This file holds ${reference.use}.`, pages, ctx));
	}
	return files;
}

function quickRules(tree: DecisionTree, ctx: ExportContext): string[] {
	const name = (id: string) => ctx.services.get(id)?.name ?? id;
	return tree.quickReference.map(
		(row) => `- ${row.workload}: start with **${row.firstLabel ?? name(row.first)}**; alternative ${row.alternativeLabel ?? name(row.alternative)}. ${row.why}`
	);
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

/** SKILL.md: frontmatter, how to work, decision rules, the index of references/examples/scripts, and the rules. */
export function skillMarkdown(ctx: ExportContext, references: Map<string, string>): string {
	const site = absoluteUrl('/', ctx.site, ctx.base);
	const patterns = [...ctx.content.patterns].sort((a, b) => a.data.title.localeCompare(b.data.title));
	// The patterns by the job they do, not by title: the description stays within its 1,024 characters
	// however many patterns the site has, and SKILL.md's index names each one.
	const jobs = patternCategories.filter((category) => patterns.some((p) => p.data.category === category)).map((category) => patternCategoryLabels[category].toLowerCase());
	const description = `Choose AWS services and write AWS infrastructure code from proven CDK, Terraform and CloudFormation examples. Use when designing or reviewing an AWS architecture, choosing between AWS compute, database, storage or messaging services, estimating AWS costs from dated prices, or when asked to build from one of its ${patterns.length} patterns: ${jobs.join('; ')}.`;
	const dates = ctx.pages.map((page) => page.lastVerified).filter((date): date is string => Boolean(date)).sort();
	const pins = examplePins(ctx);
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
		'2. Find the workload in the decision rules below, or walk its guide\'s tree in `references/decision-guides.md`, to a starting service. Then read that service in `references/` for the limits that could rule it out and for its prices.',
		'3. Start the code from the closest example in `examples/`. Copy a whole variant folder (and the pattern\'s `src/` when it has one), not fragments: each folder deploys as it is.',
		'4. Apply the rules at the end of this file before you hand code over.',
		`5. Quote prices with their check date and source, from the references only. For anything newer, fetch the page: every reference section starts with its URL, and ${absoluteUrl('/llms.txt', ctx.site, ctx.base)} lists every page as Markdown.`,
		'',
		'## Choose services',
		'',
		'Each guide gives a starting point, not a verdict: judge each workload on its own and check the limits on the service\'s reference entry.',
	];
	for (const entry of ctx.content.decisions) {
		const page = ctx.pages.find((p) => p.slug === `decisions/${entry.id}`);
		lines.push(
			'',
			`### ${page?.title ?? entry.data.title}`,
			'',
			entry.data.summary.replace(/\s+/g, ' ').trim(),
			'',
			'Common workloads:',
			'',
			...quickRules(entry.data, ctx)
		);
	}
	lines.push('', `Each guide's tree, question by question, with its criteria and comparison tables: [references/decision-guides.md](references/decision-guides.md).`, '', '## References', '');
	for (const category of serviceCategories) {
		const path = `references/${categoryReferences[category]}`;
		if (!references.has(path)) continue;
		const names = servicePages(ctx, category).map((page) => (page.frontmatter.service as Service).name);
		lines.push(`- [${path}](${path}): ${categoryLabel(category)}: ${names.join(', ')}. Use when, avoid when, dated prices, limits, features.`);
	}
	for (const reference of sectionReferences) {
		const path = `references/${reference.file}`;
		if (references.has(path)) lines.push(`- [${path}](${path}): ${reference.use}.`);
	}
	lines.push('', '## Examples', '', 'Each folder holds the same architecture three times, one folder per tool; each variant\'s README.md says what it creates and gives its prerequisites, deploy, test and clean-up commands, cost and security notes.', '');
	for (const entry of patterns) {
		const dir = `examples/${entry.id}/`;
		const folders = [...iacVariants, ...sharedFolders(entry.id, join(ctx.root, 'content', 'patterns'))].filter((folder) => existsSync(join(ctx.root, 'content', 'patterns', entry.id, folder)));
		const services = entry.data.services.map((id) => ctx.services.get(id)?.name ?? id);
		lines.push(
			`- [${dir}](${dir}): ${entry.data.title}. ${services.join(', ')}. Folders: ${folders.map((folder) => `\`${dir}${folder}/\``).join(', ')}.`
		);
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
		'- **Encrypt at rest.** Turn on encryption for every data store: S3 buckets, DynamoDB tables, Aurora and RDS storage, EBS volumes, queues, topics and logs. Use a customer managed KMS key when you must control, audit or revoke access through the key (the security snippets in `references/well-architected.md` show how).',
		'- **Encrypt in transit.** Accept TLS only: deny requests to buckets without `aws:SecureTransport`, redirect viewers to HTTPS in CloudFront, use HTTPS listeners and TLS to databases.',
		'- **Least privilege.** One role per function or task. Grant only the actions it calls on the resources it touches: CDK `grant*` methods, Terraform and CloudFormation policies scoped to one ARN. A wildcard resource needs a reason, written where it is granted.',
		'- **Explain every exception.** Run the cdk-nag AwsSolutions rules on CDK apps and templates. Acknowledge a finding only with its reason, in code, as the examples do; each pattern lists its exceptions in `references/patterns.md`.',
		'- **Private by default.** Databases and internal services in private or isolated subnets; security groups that admit other security groups, not address ranges; S3 Block Public Access on; CloudFront reaches buckets through origin access control.',
		'- **Nothing fixed to one account.** No account IDs, profiles, fixed Regions or fixed physical names in code; the Region is an input and Availability Zones are looked up. Secrets live in Secrets Manager (RDS can manage the master password), never in code or plain parameters.',
		'- **Observe and clean up.** Give log groups a retention period, alarm on errors and throttles, tag every resource, and tell the user how to remove everything: each example README has a clean-up section.',
		'- **Prices from data.** Never state a price from memory. Use the tables in `references/` with their unit, Region, source and check date, and say that the figures are estimates.'
	);
	return `${lines.join('\n')}\n`;
}

/** Every file of the skill, sorted by path: SKILL.md, references, examples (byte for byte) and scripts. */
export function skillFiles(options: ExportOptions): SkillFile[] {
	const ctx = bundleContext(options);
	const references = skillReferences(ctx);
	const files: SkillFile[] = [
		{ path: 'SKILL.md', data: strToU8(skillMarkdown(ctx, references)), mode: 0o644 },
		...[...references].map(([path, text]) => ({ path, data: strToU8(text), mode: 0o644 })),
	];
	const patternsRoot = join(ctx.root, 'content', 'patterns');
	for (const { id } of ctx.content.patterns) {
		for (const folder of [...iacVariants, ...sharedFolders(id, patternsRoot)]) {
			if (!existsSync(join(patternsRoot, id, folder))) continue;
			for (const file of patternFiles(id, folder, patternsRoot)) {
				// The bytes on disk, not the decoded text, so the copy is exactly the file the tests proved.
				files.push({ path: `examples/${id}/${file.path}`, data: readFileSync(join(patternsRoot, id, file.path)), mode: 0o644 });
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

/** The skill as a deterministic zip (fixed timestamps, sorted entries) of `aws-patterns/<path>`. */
export function skillZip(options: ExportOptions): Uint8Array {
	const mtime = new Date('2026-01-01T00:00:00Z');
	const entries: Zippable = Object.fromEntries(
		skillFiles(options).map((file): [string, Zippable[string]] => [`${skillName}/${file.path}`, [file.data, { mtime, os: 3, attrs: file.mode << 16 }]])
	);
	return zipSync(entries, { level: 9 });
}

