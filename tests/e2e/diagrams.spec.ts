import { expect, test, type Page } from '@playwright/test';

async function chooseTheme(page: Page, theme: 'light' | 'dark') {
	await page.getByRole('combobox', { name: 'Select theme' }).first().selectOption(theme);
	await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

for (const path of ['/decisions/compute/', '/patterns/serverless-rest-api/']) {
	test.describe(`diagram on ${path}`, () => {
		test('is inline SVG with a title and description, and no Mermaid reaches the browser', async ({ page }) => {
			const scripts: string[] = [];
			page.on('request', (request) => {
				if (request.resourceType() === 'script') scripts.push(request.url());
			});
			await page.goto(path);
			const figure = page.locator('figure.diagram').first();
			const svg = figure.locator('.diagram-light svg');
			await expect(svg).toBeVisible();
			await expect(svg.locator('title')).not.toBeEmpty();
			await expect(svg.locator('desc')).not.toBeEmpty();
			await expect(figure.getByText('Diagram as text')).toBeVisible();
			const inlineScripts = await page.locator('script:not([src])').allTextContents();
			expect(inlineScripts.join('\n')).not.toMatch(/mermaid/i);
			expect(scripts.filter((url) => /mermaid/i.test(url))).toEqual([]);
		});

		test('switches with the theme picker, not only the OS setting', async ({ page }) => {
			await page.emulateMedia({ colorScheme: 'light' });
			await page.goto(path);
			const figure = page.locator('figure.diagram').first();
			await chooseTheme(page, 'dark');
			await expect(figure.locator('.diagram-dark svg')).toBeVisible();
			await expect(figure.locator('.diagram-light svg')).toBeHidden();
			await chooseTheme(page, 'light');
			await expect(figure.locator('.diagram-light svg')).toBeVisible();
			await expect(figure.locator('.diagram-dark svg')).toBeHidden();
		});
	});
}
