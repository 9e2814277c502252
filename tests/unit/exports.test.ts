import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	absolutizeLinks,
	createExportContext,
	knownComponents,
	llmsFullTxt,
	llmsTxt,
	mdxToMarkdown,
	pageMarkdown,
	type DocsPage,
	type ExportContext,
} from '../../src/lib/markdown-export';
import { scanMdx } from '../../src/lib/mdx-scan';
import { exampleNotesFile, notCovered, recommendedServices, skillFiles, skillZip, type SkillFile } from '../../src/lib/skill';
import { duplicateCodeProblems, indexProblems, linkProblems, rateProblems, sizeProblems } from '../e2e/skill-checks';

const site = 'https://aws-patterns.dev';
const docsDir = join(process.cwd(), 'src', 'content', 'docs');
const patternsDir = join(process.cwd(), 'content', 'patterns');

/** A page that exists only in the test, for feeding the converter MDX. */
function fakePage(body: string): DocsPage {
	return { slug: 'tools/test', file: 'src/content/docs/tools/test.mdx', section: 'tools', title: 'Test', description: '', lastVerified: undefined, frontmatter: {}, body, bodyLine: 1 };
}

/** Markdown outside fenced code blocks and code spans: where a leftover JSX tag would be visible. */
function prose(markdown: string): string {
	return markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '').replace(/`+[^`\n]*`+/g, '');
}

/** Every docs source file's slug, found without the export's own page list. */
function docsSlugs(): string[] {
	return readdirSync(docsDir, { recursive: true, encoding: 'utf8' })
		.filter((name) => /\.mdx?$/.test(name))
		.map((name) => name.replace(/\.mdx?$/, '').replace(/(^|\/)index$/, ''))
		.sort();
}

/** Every file a pattern folder ships, walked independently of src/lib/patterns.ts. */
function patternSourceFiles(): string[] {
	const skip = new Set(['node_modules', 'cdk.out', '.terraform', 'package-lock.json']);
	const walk = (dir: string): string[] =>
		readdirSync(dir).flatMap((name) => {
			if (skip.has(name)) return [];
			const path = join(dir, name);
			return statSync(path).isDirectory() ? walk(path) : [relative(patternsDir, path)];
		});
	return readdirSync(patternsDir)
		.filter((id) => statSync(join(patternsDir, id)).isDirectory())
		// Every folder of the pattern, whatever it is called: pattern.yaml, at the top, is the only file left out.
		.flatMap((id) => readdirSync(join(patternsDir, id)).filter((name) => statSync(join(patternsDir, id, name)).isDirectory() && !skip.has(name)).flatMap((folder) => walk(join(patternsDir, id, folder))))
		.sort();
}

describe('Markdown export of the docs pages', () => {
	let ctx: ExportContext;
	let index: string;
	beforeAll(() => {
		ctx = createExportContext({ site, base: '/' });
		index = llmsTxt(ctx);
	});

	it('exports every docs page, each starting with its title, and llms.txt lists each one', () => {
		const slugs = docsSlugs();
		expect(slugs.length).toBeGreaterThan(40);
		expect(ctx.pages.map((page) => page.slug).sort()).toEqual(slugs);
		for (const page of ctx.pages) {
			const markdown = pageMarkdown(page, ctx);
			expect(markdown.startsWith(`# ${page.title}\n`), page.file).toBe(true);
			const url = `${site}/${page.slug || 'index'}.md`;
			expect(index, `llms.txt lists ${url}`).toContain(`](${url}): `);
		}
	});

	it('replaces every component with Markdown: no JSX tag is left outside code', () => {
		for (const page of ctx.pages) {
			expect(prose(pageMarkdown(page, ctx)).match(/<\/?[A-Z][\w.]*[\s/>]/g) ?? [], page.file).toEqual([]);
		}
	});

	it('writes llms.txt in the llmstxt.org shape: a title, a summary, then sections of links', () => {
		const lines = index.split('\n');
		expect(lines[0]).toBe('# AWS Patterns');
		expect(lines[2]).toMatch(/^> \S.{40,}/);
		const headings = lines.filter((line) => line.startsWith('## '));
		expect(headings).toEqual(['## Services', '## Decision guides', '## Patterns', '## Well-Architected', '## Infrastructure as code', '## Tools', '## Optional']);
		expect(lines.filter((line) => /^#(?!# )/.test(line))).toEqual(['# AWS Patterns']);
		for (const line of lines.filter((l) => l.startsWith('- '))) expect(line).toMatch(/^- \[[^\]]+\]\(https:\/\/[^)]+\)(: \S.*)?$/);
	});

	it('concatenates every page into llms-full.txt, each with its title and canonical URL', () => {
		const full = llmsFullTxt(ctx);
		for (const page of ctx.pages) {
			expect(full).toContain(`# ${page.title}\n\n> `);
			expect(full).toContain(`Source: ${site}/${page.slug ? `${page.slug}/` : ''}`);
		}
	});

	it('turns a price table into Markdown with unit, region, source and check date', () => {
		const markdown = mdxToMarkdown('<CostTable service="lambda" />\n', ctx, fakePage(''));
		expect(markdown).toContain('| Item | Price (USD) | Unit | Region | Checked | Source |');
		expect(markdown).toMatch(/\| per 1M requests \| us-east-1 \| \d{4}-\d{2}-\d{2} \| \[AWS pricing\]\(https:\/\/aws\.amazon\.com\/lambda\/pricing\/\) \|/);
	});

	it('draws a decision tree as Mermaid and as a nested list from the same file', () => {
		const markdown = mdxToMarkdown('<DecisionDiagram tree="compute" />\n\n<DecisionOutline tree="compute" />\n', ctx, fakePage(''));
		expect(markdown).toContain('```mermaid\nflowchart TD');
		expect(markdown).toMatch(/^- Yes: Choose \[Amazon EKS\]\(https:\/\/aws-patterns\.dev\/services\/eks\/\)\./m);
		expect(markdown).toMatch(/^ {2}- No: Does each unit of work finish within 15 minutes\?/m);
	});

	it('throws, naming the file, the line and the fix, on a component it does not know', () => {
		const body = 'Some text.\n\n<FancyNewWidget pattern="serverless-rest-api" />\n';
		expect(() => mdxToMarkdown(body, ctx, fakePage(body))).toThrow(
			/src\/content\/docs\/tools\/test\.mdx:3: <FancyNewWidget> has no Markdown export\. Add a renderer for it to src\/lib\/markdown-export\.ts/
		);
		expect(() => mdxToMarkdown('<details><summary>More</summary>Hidden</details>\n', ctx, fakePage(''))).toThrow(/<details> has no Markdown export/);
		expect(() => mdxToMarkdown('<Tabs>\n<Mystery />\n</Tabs>\n', ctx, fakePage(''))).toThrow(/test\.mdx:2: <Mystery>/);
		expect(knownComponents).not.toContain('FancyNewWidget');
	});

	it('throws on an expression it cannot evaluate rather than dropping it', () => {
		expect(() => mdxToMarkdown('Total: {price * 2}\n', ctx, fakePage(''))).toThrow(/cannot be exported to Markdown/);
	});

	it('leaves tags inside code fences and code spans alone', () => {
		const body = 'Run `<Unknown />` here.\n\n```html\n<html><Widget /></html>\n```\n';
		expect(mdxToMarkdown(body, ctx, fakePage(body))).toBe(body);
	});
});

describe('links in the exports', () => {
	it('become absolute under the site and a sub-path base, outside code only', () => {
		const ctx = createExportContext({ site: 'https://example.com', base: '/docs/' });
		const body = 'See [Lambda](/services/lambda/) and [S3](https://aws.amazon.com/s3/), not `[x](/code/)`.\n\n<RelatedLinks service="lambda" />\n';
		const markdown = mdxToMarkdown(body, ctx, fakePage(body));
		expect(markdown).toContain('[Lambda](https://example.com/docs/services/lambda/)');
		expect(markdown).toContain('[S3](https://aws.amazon.com/s3/)');
		expect(markdown).toContain('`[x](/code/)`');
		expect(markdown).toContain('(https://example.com/docs/patterns/serverless-rest-api/)');
		expect(prose(markdown)).not.toMatch(/\]\(\//);
		expect(llmsTxt(ctx)).toContain('](https://example.com/docs/services/lambda.md): ');
		const page = ctx.pages.find((p) => p.slug === 'services/lambda')!;
		expect(pageMarkdown(page, ctx)).toContain('Source: https://example.com/docs/services/lambda/');
	});

	it('keep a base that a link already has, and leave other links alone', () => {
		expect(absolutizeLinks('[a](/docs/x/) [b](//cdn.example/y) [c](#top)', 'https://example.com', '/docs')).toBe(
			'[a](https://example.com/docs/x/) [b](//cdn.example/y) [c](#top)'
		);
	});
});

describe('MDX scanner', () => {
	it('reads string, boolean and literal attributes, and children', () => {
		const [element] = scanMdx('<IacTabs pattern="x" zip files={{ cdk: [\'a.ts\', "b.ts"], n: 2 }}>\n\tchild\n</IacTabs>\n', 'f.mdx').filter(
			(s) => s.kind === 'element'
		);
		expect(element).toMatchObject({
			kind: 'element',
			element: { name: 'IacTabs', attributes: { pattern: 'x', zip: true, files: { cdk: ['a.ts', 'b.ts'], n: 2 } }, children: '\n\tchild\n', block: true },
		});
	});

	it('drops imports, including ones over several lines, and JSX comments', () => {
		const segments = scanMdx("import {\n\tCard,\n\tLinkCard,\n} from '@astrojs/starlight/components';\nimport X from './x.astro';\n\nText {/* a note */}here.\n", 'f.mdx');
		expect(segments).toEqual([{ kind: 'text', text: '\nText here.\n' }]);
	});

	it('refuses an attribute expression that is not a literal', () => {
		expect(() => scanMdx('<CostTable service={serviceId} />', 'f.mdx')).toThrow(/f\.mdx:1: <CostTable service>: unexpected "serviceId"/);
	});
});

describe('agent skill bundle', () => {
	let files: SkillFile[];
	let byPath: Map<string, SkillFile>;
	let skill: string;
	beforeAll(() => {
		files = skillFiles({ site, base: '/' });
		byPath = new Map(files.map((file) => [file.path, file]));
		skill = strFromU8(byPath.get('SKILL.md')!.data);
	});

	it('has a SKILL.md under 600 lines with a name and a description in its frontmatter', () => {
		expect(skill.split('\n').length).toBeLessThan(600);
		const match = /^---\n([\s\S]*?)\n---\n/.exec(skill);
		expect(match).not.toBeNull();
		const frontmatter = parseYaml(match![1]!) as Record<string, unknown>;
		expect(Object.keys(frontmatter).sort()).toEqual(['description', 'name']);
		expect(frontmatter.name).toBe('aws-patterns');
		expect(frontmatter.description).toEqual(expect.stringContaining('Use when'));
		expect((frontmatter.description as string).length).toBeLessThanOrEqual(1024);
	});

	it('has every references/, examples/ and scripts/ path that SKILL.md mentions', () => {
		const mentioned = [...new Set([...skill.matchAll(/\b(?:references|examples|scripts)\/[\w./-]*/g)].map((m) => m[0].replace(/[.]$/, '')))].filter((path) => !path.includes('<'));
		expect(mentioned.length).toBeGreaterThan(20);
		const missing = mentioned.filter((path) => (path.endsWith('/') ? !files.some((file) => file.path.startsWith(path)) : !byPath.has(path)));
		expect(missing).toEqual([]);
	});

	it('holds its references to their size, SKILL.md to its limits, and every file to an index', () => {
		const bundle = new Map(files.map((file) => [file.path, file.data]));
		expect(sizeProblems(bundle)).toEqual([]);
		expect(indexProblems(bundle)).toEqual([]);
		expect(files.filter((file) => file.path.startsWith('references/services/') && !file.path.endsWith('README.md')).length).toBeGreaterThanOrEqual(90);
	});

	it('links between its own files, each link to a file and heading that exist, and never copies an example into a reference', () => {
		const bundle = new Map(files.map((file) => [file.path, file.data]));
		expect(linkProblems(bundle)).toEqual([]);
		expect(duplicateCodeProblems(bundle)).toEqual([]);
		const lambda = strFromU8(byPath.get('references/services/lambda.md')!.data);
		expect(lambda).toMatch(/\]\(\.\.\/guides\/[a-z-]+\.md(#[a-z0-9-]+)?\)/);
	});

	it('gives every service a rule recommends its rates, or says plainly that it has none and links the pricing page', () => {
		const bundle = new Map(files.map((file) => [file.path, file.data]));
		const recommended = recommendedServices(createExportContext({ site, base: '/' }));
		expect(recommended.size).toBeGreaterThan(30);
		expect(rateProblems(bundle, recommended)).toEqual([]);
	});

	it('lists what it does not cover, in SKILL.md and the references index, leaving out every service a page names', () => {
		const ctx = createExportContext({ site, base: '/' });
		const uncovered = notCovered(ctx);
		expect(uncovered.length).toBeGreaterThan(10);
		const named = [...ctx.services.values()].flatMap((s) => [s.name, ...s.aliases]);
		for (const name of uncovered) expect(named).not.toContain(name);
		expect(skill).toContain(`## Not covered`);
		expect(skill).toContain(uncovered[0]);
		expect(strFromU8(byPath.get('references/README.md')!.data)).toContain(uncovered.at(-1));
	});

	it('copies every pattern and snippet file byte for byte into examples/, each pattern with its cost and before-production notes', () => {
		const sources = patternSourceFiles();
		expect(sources.length).toBeGreaterThan(50);
		const examples = files.filter((file) => file.path.startsWith('examples/') && !file.path.startsWith('examples/snippets/') && !file.path.endsWith(`/${exampleNotesFile}`));
		expect(examples.map((file) => file.path.slice('examples/'.length)).sort()).toEqual(sources);
		for (const file of examples) {
			expect(Buffer.from(file.data).equals(readFileSync(join(patternsDir, file.path.slice('examples/'.length)))), file.path).toBe(true);
		}
		const snippetsDir = join(process.cwd(), 'content', 'snippets');
		const snippets = files.filter((file) => file.path.startsWith('examples/snippets/'));
		expect(snippets.length).toBeGreaterThan(10);
		for (const file of snippets) {
			expect(Buffer.from(file.data).equals(readFileSync(join(snippetsDir, file.path.slice('examples/snippets/'.length)))), file.path).toBe(true);
		}
		const notes = strFromU8(byPath.get(`examples/serverless-rest-api/${exampleNotesFile}`)!.data);
		expect(notes).toMatch(/At zero traffic: \$[\d,.]+ a month\. At 1M requests, without the free tier: \$[\d,.]+ a month\./);
		expect(notes).toContain('## Before production');
		expect(notes).toMatch(/^- \[ \] \*\*/m);
	});

	it('zips deterministically under aws-patterns/, with the scripts executable', () => {
		const zip = skillZip({ site, base: '/' });
		expect(skillZip({ site, base: '/' })).toEqual(zip);
		const entries = unzipSync(zip);
		expect(Object.keys(entries).sort()).toEqual(files.map((file) => `aws-patterns/${file.path}`).sort());
		expect(strFromU8(entries['aws-patterns/SKILL.md']!)).toBe(skill);
		const script = files.find((file) => file.path.endsWith('.sh'));
		expect(script?.mode).toBe(0o755);
	});

	it('links the pattern references to the examples in the bundle, not to the site', () => {
		const pattern = files
			.filter((file) => /^references\/patterns\/serverless-rest-api(\.\d+)?\.md$/.test(file.path))
			.map((file) => strFromU8(file.data))
			.join('\n');
		expect(pattern).toContain('](../../examples/serverless-rest-api/terraform/main.tf)');
		expect(pattern).not.toContain('/downloads/patterns/');
	});
});
