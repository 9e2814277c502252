/**
 * Checks every page the sitemap publishes from the built HTML in dist/, with no browser: these need
 * only what the build wrote (tests/e2e/checks.ts). What a browser meets is every-page.spec.ts's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { recommends } from '../../src/lib/decision-tree';
import type { DecisionTree } from '../../src/schemas/decision';
import { cspProblems, guideListProblems, headingProblems, headProblems, linkProblems } from './checks';
import { builtPage, codePagePaths, sitemapPaths, type BuiltPage } from './site';

const paths = sitemapPaths();
const codePages = codePagePaths();

function page(path: string): BuiltPage {
	const built = builtPage(path);
	if (!built) throw new Error(`The sitemap lists ${path}, but dist/ has no page for it.`);
	return built;
}

test('the sitemap lists the pages of every section', () => {
	for (const section of ['/', '/services/', '/decisions/', '/patterns/', '/well-architected/', '/iac/', '/tools/']) {
		expect(paths).toContain(section);
	}
});

test('every pattern has its three code pages, which the sitemap leaves out', () => {
	const patterns = paths.filter((path) => /^\/patterns\/[^/]+\/$/.test(path));
	expect(patterns.length).toBeGreaterThan(0);
	expect(codePages).toEqual(patterns.flatMap((path) => ['cdk', 'cloudformation', 'terraform'].map((variant) => `${path}${variant}/`)).sort());
	expect(paths.filter((path) => codePages.includes(path))).toEqual([]);
});

for (const path of [...paths, ...codePages]) {
	test(`${path}: every internal link and #anchor resolves`, () => {
		expect(linkProblems(page(path))).toEqual([]);
	});

	test(`${path}: every heading has an id and a link to it that a reader can copy`, () => {
		expect(headingProblems(page(path))).toEqual([]);
	});

	test(`${path}: has a description, a canonical link, link-preview tags with its own image, and its date`, () => {
		expect(headProblems(page(path))).toEqual([]);
	});

	test(`${path}: carries a Content-Security-Policy that allows inline scripts only by hash`, () => {
		expect(cspProblems(page(path))).toEqual([]);
	});
}

test('every service page lists, under "Decision guides", exactly the guides that recommend the service', () => {
	const dir = join(process.cwd(), 'content/decisions');
	const trees = readdirSync(dir)
		.filter((file) => file.endsWith('.yaml'))
		.map((file) => ({ id: basename(file, '.yaml'), tree: parse(readFileSync(join(dir, file), 'utf8')) as DecisionTree }));
	const servicePages = paths.filter((path) => /^\/services\/[^/]+\/$/.test(path));
	expect(servicePages.length).toBeGreaterThan(0);
	const problems = servicePages.flatMap((path) => {
		const id = path.split('/')[2]!;
		const expected = trees.filter(({ tree }) => recommends(tree, id)).map(({ id }) => `/decisions/${id}/`);
		return guideListProblems(page(path), expected);
	});
	expect(problems).toEqual([]);
});

test('an unknown URL answers 404 with a page that leads back home', async ({ page }) => {
	const response = await page.goto('/no/such/page/');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: /AWS Patterns/ }).first()).toHaveAttribute('href', '/');
});
