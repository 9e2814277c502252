/**
 * Checks every page the sitemap publishes: links and #anchors resolve, no request leaves the
 * site, and the head carries what search engines and link previews need.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { sitemapPaths } from './site';

const paths = sitemapPaths();
const targetCache = new Map<string, Promise<{ status: number; html: string }>>();

function fetchTarget(request: APIRequestContext, path: string) {
	let target = targetCache.get(path);
	if (!target) {
		target = request.get(path).then(async (response) => ({ status: response.status(), html: await response.text() }));
		targetCache.set(path, target);
	}
	return target;
}

function hasId(html: string, id: string): boolean {
	const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/"/g, '&quot;');
	return new RegExp(`\\sid="${escaped}"`).test(html);
}

test('the sitemap lists the pages of every section', () => {
	for (const section of ['/', '/services/', '/decisions/', '/patterns/', '/well-architected/', '/iac/', '/tools/']) {
		expect(paths).toContain(section);
	}
});

for (const path of paths) {
	test(`${path}: every internal link and #anchor resolves, and no request leaves the site`, async ({ page, request, baseURL }) => {
		const origin = new URL(baseURL!).origin;
		const foreign: string[] = [];
		page.on('request', (req) => {
			const url = new URL(req.url());
			if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) foreign.push(req.url());
		});
		await page.goto(path);
		await page.waitForLoadState('networkidle');

		const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
		const broken: string[] = [];
		for (const href of new Set(hrefs)) {
			const url = new URL(href);
			if (url.origin !== origin) continue;
			const target = url.pathname === new URL(page.url()).pathname ? { status: 200, html: await page.content() } : await fetchTarget(request, url.pathname);
			if (target.status !== 200) broken.push(`${href} -> HTTP ${target.status}`);
			else if (url.hash && url.hash !== '#_top' && !hasId(target.html, decodeURIComponent(url.hash.slice(1)))) broken.push(`${href} -> no element with that id`);
		}
		expect(broken).toEqual([]);
		expect(foreign).toEqual([]);
	});

	test(`${path}: has a description, a canonical link and link-preview tags`, async ({ page, baseURL }) => {
		await page.goto(path);
		const head = page.locator('head');
		await expect(head.locator('meta[name="description"]')).toHaveAttribute('content', /.{50,}/);
		await expect(head.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`${path.replace(/\//g, '\\/')}$`));
		for (const property of ['og:title', 'og:description', 'og:url', 'og:type', 'og:site_name']) {
			await expect(head.locator(`meta[property="${property}"]`)).toHaveAttribute('content', /\S/);
		}
		await expect(head.locator('link[rel~="icon"]')).toHaveCount(1);
		expect(baseURL).toBeTruthy();
		if (path !== '/') await expect(page.getByText(/^Last verified \d{4}-\d{2}-\d{2}$/)).toBeVisible();
	});
}

test('an unknown URL answers 404 with a page that leads back home', async ({ page }) => {
	const response = await page.goto('/no/such/page/');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: /AWS Patterns/ }).first()).toHaveAttribute('href', '/');
});
