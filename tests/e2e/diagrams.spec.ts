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
			const svg = figure.locator('.diagram-light svg').filter({ visible: true });
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
			const layout = figure.locator('[data-layout="wide"]');
			await expect(layout.locator('.diagram-dark svg')).toBeVisible();
			await expect(layout.locator('.diagram-light svg')).toBeHidden();
			await chooseTheme(page, 'light');
			await expect(layout.locator('.diagram-light svg')).toBeVisible();
			await expect(layout.locator('.diagram-dark svg')).toBeHidden();
		});
	});
}

/** The rendered size of the diagram's labels, in CSS pixels: Mermaid's font size times the drawing's scale. */
async function labelSizes(page: Page) {
	return page.locator('figure.diagram svg').filter({ visible: true }).evaluateAll((svgs) =>
		svgs.map((svg) => {
			const label = svg.querySelector('.nodeLabel, .label text, text')!;
			const scale = (svg as SVGSVGElement).getScreenCTM()!.a;
			return { layout: svg.closest<HTMLElement>('[data-layout]')!.dataset.layout, px: parseFloat(getComputedStyle(label).fontSize) * scale };
		})
	);
}

test.describe('pattern diagrams on a 390 px phone', () => {
	test.use({ viewport: { width: 390, height: 844 } });

	test('show the top-to-bottom layout with labels of 12 px or more, scrolling sideways where needed', async ({ page }) => {
		for (const path of ['/patterns/event-driven-pipeline/', '/patterns/three-tier-web-app/', '/patterns/vpc-networking/']) {
			await page.goto(path);
			const sizes = await labelSizes(page);
			expect(sizes, path).toHaveLength(1);
			expect(sizes[0]!.px, `${path}: labels at ${sizes[0]!.px.toFixed(1)} px`).toBeGreaterThanOrEqual(11.9);
			// vpc-networking is drawn top to bottom already: it has one layout.
			expect(sizes[0]!.layout).toBe(path.includes('vpc') ? 'wide' : 'narrow');
			// The page itself never scrolls sideways; only the diagram's own region does, by keyboard too.
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
			await expect(page.locator('.diagram-scroll').first()).toHaveAttribute('tabindex', '0');
		}
	});

	test('a desktop window still fits the left-to-right drawing to the column', async ({ page }) => {
		await page.setViewportSize({ width: 1280, height: 900 });
		await page.goto('/patterns/serverless-rest-api/');
		expect((await labelSizes(page)).map((s) => s.layout)).toEqual(['wide']);
		const overflow = await page.locator('.diagram-scroll').first().evaluate((el) => el.scrollWidth - el.clientWidth);
		expect(overflow).toBe(0);
	});
});
