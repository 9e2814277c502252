/**
 * The site as Markdown, for readers that are programs: one `.md` file per docs page, `llms.txt`
 * (an index in the llmstxt.org format) and `llms-full.txt` (every page in one file). Pages are read
 * from src/content/docs and their components are replaced by Markdown computed from the same data
 * the components render (content/pricing, content/decisions, content/patterns ...). A component
 * without a renderer here makes the export throw, so nothing a page shows can silently go missing.
 * Pure Node: the Astro endpoints in src/pages call it, and so do the unit tests.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadContent, type LoadedContent } from './content.ts';
import { HOURS_PER_MONTH, type PriceBook } from './costs.ts';
import { groupGuides, leafTarget, leavesOf, outlineParts, recommends, treeToMermaid } from './decision-tree.ts';
import { sizingOf, storageMonth, workedExamples, type WorkedExampleId } from './examples.ts';
import { patternCosts, type CostModel, type Option, type PatternExampleId } from './pattern-costs.ts';
import { atLoadPrices, compareAt, comparisonText, costComparisons, type CostComparison } from './cost-comparisons.ts';
import { dedent, lineAt, scanMdx, type JsxElement, type Literal } from './mdx-scan.ts';
import { absoluteUrl, markdownPath, pagePath } from './export-paths.ts';
import { iacVariants, patternFiles, variantLabels, type IacKind, type PatternFile } from './patterns.ts';
import { findPrice, formatFreeTier, formatPer, formatQuantity, formatTotal, formatUsd, isoDate, oldestCheck, pluralUnit } from './pricing.ts';
import { readScript } from './scripts.ts';
import { categoryLabel } from './sidebar.ts';
import type { DecisionTree } from '../schemas/decision.ts';
import type { Acknowledgement, IacVariant } from '../schemas/pattern.ts';
import { serviceCategories, type Service } from '../schemas/service.ts';
import { parseToolVersions } from '../schemas/versions.ts';

export { absoluteUrl, defaultSite, markdownPath, pagePath } from './export-paths.ts';

/** The sidebar's top-level groups, in order: each docs folder and the heading it gets in llms.txt. */
export const sections = [
	{ dir: 'services', label: 'Services' },
	{ dir: 'decisions', label: 'Decision guides' },
	{ dir: 'patterns', label: 'Patterns' },
	{ dir: 'well-architected', label: 'Well-Architected' },
	{ dir: 'iac', label: 'Infrastructure as code' },
	{ dir: 'tools', label: 'Tools' },
] as const;

export interface DocsPage {
	/** Docs slug: "services/lambda", "patterns", "" for the home page. */
	slug: string;
	/** Path of the source file, relative to the project root. */
	file: string;
	/** First folder of the slug ("services"), "" for the home page. */
	section: string;
	title: string;
	description: string;
	lastVerified: string | undefined;
	frontmatter: Record<string, unknown>;
	/** The MDX after the frontmatter. */
	body: string;
	/** Line of the file where `body` starts, for error messages. */
	bodyLine: number;
}

export interface ServiceInfo extends Service {
	href: string;
	title: string;
	description: string;
}

/** How file lists of patterns and snippets link: to the site's downloads, or to files next to the text. */
export interface IacLinks {
	file(kind: IacKind, pattern: string, file: PatternFile): string;
	/** The variant as a whole: its zip on the site, or its folder in a bundle. */
	variant(kind: IacKind, pattern: string, variant: IacVariant): { href: string; text: string };
	/** False where the files sit next to the text (a bundle): a page's quoted files become links, never copies. */
	quote?: boolean;
}

export const downloadLinks: IacLinks = {
	file: (kind, pattern, file) => `/downloads/${kind}/${pattern}/${file.path}`,
	variant: (kind, pattern, variant) => ({
		href: `/downloads/${kind}/${pattern}/${variant}.zip`,
		text: `download the ${variantLabels[variant]} variant as a zip`,
	}),
};

export interface ExportOptions {
	/** Where the site is published, for example "https://aws-patterns.dev" (Astro's `site`). */
	site: string;
	/** Astro's base path ("/" or "/docs/"); root-relative links get it as a prefix. */
	base: string;
	/** Project root holding content/ and src/content/docs/. */
	root?: string;
	links?: IacLinks;
}

export interface ExportContext extends Required<ExportOptions> {
	pages: DocsPage[];
	content: LoadedContent;
	book: PriceBook;
	services: Map<string, ServiceInfo>;
}

export class MarkdownExportError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MarkdownExportError';
	}
}

// ---------------------------------------------------------------------------------------------
// Pages and URLs

const frontmatterPattern = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

function listFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((name) => /\.mdx?$/.test(name) && statSync(join(dir, name)).isFile())
		.sort();
}

function dateString(value: unknown): string | undefined {
	if (value instanceof Date) return isoDate(value);
	return typeof value === 'string' ? value : undefined;
}

function sectionIndex(section: string): number {
	if (section === '') return -1;
	const index = sections.findIndex((s) => s.dir === section);
	return index === -1 ? sections.length : index;
}

/** Every docs page, in the order of the sidebar: home, then each section's overview and pages. */
export function listDocsPages(root = process.cwd()): DocsPage[] {
	const docs = join(root, 'src', 'content', 'docs');
	const pages = listFiles(docs).map((name): DocsPage => {
		const file = join(docs, name);
		const text = readFileSync(file, 'utf8');
		const match = frontmatterPattern.exec(text);
		const frontmatter = (match ? parseYaml(match[1]!) : {}) as Record<string, unknown>;
		const slug = name.replace(/\.mdx?$/, '').replace(/(^|\/)index$/, '');
		const rel = relative(root, file);
		if (typeof frontmatter.title !== 'string') throw new MarkdownExportError(`${rel}: frontmatter has no title`);
		return {
			slug,
			file: rel,
			section: name.includes('/') ? name.split('/')[0]! : slug,
			title: frontmatter.title,
			description: typeof frontmatter.description === 'string' ? frontmatter.description : '',
			lastVerified: dateString(frontmatter.lastVerified),
			frontmatter,
			body: match ? text.slice(match[0].length) : text,
			bodyLine: match ? lineAt(text, match[0].length) : 1,
		};
	});
	const order = (page: DocsPage) => {
		if (page.slug === page.section) return -Infinity;
		const service = page.frontmatter.service as Service | undefined;
		if (service) return serviceCategories.indexOf(service.category);
		const sidebar = page.frontmatter.sidebar as { order?: number } | undefined;
		return sidebar?.order ?? Infinity;
	};
	const compare = (x: number, y: number) => (x === y ? 0 : x < y ? -1 : 1);
	return pages.sort(
		(a, b) => compare(sectionIndex(a.section), sectionIndex(b.section)) || compare(order(a), order(b)) || a.title.localeCompare(b.title)
	);
}

// ---------------------------------------------------------------------------------------------
// Context

export function createExportContext(options: ExportOptions): ExportContext {
	const root = options.root ?? process.cwd();
	const content = loadContent({ content: join(root, 'content'), docs: join(root, 'src', 'content', 'docs') }, root);
	const pages = listDocsPages(root);
	const bySlug = new Map(pages.map((page) => [page.slug, page]));
	const services = new Map(
		content.services.map((entry): [string, ServiceInfo] => {
			const page = bySlug.get(entry.slug);
			return [
				entry.id,
				{ ...entry.data, href: pagePath(entry.slug), title: page?.title ?? entry.data.name, description: page?.description ?? '' },
			];
		})
	);
	return {
		site: options.site,
		base: options.base,
		root,
		links: options.links ?? downloadLinks,
		pages,
		content,
		book: Object.fromEntries(content.prices.map((entry) => [entry.data.service, entry.data])),
		services,
	};
}

// ---------------------------------------------------------------------------------------------
// Markdown helpers

function fence(code: string, lang = ''): string {
	const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
	const marks = '`'.repeat(longest + 1);
	return `${marks}${lang}\n${code.replace(/\n$/, '')}\n${marks}`;
}

function cell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function table(head: string[], rows: string[][]): string {
	return [`| ${head.map(cell).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join(
		'\n'
	);
}

function linkText(text: string): string {
	return text.replace(/([[\]])/g, '\\$1');
}

function link(text: string, href: string): string {
	return `[${linkText(text)}](${href})`;
}

export function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Component renderers

interface RenderInput {
	element: JsxElement;
	attrs: Record<string, Literal>;
	/** The children, already converted to Markdown (dedented and trimmed). */
	children: string;
	ctx: ExportContext;
	page: DocsPage;
	where: string;
}

type Renderer = (input: RenderInput) => string;

function stringAttr(input: RenderInput, name: string): string {
	const value = input.attrs[name];
	if (typeof value !== 'string' || value === '') {
		throw new MarkdownExportError(`${input.where}: <${input.element.name}> needs a string "${name}" attribute`);
	}
	return value;
}

function optionalString(input: RenderInput, name: string): string | undefined {
	const value = input.attrs[name];
	return typeof value === 'string' ? value : undefined;
}

function service(ctx: ExportContext, id: string, where: string): ServiceInfo {
	const found = ctx.services.get(id);
	if (!found) throw new MarkdownExportError(`${where}: no page has service.id "${id}"`);
	return found;
}

function tree(ctx: ExportContext, id: string, where: string): DecisionTree {
	const found = ctx.content.decisions.find((entry) => entry.id === id);
	if (!found) throw new MarkdownExportError(`${where}: content/decisions/${id}.yaml does not exist`);
	return found.data;
}

function pattern(ctx: ExportContext, id: string, where: string) {
	const found = ctx.content.patterns.find((entry) => entry.id === id);
	if (!found) throw new MarkdownExportError(`${where}: content/patterns/${id}/pattern.yaml does not exist`);
	return found.data;
}

function snippet(ctx: ExportContext, id: string, where: string) {
	const found = ctx.content.snippets.find((entry) => entry.id === id);
	if (!found) throw new MarkdownExportError(`${where}: content/snippets/${id}/snippet.yaml does not exist`);
	return found.data;
}

function diagram(title: string, description: string, mermaid: string): string {
	return `**${title}.** ${oneLine(description)}\n\n${fence(mermaid, 'mermaid')}`;
}

export function costTable(ctx: ExportContext, id: string, where: string, options: { only?: string[] | undefined; caption?: string | undefined; monthly?: boolean } = {}): string {
	const list = ctx.book[id];
	if (!list) throw new MarkdownExportError(`${where}: content/pricing/${id}.yaml does not exist`);
	const prices = options.only ? options.only.map((priceId) => findPrice(list, priceId)) : list.prices;
	const oldest = oldestCheck([...prices, ...list.freeTier]);
	const caption = options.caption ?? `Rates in ${prices[0]?.region}, checked ${oldest ? isoDate(oldest) : ''}`;
	const head = ['Item', 'Price (USD)', 'Unit', ...(options.monthly ? [`Per month (${HOURS_PER_MONTH} h, USD)`] : []), 'Region', 'Checked', 'Source'];
	const rows = prices.map((price) => [
		price.note ? `${price.item}: ${price.note}` : price.item,
		formatUsd(price.value),
		formatPer(price),
		...(options.monthly ? [/-hour$|^hour$/.test(price.unit) ? formatTotal((price.value / price.per) * HOURS_PER_MONTH) : '–'] : []),
		price.region,
		isoDate(price.checked),
		link('AWS pricing', price.source),
	]);
	const parts = [`${caption}:`, table(head, rows)];
	if (list.freeTier.length > 0) {
		parts.push(
			`Free tier: ${list.freeTier
				.map((tier) => `${tier.item}, ${formatFreeTier(tier)}${tier.note ? ` (${tier.note.replace(/\.$/, '')})` : ''} (${link('source', tier.source)}, checked ${isoDate(tier.checked)})`)
				.join('; ')}.`
		);
	}
	return parts.join('\n\n');
}

function iacFiles(ctx: ExportContext, kind: IacKind, id: string, where: string, files?: Partial<Record<IacVariant, string[]>>): string {
	const root = join(ctx.root, 'content', kind);
	return iacVariants
		.map((variant) => {
			const label = variantLabels[variant];
			// Dotfiles (.gitignore) come with the download; the list shows what a reader opens.
			const all = patternFiles(id, variant, root).filter((file) => !/(^|\/)\.[^/]+$/.test(file.name));
			const wanted = files?.[variant];
			if (wanted && ctx.links.quote === false) {
				return [`**${label}**`, ...wanted.map((name) => `- ${link(name, ctx.links.file(kind, id, all.find((f) => f.name === name) ?? missingFile(where, id, variant, name)))}`)].join('\n\n');
			}
			if (wanted) {
				// The page quotes these files on purpose, so the Markdown quotes them too.
				return [
					`**${label}**`,
					...wanted.map((name) => {
						const file = all.find((f) => f.name === name);
						if (!file) throw new MarkdownExportError(`${where}: <IacTabs pattern="${id}"> ${variant} has no file ${name}`);
						return `${link(file.name, ctx.links.file(kind, id, file))}:\n\n${fence(file.text, file.lang)}`;
					}),
				].join('\n\n');
			}
			const whole = ctx.links.variant(kind, id, variant);
			return `**${label}** (${link(whole.text, whole.href)}):\n\n${all.map((file) => `- ${link(file.name, ctx.links.file(kind, id, file))}`).join('\n')}`;
		})
		.join('\n\n');
}

function missingFile(where: string, id: string, variant: string, name: string): never {
	throw new MarkdownExportError(`${where}: <IacTabs pattern="${id}"> ${variant} has no file ${name}`);
}

function acknowledgements(list: Acknowledgement[]): string {
	if (list.length === 0) return 'The CDK app and the CloudFormation template pass every cdk-nag AwsSolutions rule with no exception.';
	return [
		'These cdk-nag AwsSolutions findings are acknowledged in the CDK code and in the tests of the CloudFormation template, each for the reason given. Every other rule passes.',
		table(
			['Rule', 'Resources', 'Reason'],
			list.map((ack) => [`\`${ack.rule}\``, ack.resources.map((id) => `\`${id}\``).join(', '), ack.reason])
		),
	].join('\n\n');
}

function outline(ctx: ExportContext, decision: DecisionTree, where: string): string {
	const leafText = (nodeId: string): string => {
		const node = decision.nodes[nodeId]!;
		if (node.kind !== 'leaf') throw new Error('not a leaf');
		const alternatives = node.alternatives.map((alt) => {
			const s = service(ctx, alt, where);
			return link(s.name, s.href);
		});
		const { href } = leafTarget(node, (id) => service(ctx, id, where), (path) => path);
		return `Choose ${link(node.label, href)}. ${oneLine(node.why)}${alternatives.length > 0 ? ` Also consider ${alternatives.join(', ')}.` : ''}`;
	};
	const parts = outlineParts(decision);
	const answers = (nodeId: string, depth: number): string[] => {
		const node = decision.nodes[nodeId]!;
		if (node.kind !== 'question') return [];
		const indent = '  '.repeat(depth);
		return node.answers.flatMap((answer) => {
			const next = decision.nodes[answer.next]!;
			if (next.kind === 'leaf') return [`${indent}- ${answer.label}: ${leafText(answer.next)}`];
			if (parts.includes(answer.next)) return [`${indent}- ${answer.label}: continue at "${next.text}"`];
			return [`${indent}- ${answer.label}: ${next.text}`, ...answers(answer.next, depth + 1)];
		});
	};
	return parts
		.map((nodeId) => {
			const node = decision.nodes[nodeId]!;
			return node.kind === 'leaf' ? leafText(nodeId) : `**${node.text}**\n\n${answers(nodeId, 0).join('\n')}`;
		})
		.join('\n\n');
}

function pageLink(ctx: ExportContext, page: DocsPage): string {
	return link(`${page.title} on ${new URL(ctx.site).host}`, pagePath(page.slug));
}

const renderers: Record<string, Renderer> = {
	// Starlight's components.
	Card: (input) => `**${stringAttr(input, 'title')}**\n\n${input.children}`,
	CardGrid: ({ children }) => children,
	LinkCard: (input) => {
		const description = optionalString(input, 'description');
		return `- ${link(stringAttr(input, 'title'), stringAttr(input, 'href'))}${description ? `: ${description}` : ''}`;
	},
	Tabs: ({ children }) => children,
	TabItem: (input) => `**${stringAttr(input, 'label')}**\n\n${input.children}`,
	Aside: (input) => {
		const type = optionalString(input, 'type') ?? 'note';
		const title = optionalString(input, 'title') ?? type[0]!.toUpperCase() + type.slice(1);
		return `**${title}:** ${input.children}`
			.split('\n')
			.map((line) => (line ? `> ${line}` : '>'))
			.join('\n');
	},
	Badge: (input) => `*${stringAttr(input, 'text')}*`,
	Steps: ({ children }) => children,
	// Raw HTML the pages use.
	a: (input) => link(input.children, stringAttr(input, 'href')),

	// This site's components, each from the data it renders.
	CompanionScript: (input) => {
		const script = readScript(stringAttr(input, 'name'), join(input.ctx.root, 'tools', 'scripts'));
		const lines = script.text.split('\n').length - 1;
		return [
			`\`${script.name}\`: ${script.purpose}`,
			`\`${script.name} --help\`:`,
			fence(script.help, 'txt'),
			`${link(`Download ${script.name}`, `/downloads/scripts/${script.name}`)} (${lines} lines of Bash).`,
		].join('\n\n');
	},
	CostEstimator: (input) =>
		`The interactive estimator runs in the browser: open ${pageLink(input.ctx, input.page)} to enter a workload and compare the monthly costs. Each service's rate table, with sources and check dates, is on its service page.`,
	CostTable: (input) => {
		const only = input.attrs.only;
		if (only !== undefined && !(Array.isArray(only) && only.every((id) => typeof id === 'string'))) {
			throw new MarkdownExportError(`${input.where}: <CostTable only> must be a list of price ids`);
		}
		return costTable(input.ctx, stringAttr(input, 'service'), input.where, {
			only: only as string[] | undefined,
			caption: optionalString(input, 'caption'),
			monthly: input.attrs.monthly === true,
		});
	},
	DecisionDiagram: (input) => {
		const decision = tree(input.ctx, stringAttr(input, 'tree'), input.where);
		return diagram(decision.title, decision.summary, treeToMermaid(decision, (id) => input.ctx.services.get(id)?.name ?? id));
	},
	DecisionGuideList: ({ ctx, where }) => {
		const pages = new Map(ctx.pages.filter((p) => p.section === 'decisions' && p.slug !== 'decisions').map((p) => [p.slug.slice('decisions/'.length), p]));
		const guides = ctx.content.decisions
			.filter((entry) => pages.has(entry.id))
			.map((entry) => ({ entry, page: pages.get(entry.id)! }))
			.sort((a, b) => a.page.title.localeCompare(b.page.title));
		return groupGuides(guides, ({ entry }) => entry.data.group)
			.map(({ label, items }) => {
				const lines = items.map(({ entry, page }) => {
					const leaves = [...new Set(leavesOf(entry.data).map((leaf) => leafTarget(leaf.node, (id) => service(ctx, id, where), (path) => path).name))];
					return `- ${link(page.title, pagePath(page.slug))}: ${page.description} Covers ${leaves.join(', ')}.`;
				});
				return `## ${label}\n\n${lines.join('\n')}`;
			})
			.join('\n\n');
	},

	DecisionOutline: (input) => outline(input.ctx, tree(input.ctx, stringAttr(input, 'tree'), input.where), input.where),
	DecisionWizard: (input) =>
		`The step-by-step version of this guide runs in the browser: open ${pageLink(input.ctx, input.page)} to answer one question at a time. The outline of the tree on this page gives every path through the same data.`,
	Diagram: (input) => diagram(stringAttr(input, 'title'), stringAttr(input, 'description'), stringAttr(input, 'code')),
	IacTabs: (input) => {
		const kind = (optionalString(input, 'kind') ?? 'patterns') as IacKind;
		const files = input.attrs.files as Partial<Record<IacVariant, string[]>> | undefined;
		const id = stringAttr(input, 'pattern');
		const { differences } = kind === 'snippets' ? snippet(input.ctx, id, input.where) : pattern(input.ctx, id, input.where);
		const note = differences.length
			? `\n\nThe three variants deploy the same resources with the same settings, except:\n\n${differences.map((d) => `- ${oneLine(d.reason)}`).join('\n')}`
			: '';
		return iacFiles(input.ctx, kind, id, input.where, files) + note;
	},
	PatternAcknowledgements: (input) => {
		const id = stringAttr(input, 'pattern');
		const data = optionalString(input, 'kind') === 'snippets' ? snippet(input.ctx, id, input.where) : pattern(input.ctx, id, input.where);
		return acknowledgements(data.acknowledgements);
	},
	PatternDiagram: (input) => {
		const { diagram: d } = pattern(input.ctx, stringAttr(input, 'pattern'), input.where);
		return diagram(d.title, d.description, d.mermaid);
	},
	PatternFiles: (input) => {
		const id = stringAttr(input, 'pattern');
		const folder = stringAttr(input, 'folder');
		return patternFiles(id, folder, join(input.ctx.root, 'content', 'patterns'))
			.map((file) => `- ${link(file.path, input.ctx.links.file('patterns', id, file))}`)
			.join('\n');
	},
	PatternGallery: ({ ctx, where }) =>
		[...ctx.content.patterns]
			.sort((a, b) => a.data.title.localeCompare(b.data.title))
			.map(
				(entry) =>
					`- ${link(entry.data.title, `/patterns/${entry.id}/`)}: ${oneLine(entry.data.summary)} Deploys ${entry.data.services.map((id) => service(ctx, id, where).name).join(', ')}.`
			)
			.join('\n'),
	PatternList: (input) => {
		const field = stringAttr(input, 'field');
		if (!['whenToUse', 'whenToAvoid', 'security'].includes(field)) {
			throw new MarkdownExportError(`${input.where}: <PatternList field="${field}"> is not whenToUse, whenToAvoid or security`);
		}
		const items = pattern(input.ctx, stringAttr(input, 'pattern'), input.where)[field as 'whenToUse' | 'whenToAvoid' | 'security'];
		return items.map((item) => `- ${oneLine(item)}`).join('\n');
	},
	ProductionChecklist: (input) =>
		pattern(input.ctx, stringAttr(input, 'pattern'), input.where)
			.beforeProduction.map(({ change, why }) => `- [ ] **${oneLine(change)}** ${oneLine(why)}`)
			.join('\n'),
	QuickReference: (input) => {
		const decision = tree(input.ctx, stringAttr(input, 'tree'), input.where);
		const s = (id: string) => service(input.ctx, id, input.where);
		return table(
			['If you need', 'Start with', 'Alternative', 'Why'],
			decision.quickReference.map((row) => [
				row.workload,
				link(row.firstLabel ?? s(row.first).name, s(row.first).href),
				link(row.alternativeLabel ?? s(row.alternative).name, s(row.alternative).href),
				row.why,
			])
		);
	},
	RelatedLinks: (input) => {
		const { ctx, where } = input;
		const id = stringAttr(input, 'service');
		const self = service(ctx, id, where);
		const guides = ctx.content.decisions
			.filter((entry) => recommends(entry.data, id))
			.map((entry) => link(ctx.pages.find((p) => p.slug === `decisions/${entry.id}`)?.title ?? entry.data.title, `/decisions/${entry.id}/`));
		const patterns = ctx.content.patterns.filter((entry) => entry.data.services.includes(id)).map((entry) => link(entry.data.title, `/patterns/${entry.id}/`));
		const related = self.related.map((relatedId) => {
			const other = service(ctx, relatedId, where);
			return link(other.name, other.href);
		});
		const list = (items: string[], empty: string) => (items.length > 0 ? items.map((item) => `- ${item}`).join('\n') : empty);
		return [
			'**Decision guides**',
			list(guides, 'No decision guide recommends this service yet.'),
			'**Patterns**',
			list(patterns, 'No pattern deploys this service yet.'),
			...(related.length > 0 ? ['**Related services**', list(related, '')] : []),
		].join('\n\n');
	},
	ServiceList: ({ ctx }) =>
		serviceCategories
			.map((category) => ({
				category,
				items: [...ctx.services.values()].filter((s) => s.category === category).sort((a, b) => a.name.localeCompare(b.name)),
			}))
			.filter((group) => group.items.length > 0)
			.map(({ category, items }) => `## ${categoryLabel(category)}\n\n${items.map((s) => `- ${link(s.name, s.href)}: ${s.description}`).join('\n')}`)
			.join('\n\n'),
	Snippet: (input) => {
		const id = stringAttr(input, 'id');
		const data = snippet(input.ctx, id, input.where);
		const services = data.services.map((sid) => {
			const s = service(input.ctx, sid, input.where);
			return link(s.name, s.href);
		});
		return [
			oneLine(data.summary),
			...(services.length > 0 ? [`Services: ${services.join(', ')}`] : []),
			iacFiles(input.ctx, 'snippets', id, input.where),
			acknowledgements(data.acknowledgements),
		].join('\n\n');
	},
	StorageComparison: (input) => {
		const gb = input.attrs.gb === undefined ? 1024 : input.attrs.gb;
		if (typeof gb !== 'number') throw new MarkdownExportError(`${input.where}: <StorageComparison gb> must be a number`);
		const rows = storageMonth(input.ctx.book, gb);
		const checked = oldestCheck(rows.map((row) => row.price));
		return [
			`Storing ${gb.toLocaleString('en-US')} GB for a month, ${rows[0]?.price.region}, rates checked ${checked ? isoDate(checked) : ''}. Storage charges only: requests, retrievals, minimum storage durations, IOPS and throughput are extra.`,
			table(
				['Storage', 'Kind', 'Rate (USD per GB-month)', 'Per month (USD)'],
				rows.map((row) => [row.label, row.kind, link(formatUsd(row.price.value / row.price.per), row.price.source), formatTotal(row.cost)])
			),
		].join('\n\n');
	},
	ToolVersions: (input) => {
		const file = 'content/tools/versions.yaml';
		const { tools } = parseToolVersions(parseYaml(readFileSync(join(input.ctx.root, file), 'utf8')), file);
		const checked = oldestCheck(tools);
		return [
			`${optionalString(input, 'caption') ?? `Newest releases found, checked ${checked ? isoDate(checked) : ''}`}:`,
			table(
				['Tool', 'Version', 'Released', 'Source', 'Checked'],
				tools.map((tool) => [
					tool.note ? `${tool.name} (${tool.note})` : tool.name,
					`\`${tool.version}\``,
					tool.released ? isoDate(tool.released) : 'not given',
					link(new URL(tool.source).hostname, tool.source),
					isoDate(tool.checked),
				])
			),
		].join('\n\n');
	},
	WorkedExample: (input) => {
		const id = stringAttr(input, 'id');
		const example = (workedExamples as Record<string, (typeof workedExamples)[WorkedExampleId]>)[id];
		if (!example) throw new MarkdownExportError(`${input.where}: <WorkedExample id="${id}">: no such example in src/lib/examples.ts`);
		return exampleMarkdown(example, example.compute(input.ctx.book), input.ctx.book);
	},
	CostComparison: (input) => {
		const id = stringAttr(input, 'id');
		const comparison = (costComparisons as Record<string, CostComparison>)[id];
		if (!comparison) throw new MarkdownExportError(`${input.where}: <CostComparison id="${id}">: no such comparison in src/lib/cost-comparisons.ts`);
		const price = atLoadPrices((pattern) => sizingOf(pattern, input.ctx.root), input.ctx.book);
		const data = compareAt(comparison, price);
		const decades = data.xs.filter((x) => Number.isInteger(Math.log10(x)));
		return [
			`**${comparison.title}.** ${comparisonText(comparison, data)} ${comparison.note}`,
			table(
				[comparison.x.label, ...comparison.series.map((s) => s.label)],
				decades.map((x) => [x.toLocaleString('en-US'), ...comparison.series.map((s) => formatTotal(price(s.pattern, { [s.key]: x })))])
			),
		].join('\n\n');
	},
	PatternCost: (input) => {
		const id = stringAttr(input, 'pattern');
		const model = (patternCosts as Record<string, CostModel>)[id];
		if (!model) throw new MarkdownExportError(`${input.where}: <PatternCost pattern="${id}">: no cost model in src/lib/pattern-costs.ts`);
		const example = model.example(sizingOf(id as PatternExampleId, input.ctx.root));
		const inputs = table(
			['Input', 'URL parameter', 'Default', 'Allowed'],
			Object.entries(model.fields).map(([key, field]) => [
				`${field.label} (${field.unit})`,
				`\`${key}\``,
				field.default.toLocaleString('en-US'),
				`${field.min.toLocaleString('en-US')} to ${field.max.toLocaleString('en-US')}${field.integer ? ', whole numbers' : ''}`,
			])
		);
		return [
			`On the web page this estimate is a calculator: change the inputs below (or set them as URL parameters, for example \`?${Object.keys(model.fields)[0]}=...\`) and every figure is recomputed with the same formulas. Each line is its billed quantity times its unit rate; the assumptions say how each quantity follows from the inputs.`,
			inputs,
			exampleMarkdown(example, example.compute(input.ctx.book), input.ctx.book, { rates: true }),
		].join('\n\n');
	},
};

function exampleMarkdown(example: { title: string; assumptions: string; services: string[] }, options: Option[], book: PriceBook, { rates: withRates = false } = {}): string {
	const rates = example.services.flatMap((s) => book[s]?.prices ?? []);
	const checked = oldestCheck(rates);
	const quantity = (n: number) => (Number.isInteger(n) ? formatQuantity(n) : n.toLocaleString('en-US', { maximumFractionDigits: 2 }));
	const rate = (cost: number, n: number) => (n > 0 ? formatUsd(cost / n) : '');
	return [
		`**Worked example: ${example.title}.** ${example.assumptions}`,
		...options.map((option) =>
			[
				...(options.length > 1 ? [`*${option.label}*`, ''] : []),
				table(['Item', 'Billed quantity', ...(withRates ? ['Unit rate (USD)'] : []), 'Per month (USD)'], [
					...option.estimate.lines.map((line) => [
						line.item,
						`${quantity(line.quantity)} ${pluralUnit(line.unit, line.quantity)}`,
						...(withRates ? [rate(line.cost, line.quantity)] : []),
						formatTotal(line.cost),
					]),
					[`**Total${options.length > 1 ? `, ${option.label}` : ''}**`, '', ...(withRates ? [''] : []), `**${formatTotal(option.estimate.total)}**`],
				]),
			].join('\n')
		),
		`Computed from ${rates[0]?.region} rates checked ${checked ? isoDate(checked) : ''}; see each service's rate table for sources.`,
	].join('\n\n');
}

/** The component names the export knows; any other element in a page makes it throw. */
export const knownComponents = Object.keys(renderers).sort();

// ---------------------------------------------------------------------------------------------
// Conversion

/** Converts MDX (without frontmatter) to Markdown. Throws, naming file and line, on an element it cannot export. */
export function mdxToMarkdown(source: string, ctx: ExportContext, page: DocsPage, firstLine = page.bodyLine): string {
	return normalize(convert(source, ctx, page, firstLine), ctx);
}

function convert(source: string, ctx: ExportContext, page: DocsPage, firstLine: number): string {
	let out = '';
	for (const segment of scanMdx(source, page.file, firstLine)) {
		if (segment.kind === 'text') {
			out += segment.text;
			continue;
		}
		const { element } = segment;
		const line = firstLine + lineAt(source, element.start) - 1;
		const where = `${page.file}:${line}`;
		const render = renderers[element.name];
		if (!render) {
			throw new MarkdownExportError(
				`${where}: <${element.name}> has no Markdown export. Add a renderer for it to src/lib/markdown-export.ts, so what it shows reaches llms.txt, the .md pages and the agent skill. Known: ${knownComponents.join(', ')}.`
			);
		}
		const childLine = firstLine + lineAt(source, element.childrenStart) - 1;
		const children = element.children ? convert(dedent(element.children), ctx, page, childLine).trim() : '';
		const markdown = render({ element, attrs: element.attributes, children, ctx, page, where });
		if (element.block) {
			// A block stands in its own paragraph (list items stay together in their list); normalize() drops extra blank lines.
			out = out.replace(/[ \t]+$/, '');
			out += markdown.startsWith('- ') ? markdown : `\n${markdown}\n`;
		} else out += markdown;
	}
	return out;
}

/** Splits Markdown into fenced blocks (kept as they are) and the text between them. */
function splitFences(markdown: string): Array<{ code: boolean; text: string }> {
	const parts: Array<{ code: boolean; text: string }> = [];
	const lines = markdown.split('\n');
	let buffer: string[] = [];
	let open: string | undefined;
	const push = (code: boolean) => {
		if (buffer.length > 0) parts.push({ code, text: buffer.join('\n') });
		buffer = [];
	};
	for (const line of lines) {
		if (open === undefined) {
			const start = /^[ \t]*(`{3,}|~{3,})/.exec(line);
			if (start) {
				push(false);
				open = start[1]!;
			}
			buffer.push(line);
		} else {
			buffer.push(line);
			if (new RegExp(`^[ \\t]*\\${open[0]}{${open.length},}[ \\t]*$`).test(line)) {
				open = undefined;
				push(true);
			}
		}
	}
	push(open !== undefined);
	return parts;
}

/**
 * Root-relative links become absolute URLs, and so do links relative to the page (`../other/`) when
 * the page's path is given: the site resolves them from the page's URL, an export file cannot. Code
 * (fenced or inline) is left alone.
 */
export function absolutizeLinks(markdown: string, site: string, base: string, page?: string): string {
	const abs = (path: string) => absoluteUrl(path, site, base);
	const fromPage = (href: string) => (page === undefined ? href : abs(new URL(href, new URL(page, 'https://x')).pathname + (href.includes('#') ? `#${href.split('#')[1]}` : '')));
	return splitFences(markdown)
		.map((part) =>
			part.code
				? part.text
				: part.text
						.split(/(`+[^`]*`+)/)
						.map((piece, i) =>
							i % 2 === 1
								? piece
								: piece
										.replace(/(\]\()(\/(?!\/)[^)\s]*)/g, (_, open: string, path: string) => `${open}${abs(path)}`)
										.replace(/(\]\()(\.{1,2}\/[^)\s]*)/g, (_, open: string, href: string) => `${open}${fromPage(href)}`)
										.replace(/^(\s*\[[^\]]+\]:\s*)(\/(?!\/)\S*)/gm, (_, open: string, path: string) => `${open}${abs(path)}`)
						)
						.join('')
		)
		.join('\n');
}

/** Collapses runs of blank lines outside code, makes links absolute and ends with one newline. */
function normalize(markdown: string, ctx: Pick<ExportContext, 'site' | 'base'>, page?: string): string {
	const lines: string[] = [];
	for (const part of splitFences(markdown)) {
		for (const line of part.text.split('\n')) {
			const blank = !part.code && line.trim() === '';
			if (blank && (lines.length === 0 || lines.at(-1) === '')) continue;
			lines.push(blank ? '' : line);
		}
	}
	const collapsed = lines.join('\n');
	return `${absolutizeLinks(collapsed, ctx.site, ctx.base, page).trim()}\n`;
}

/** One docs page as Markdown: title, description, canonical URL and date, then the body. */
export function pageMarkdown(page: DocsPage, ctx: ExportContext): string {
	const url = absoluteUrl(pagePath(page.slug), ctx.site, ctx.base);
	const head = [`# ${page.title}`, `> ${oneLine(page.description)}`, `Source: ${url}${page.lastVerified ? ` (last verified ${page.lastVerified})` : ''}`];
	const service = page.frontmatter.service as (Service & { retired?: { date: unknown; replacement: string } }) | undefined;
	if (service?.aliases?.length) head.push(`Also known as: ${service.aliases.join(', ')}`);
	if (service?.retired) {
		head.push(
			`**Retired.** AWS ended support for ${service.name} on ${dateString(service.retired.date)}. Do not start new work on it; AWS points to ${service.retired.replacement} instead.`
		);
	}
	const hero = page.frontmatter.hero as { tagline?: string; actions?: Array<{ text: string; link: string }> } | undefined;
	if (hero?.tagline) head.push(oneLine(hero.tagline));
	if (hero?.actions?.length) head.push(hero.actions.map((action) => `- ${link(action.text, action.link)}`).join('\n'));
	return normalize(`${head.join('\n\n')}\n\n${convert(page.body, ctx, page, page.bodyLine)}`, ctx, pagePath(page.slug));
}

/** The llms.txt section a page belongs in; a folder with no section throws rather than drop its pages. */
export function sectionOf(page: DocsPage): (typeof sections)[number] | undefined {
	if (page.section === '') return undefined;
	const section = sections.find((s) => s.dir === page.section);
	if (!section) {
		throw new MarkdownExportError(
			`${page.file}: the folder "${page.section}" has no llms.txt section; add it to \`sections\` in src/lib/markdown-export.ts`
		);
	}
	return section;
}

/** The llmstxt.org index: title, summary, then one list per sidebar section linking each page's Markdown. */
export function llmsTxt(ctx: ExportContext): string {
	const md = (page: DocsPage) => `- ${link(page.title, absoluteUrl(markdownPath(page.slug), ctx.site, ctx.base))}: ${oneLine(page.description)}`;
	const home = ctx.pages.filter((page) => sectionOf(page) === undefined);
	// The summary is the home page's description: one sentence, kept in one place.
	const summary = ctx.pages.find((page) => page.slug === '')?.description ?? '';
	const lines = [
		'# AWS Patterns',
		'',
		`> ${oneLine(summary)}`,
		'',
		'Every page below is the Markdown version of a page of the site, generated from the same data: prices carry their unit, region, source and check date; code links point to files the test suite has compiled, synthesised and checked. Start here:',
		'',
		...home.map(md),
	];
	for (const section of sections) {
		const pages = ctx.pages.filter((page) => page.section === section.dir);
		if (pages.length > 0) lines.push('', `## ${section.label}`, '', ...pages.map(md));
	}
	lines.push(
		'',
		'## Optional',
		'',
		`- ${link('Every page in one file', absoluteUrl('/llms-full.txt', ctx.site, ctx.base))}: the Markdown of all pages above, concatenated.`,
		`- ${link('Agent skill', absoluteUrl('/downloads/aws-patterns-skill.zip', ctx.site, ctx.base))}: SKILL.md with decision rules, references and the proven IaC examples, as a zip.`
	);
	return `${lines.join('\n')}\n`;
}

/** Every page's Markdown, in llms.txt order, separated by rules. */
export function llmsFullTxt(ctx: ExportContext): string {
	return ctx.pages.map((page) => pageMarkdown(page, ctx)).join('\n---\n\n');
}
