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

	for (const [query, path, category] of [
		['DynamoDB', '/services/dynamodb/', 'Service'],
		['which database', '/decisions/database/', 'Decision guide'],
		['static website', '/patterns/static-website/', 'Pattern'],
	] as const) {
		test(`shows the category and a snippet of each result ("${query}")`, async ({ page }) => {
			await page.goto('/');
			await page.getByRole('button', { name: 'Search' }).click();
			const dialog = page.getByRole('dialog');
			await dialog.getByRole('textbox', { name: 'Search' }).fill(query);
			const result = dialog.locator('.pagefind-ui__result', { has: page.locator(`a[href$="${path}"]`) }).first();
			await expect(result.locator('.pagefind-ui__result-tag').first()).toHaveText(`Category: ${category}`);
			// The excerpt is text from the page around the match, with the query's words marked.
			const excerpt = result.locator('.pagefind-ui__result-excerpt').first();
			await expect(excerpt).not.toBeEmpty();
			expect((await excerpt.innerText()).length).toBeGreaterThan(40);
			// Every result carries a category, so none is left unlabelled.
			const results = dialog.locator('.pagefind-ui__result');
			const tags = dialog.locator('.pagefind-ui__result .pagefind-ui__result-tag');
			await expect(tags).toHaveCount(await results.count());
		});
	}
});
