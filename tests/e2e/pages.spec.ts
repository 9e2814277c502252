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

	test(`${path}: every heading has an id and a link to it that a reader can copy`, async ({ page }) => {
		await page.goto(path);
		const problems = await page.locator('main').evaluate((main) =>
			[...main.querySelectorAll('h2, h3, h4, h5, h6')]
				// Starlight's own "On this page" title, and the wizard's questions: a wizard step is a
				// state of the widget, and its shareable link is the ?path= URL the wizard keeps.
				.filter((h) => !h.id.startsWith('starlight__') && !h.closest('decision-wizard'))
				.flatMap((h) => {
					const text = h.textContent?.trim() ?? '';
					if (!h.id) return [`"${text}" has no id`];
					const link = h.parentElement?.querySelector(`:scope > a.sl-anchor-link[href="#${CSS.escape(h.id)}"]`);
					return link ? [] : [`"${text}" (#${h.id}) has no anchor link`];
				})
		);
		expect(problems).toEqual([]);
	});

	test(`${path}: has a description, a canonical link and link-preview tags with its own image`, async ({ page, request, baseURL }) => {
		await page.goto(path);
		const head = page.locator('head');
		await expect(head.locator('meta[name="description"]')).toHaveAttribute('content', /.{50,}/);
		await expect(head.locator('link[rel="canonical"]')).toHaveAttribute('href', new RegExp(`${path.replace(/\//g, '\\/')}$`));
		for (const property of ['og:title', 'og:description', 'og:url', 'og:type', 'og:site_name']) {
			await expect(head.locator(`meta[property="${property}"]`)).toHaveAttribute('content', /\S/);
		}
		await expect(head.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
		for (const name of ['twitter:title', 'twitter:description', 'twitter:image:alt']) {
			await expect(head.locator(`meta[name="${name}"]`)).toHaveAttribute('content', /\S/);
		}
		// The preview image is this page's own, absolute (chat apps fetch it from elsewhere), and a real PNG of the size the tags state.
		const image = await head.locator('meta[property="og:image"]').getAttribute('content');
		expect(image).toMatch(/^https?:\/\//);
		await expect(head.locator('meta[name="twitter:image"]')).toHaveAttribute('content', image!);
		const imagePath = new URL(image!).pathname;
		expect(imagePath).toBe(path === '/' ? '/og/index.png' : `/og${path.replace(/\/$/, '')}.png`);
		const png = await request.get(imagePath);
		expect(png.status(), `${imagePath} is missing`).toBe(200);
		expect(png.headers()['content-type']).toMatch(/^image\/png/);
		const bytes = await png.body();
		expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
		// IHDR: width and height are the first two 32-bit big-endian numbers after the 16-byte header.
		expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([
			Number(await head.locator('meta[property="og:image:width"]').getAttribute('content')),
			Number(await head.locator('meta[property="og:image:height"]').getAttribute('content')),
		]);
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
