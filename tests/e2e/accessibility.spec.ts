import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { pageTypes } from './site';

const pages: Record<string, string> = { ...pageTypes, 'not found': '/this-page-does-not-exist/' };

for (const [type, path] of Object.entries(pages)) {
	for (const theme of ['light', 'dark'] as const) {
		test(`axe finds no violations on the ${type} page (${path}) in the ${theme} theme`, async ({ page }) => {
			await page.emulateMedia({ colorScheme: theme });
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
			const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
			const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
			expect(summary).toEqual([]);
		});
	}
}
