/**
 * Every page the sitemap publishes (and the heaviest code page), loaded once in Chromium as a reader gets it, and held to every
 * check that needs a browser (tests/e2e/checks.ts, browserProblems): no request leaves the site,
 * nothing is logged as an error, every link and #anchor resolves as scripts left the page, the table
 * of contents observes what Starlight's selector would, and axe finds no violations. The checks
 * that need only the built HTML are in pages.spec.ts.
 *
 * One load per page, in one tab per test worker that goes from page to page as a reader's does:
 * a new browser context per page would cost a new renderer, which compiles the page's scripts and
 * axe again (on a service page, about half the time of the checks).
 */
import { devices, expect, test as base, type Page } from '@playwright/test';
import { browserProblems } from './checks';
import { heaviestCodePage, sitemapPaths } from './site';

const { defaultBrowserType: _, ...desktopChrome } = devices['Desktop Chrome'];

const test = base.extend<object, { tab: Page }>({
	tab: [
		async ({ browser }, use) => {
			const context = await browser.newContext(desktopChrome);
			await use(await context.newPage());
			await context.close();
		},
		{ scope: 'worker' },
	],
});

// The code pages are one template around different files: the heaviest stands for them all here,
// and pages.spec.ts checks every one's built HTML.
for (const path of [...sitemapPaths(), heaviestCodePage()]) {
	test(`${path}: in Chromium, stays on the site, logs no error, its links and table of contents work, and axe finds nothing`, async ({ tab, baseURL }) => {
		const problems = await browserProblems(tab, new URL(path, baseURL).href);
		expect(Object.fromEntries(Object.entries(problems).filter(([, list]) => list.length > 0))).toEqual({});
	});
}
