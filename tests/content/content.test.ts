import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { ContentError, assertContent, formatProblem, loadContent, type ContentProblem } from '../../src/lib/content';
import { contentIntegrity } from '../../src/plugins/integrity';

const fixture = join(import.meta.dirname, 'fixtures', 'valid');
const made: string[] = [];

/** A copy of the valid fixture with one thing broken by `breakIt`. */
function brokenCopy(breakIt: (root: string) => void): string {
	const root = mkdtempSync(join(tmpdir(), 'content-'));
	made.push(root);
	cpSync(fixture, root, { recursive: true });
	breakIt(root);
	return root;
}

function edit(file: string, change: (text: string) => string) {
	writeFileSync(file, change(readFileSync(file, 'utf8')));
}

function problemsIn(root: string): ContentProblem[] {
	return loadContent({ content: join(root, 'content'), docs: join(root, 'docs') }, root).problems;
}

afterEach(() => {
	for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('the site content', () => {
	it('has no schema or reference problems', () => {
		const content = assertContent({ content: 'content', docs: 'src/content/docs' });
		expect(content.services.length).toBeGreaterThan(0);
		expect(content.prices.length).toBeGreaterThan(0);
		expect(content.decisions.length).toBeGreaterThan(0);
		expect(content.patterns.length).toBeGreaterThan(0);
	});
});

describe('content checks', () => {
	it('accept the valid fixture', () => {
		expect(problemsIn(fixture)).toEqual([]);
	});

	it('reject a price without a source, naming the file and field', () => {
		const root = brokenCopy((r) => edit(join(r, 'content/pricing/lambda.yaml'), (t) => t.replace(/^ +source:.*\n/m, '')));
		expect(problemsIn(root)).toEqual([expect.objectContaining({ file: 'content/pricing/lambda.yaml', field: 'prices[0].source' })]);
	});

	it('reject a price without a checked date', () => {
		const root = brokenCopy((r) => edit(join(r, 'content/pricing/lambda.yaml'), (t) => t.replace(/^ +checked:.*\n/m, '')));
		expect(problemsIn(root)).toEqual([expect.objectContaining({ file: 'content/pricing/lambda.yaml', field: 'prices[0].checked' })]);
	});

	it('reject a price with an impossible checked date', () => {
		const root = brokenCopy((r) => edit(join(r, 'content/pricing/lambda.yaml'), (t) => t.replace('2026-11-25', '2026-13-45')));
		expect(problemsIn(root)).toEqual([expect.objectContaining({ file: 'content/pricing/lambda.yaml', field: 'prices[0].checked' })]);
	});

	it('reject a price without a unit', () => {
		const root = brokenCopy((r) => edit(join(r, 'content/pricing/lambda.yaml'), (t) => t.replace(/^ +unit:.*\n/m, '')));
		expect(problemsIn(root)).toEqual([expect.objectContaining({ file: 'content/pricing/lambda.yaml', field: 'prices[0].unit' })]);
	});

	it('reject a pattern missing one of its three IaC variants', () => {
		const root = brokenCopy((r) => rmSync(join(r, 'content/patterns/api/terraform'), { recursive: true }));
		const problems = problemsIn(root);
		expect(problems).toEqual([expect.objectContaining({ file: 'content/patterns/api/pattern.yaml', field: 'terraform' })]);
		expect(problems[0]!.message).toContain('the terraform/ variant is missing');
	});

	it('reject a pattern without a page, and a page that leaves out a folder its variants share', () => {
		const noPage = brokenCopy((r) => rmSync(join(r, 'docs/patterns/api.mdx')));
		expect(problemsIn(noPage)).toEqual([expect.objectContaining({ file: 'content/patterns/api/pattern.yaml', field: 'page' })]);
		const hidden = brokenCopy((r) => {
			mkdirSync(join(r, 'content/patterns/api/statemachine'));
			writeFileSync(join(r, 'content/patterns/api/statemachine/order.asl.json'), '{}\n');
		});
		const problems = problemsIn(hidden);
		expect(problems).toEqual([expect.objectContaining({ file: 'docs/patterns/api.mdx', field: 'PatternFiles' })]);
		expect(problems[0]!.message).toContain('statemachine/');
	});

	it('reject a pattern page without its cost calculator', () => {
		const root = brokenCopy((r) => edit(join(r, 'docs/patterns/api.mdx'), (t) => t.replace('<PatternCost pattern="api" />', '')));
		const problems = problemsIn(root);
		expect(problems).toEqual([expect.objectContaining({ file: 'docs/patterns/api.mdx', field: 'PatternCost' })]);
		expect(problems[0]!.message).toContain('has no cost calculator');
	});

	it('reject a decision-tree leaf naming an unknown service', () => {
		const root = brokenCopy((r) => edit(join(r, 'content/decisions/compute.yaml'), (t) => t.replace('service: ec2', 'service: ec3')));
		const problems = problemsIn(root);
		expect(problems).toEqual([expect.objectContaining({ file: 'content/decisions/compute.yaml', field: 'nodes.ec2.service' })]);
		expect(problems[0]!.message).toContain('unknown service "ec3"');
	});

	it('accept a leaf that recommends a published page instead of a service, and reject one naming both, neither or a missing page', () => {
		const withLeaf = (leaf: string) =>
			brokenCopy((r) => edit(join(r, 'content/decisions/compute.yaml'), (t) => t.replace('ec2: { kind: leaf, service: ec2,', `ec2: { kind: leaf,${leaf}`)));
		expect(problemsIn(withLeaf(' page: /services/lambda/,'))).toEqual([]);
		expect(problemsIn(withLeaf(' page: /no/such/page/,'))).toEqual([
			{ file: 'content/decisions/compute.yaml', field: 'nodes.ec2.page', message: 'names "/no/such/page/", which no page in src/content/docs publishes' },
		]);
		const both = { file: 'content/decisions/compute.yaml', field: 'nodes.ec2', message: 'a leaf names a service or a page: one of the two' };
		expect(problemsIn(withLeaf(' service: ec2, page: /services/lambda/,'))).toEqual([both]);
		expect(problemsIn(withLeaf(''))).toEqual([both]);
	});

	it('reject a decision tree with an unreachable question', () => {
		const root = brokenCopy((r) =>
			edit(join(r, 'content/decisions/compute.yaml'), (t) =>
				t.replace('quickReference:', '  orphan:\n    kind: question\n    text: Never asked?\n    answers:\n      - { label: a, next: lambda }\n      - { label: b, next: ec2 }\nquickReference:')
			)
		);
		expect(problemsIn(root)).toEqual([
			{ file: 'content/decisions/compute.yaml', field: 'nodes.orphan', message: 'cannot be reached from "short"' },
		]);
	});

	it('reject a decision tree whose answers loop back, naming the node', () => {
		const root = brokenCopy((r) => edit(join(r, 'content/decisions/compute.yaml'), (t) => t.replace('{ label: "No", next: ec2 }', '{ label: "No", next: short }')));
		const problems = problemsIn(root);
		expect(problems).toContainEqual(expect.objectContaining({ file: 'content/decisions/compute.yaml', field: 'nodes.short', message: expect.stringContaining('loops back to "short"') }));
	});

	it('reject a question with a single answer', () => {
		const root = brokenCopy((r) => edit(join(r, 'content/decisions/compute.yaml'), (t) => t.replace(/^ {6}- \{ label: "No", next: ec2 \}\n/m, '')));
		expect(problemsIn(root)).toContainEqual({
			file: 'content/decisions/compute.yaml',
			field: 'nodes.short.answers',
			message: 'a question needs at least two answers',
		});
	});

	it('reject a leaf without its reason', () => {
		const root = brokenCopy((r) => edit(join(r, 'content/decisions/compute.yaml'), (t) => t.replace('why: Short work.', "why: ''")));
		expect(problemsIn(root)).toEqual([expect.objectContaining({ file: 'content/decisions/compute.yaml', field: 'nodes.lambda.why' })]);
	});

	it('reject a leaf whose cost hint names a price that does not exist', () => {
		const root = brokenCopy((r) => edit(join(r, 'content/decisions/compute.yaml'), (t) => t.replace('why: Short work. }', 'why: Short work., cost: { service: lambda, price: duration-arm } }')));
		expect(problemsIn(root)).toEqual([
			expect.objectContaining({ file: 'content/decisions/compute.yaml', field: 'nodes.lambda.cost', message: expect.stringContaining('"duration-arm"') }),
		]);
	});

	it('reject a pattern naming an unknown service', () => {
		const root = brokenCopy((r) => edit(join(r, 'content/patterns/api/pattern.yaml'), (t) => t.replace('services: [lambda]', 'services: [lamda]')));
		expect(problemsIn(root)).toEqual([expect.objectContaining({ file: 'content/patterns/api/pattern.yaml', field: 'services[0]' })]);
	});

	it('reject two pages claiming the same service id', () => {
		const root = brokenCopy((r) => edit(join(r, 'docs/services/ec2.md'), (t) => t.replace('id: ec2', 'id: lambda')));
		// The tree's leaf for ec2 now names a service no page defines: that second problem is expected.
		expect(problemsIn(root)).toContainEqual(
			expect.objectContaining({ field: 'service.id', message: expect.stringContaining('"lambda" is already used by docs/services/') })
		);
	});

	it("reject an alias that is another service's name, naming both files", () => {
		const root = brokenCopy((r) => edit(join(r, 'docs/services/ec2.md'), (t) => t.replace('Elastic Compute Cloud', 'AWS lambda')));
		expect(problemsIn(root)).toEqual([
			{
				file: 'docs/services/lambda.md',
				field: 'service.name',
				message: '"AWS Lambda" is also a name of "ec2" (docs/services/ec2.md)',
			},
		]);
	});

	it('reject a related link to a service that does not exist', () => {
		const root = brokenCopy((r) => edit(join(r, 'docs/services/ec2.md'), (t) => t.replace('category: compute', 'category: compute\n  related: [lambda, ec2-spot]')));
		expect(problemsIn(root)).toEqual([
			expect.objectContaining({ file: 'docs/services/ec2.md', field: 'service.related[1]', message: expect.stringContaining('unknown service "ec2-spot"') }),
		]);
	});

	it('reject a decision tree that recommends a retired service', () => {
		const root = brokenCopy((r) => edit(join(r, 'docs/services/ec2.md'), (t) => t.replace('category: compute', 'category: compute\n  retired: { date: 2025-07-31, replacement: AWS Lambda }')));
		expect(problemsIn(root)).toEqual([
			{ file: 'content/decisions/compute.yaml', field: 'nodes.ec2.service', message: 'recommends "ec2", which AWS has retired' },
		]);
	});

	it('reject a service page without one of the sections every service page has, naming it', () => {
		const root = brokenCopy((r) => edit(join(r, 'docs/services/ec2.md'), (t) => t.replace('## Limits that shape designs', '## Limits')));
		expect(problemsIn(root)).toEqual([
			{ file: 'docs/services/ec2.md', field: 'sections', message: 'has no "## Limits that shape designs" section' },
		]);
	});

	it('reject a service page with its sections out of order', () => {
		const root = brokenCopy((r) => edit(join(r, 'docs/services/ec2.md'), (t) => t.replace('## Use it when', '## Use it when (later)').replace('## Sources', '## Sources\n\n## Use it when')));
		expect(problemsIn(root).map((p) => p.message)).toEqual([expect.stringContaining('has its sections in the order Avoid it when, Cost model')]);
	});

	it('reject a page without lastVerified', () => {
		const root = brokenCopy((r) => edit(join(r, 'docs/services/ec2.md'), (t) => t.replace(/^lastVerified:.*\n/m, '')));
		expect(problemsIn(root)).toEqual([
			{ file: 'docs/services/ec2.md', field: 'lastVerified', message: 'a date in YYYY-MM-DD form is required' },
		]);
	});

	it('fail the build through the integration, listing each problem by file and field', () => {
		const root = brokenCopy((r) => {
			cpSync(join(r, 'docs'), join(r, 'src/content/docs'), { recursive: true });
			edit(join(r, 'content/pricing/lambda.yaml'), (t) => t.replace(/^ +source:.*\n/m, ''));
		});
		const setup = contentIntegrity().hooks['astro:config:setup'] as (options: unknown) => void;
		const run = () => setup({ config: { root: pathToFileURL(`${root}/`) } });
		expect(run).toThrow(ContentError);
		expect(run).toThrow('content/pricing/lambda.yaml: prices[0].source:');
	});
});

describe('formatProblem', () => {
	it('puts file, field and message on one line', () => {
		expect(formatProblem({ file: 'a.yaml', field: 'b', message: 'is wrong' })).toBe('a.yaml: b: is wrong');
		expect(formatProblem({ file: 'a.yaml', field: '', message: 'is wrong' })).toBe('a.yaml: is wrong');
	});
});
