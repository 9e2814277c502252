import { expect, test } from '@playwright/test';

test.describe('search', () => {
	for (const [query, path] of [
		['Lambda', '/services/lambda/'],
		['serverless REST API', '/patterns/serverless-rest-api/'],
	] as const) {
		test(`finds ${path} when searching for "${query}"`, async ({ page }) => {
			await page.goto('/');
			await page.getByRole('button', { name: 'Search' }).click();
			const dialog = page.getByRole('dialog');
			await dialog.getByRole('textbox', { name: 'Search' }).fill(query);
			const first = dialog.locator('.pagefind-ui__result-link').first();
			await expect(first).toHaveAttribute('href', new RegExp(`${path.replace(/\//g, '\\/')}$`));
		});
	}
});
