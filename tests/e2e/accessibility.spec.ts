/**
 * axe in the dark theme, on one page of each type and the 404 page: colours differ per theme. Every
 * page in the light theme is checked by every-page.spec.ts.
 */
import { expect, test } from '@playwright/test';
import { axeViolations } from './axe';
import { pageTypes } from './site';

const pages: Record<string, string> = { ...pageTypes, 'not found': '/this-page-does-not-exist/' };
for (const [type, path] of Object.entries(pages)) {
	test(`axe finds no violations on the ${type} page (${path}) in the dark theme`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		expect(await axeViolations(page)).toEqual([]);
	});
}

test('the 404 page has no violations in the light theme', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('/this-page-does-not-exist/');
	expect(await axeViolations(page)).toEqual([]);
});
