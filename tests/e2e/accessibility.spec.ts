import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { pageTypes, sitemapPaths } from './site';

async function violations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
	return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

// Every published page, in the light theme.
for (const path of sitemapPaths()) {
	test(`axe finds no violations on ${path}`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: 'light' });
		await page.goto(path);
		expect(await violations(page)).toEqual([]);
	});
}

// One page of each type, and the 404 page, in the dark theme too: colours differ per theme.
const pages: Record<string, string> = { ...pageTypes, 'not found': '/this-page-does-not-exist/' };
for (const [type, path] of Object.entries(pages)) {
	test(`axe finds no violations on the ${type} page (${path}) in the dark theme`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		expect(await violations(page)).toEqual([]);
	});
}

test('the 404 page has no violations in the light theme', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('/this-page-does-not-exist/');
	expect(await violations(page)).toEqual([]);
});
