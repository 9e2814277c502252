/**
 * The machine-readable exports as a client gets them from the built site: llms.txt lists every
 * page of the sitemap, each listed Markdown URL answers with the page's title, every page names its
 * Markdown version in its head, and the agent skill downloads from the Tools page and unzips.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { builtPage, sitemapPaths } from './site';
import { duplicateCodeProblems, indexProblems, linkProblems, sizeProblems, type Bundle } from './skill-checks';

/** Every page path in the served sitemap, read over HTTP so the test follows whatever build is served. */
async function servedSitemapPaths(request: APIRequestContext): Promise<string[]> {
	const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
	const index = await request.get('/sitemap-index.xml');
	expect(index.status()).toBe(200);
	const maps = locs(await index.text());
	const pages = await Promise.all(maps.map(async (path) => locs(await (await request.get(path)).text())));
	return [...new Set(pages.flat())].sort();
}

/** "/services/lambda/" -> "/services/lambda.md"; the home page "/" (or the base) -> "/index.md". */
function markdownPathOf(pagePath: string, base: string): string {
	return pagePath === base ? `${base}index.md` : pagePath.replace(/\/$/, '.md');
}

test('llms.txt is text, lists every sitemap page, and each listed .md answers with its title', async ({ request }) => {
	const pages = await servedSitemapPaths(request);
	expect(pages.length).toBeGreaterThan(40);
	const base = pages.reduce((shortest, path) => (path.length < shortest.length ? path : shortest));

	const response = await request.get(`${base}llms.txt`);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toMatch(/^text\/plain/);
	const index = await response.text();
	expect(index.startsWith('# AWS Patterns\n\n> ')).toBe(true);

	const listed = new Map(
		[...index.matchAll(/^- \[([^\]]+)\]\((https?:\/\/[^)]+\.md)\)/gm)].map((m) => [new URL(m[2]!).pathname, m[1]!.replace(/\\([[\]])/g, '$1')])
	);
	expect([...listed.keys()].sort()).toEqual(pages.map((path) => markdownPathOf(path, base)).sort());

	const wrong: string[] = [];
	for (const [path, title] of listed) {
		const page = await request.get(path);
		const text = await page.text();
		if (page.status() !== 200) wrong.push(`${path}: HTTP ${page.status()}`);
		else if (!text.startsWith(`# ${title}\n`)) wrong.push(`${path}: starts with ${JSON.stringify(text.slice(0, 60))}, not "# ${title}"`);
	}
	expect(wrong).toEqual([]);
});

test('every page links its Markdown version from the head', () => {
	const pages = sitemapPaths();
	const wrong: string[] = [];
	for (const path of pages) {
		const link = builtPage(path)?.$('head link[rel="alternate"][type="text/markdown"]');
		const href = link?.attr('href');
		if (!href) wrong.push(`${path}: no <link rel="alternate" type="text/markdown">`);
		else if (new URL(href).pathname !== markdownPathOf(path, '/')) wrong.push(`${path}: links ${href}`);
	}
	expect(pages.length).toBeGreaterThan(40);
	expect(wrong).toEqual([]);
});

test('the agent skill downloads from the Tools page and unzips with SKILL.md', async ({ page }) => {
	await page.goto('/tools/exports/');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Download the aws-patterns skill as a zip' }).click(),
	]);
	expect(download.suggestedFilename()).toBe('aws-patterns-skill.zip');
	const entries = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
	const skill = strFromU8(entries['aws-patterns/SKILL.md']!);
	expect(skill).toMatch(/^---\nname: aws-patterns\ndescription: .+\n---\n/);
	expect(Object.keys(entries).some((name) => name.startsWith('aws-patterns/examples/serverless-rest-api/terraform/'))).toBe(true);
	expect(Object.keys(entries).some((name) => name.startsWith('aws-patterns/references/'))).toBe(true);
	// The bundle as served: every file indexed and within its size, every link inside it resolving,
	// no example copied into a reference.
	const bundle: Bundle = new Map(Object.entries(entries).filter(([name]) => !name.endsWith('/')).map(([name, data]) => [name.slice('aws-patterns/'.length), data]));
	expect([...sizeProblems(bundle), ...indexProblems(bundle), ...linkProblems(bundle), ...duplicateCodeProblems(bundle)]).toEqual([]);

	await page.getByRole('link', { name: '/llms.txt' }).first().click();
	await expect(page).toHaveURL(/\/llms\.txt$/);
});
