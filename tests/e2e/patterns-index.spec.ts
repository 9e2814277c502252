import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const patternCount = readdirSync(join(process.cwd(), 'content', 'patterns')).length;
const entries = 'main li[data-services]';

test.describe('the patterns index', () => {
	test('narrows by service and by category, keeps the choice in the address, and a reload shows the same list', async ({ page }) => {
		await page.goto('/patterns/');
		await expect(page.getByRole('status')).toHaveText(`All ${patternCount} patterns.`);
		await page.getByLabel('Service').selectOption({ label: 'Amazon DynamoDB' });
		await expect(page).toHaveURL(/\?service=dynamodb$/);
		const shown = page.locator(entries).filter({ visible: true });
		const count = await shown.count();
		expect(count).toBeGreaterThan(0);
		expect(count).toBeLessThan(patternCount);
		for (const services of await shown.evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.services!))) expect(services.split(' ')).toContain('dynamodb');
		await expect(page.getByRole('status')).toHaveText(`${count} of ${patternCount} patterns.`);
		await page.getByLabel('Category').selectOption('apis');
		await expect(page).toHaveURL(/\?service=dynamodb&category=apis$|\?category=apis&service=dynamodb$/);
		await expect(page.locator('.pattern-group').filter({ visible: true })).toHaveCount(1);
		await page.reload();
		await expect(page.getByLabel('Category')).toHaveValue('apis');
		await expect(page.getByLabel('Service')).toHaveValue('dynamodb');
		await page.getByRole('button', { name: 'Show all' }).click();
		await expect(page.locator(entries).filter({ visible: true })).toHaveCount(patternCount);
		await expect(page).toHaveURL(/\/patterns\/$/);
	});

	test('says when no pattern matches, and offers the way back', async ({ page }) => {
		await page.goto('/patterns/');
		// A category and a service that no pattern has together, found from the list itself.
		const pair = await page.evaluate(() => {
			const services = [...document.querySelectorAll<HTMLOptionElement>('select[name="service"] option')].map((o) => o.value).filter(Boolean);
			for (const group of document.querySelectorAll<HTMLElement>('.pattern-group')) {
				const used = new Set([...group.querySelectorAll<HTMLElement>('li[data-services]')].flatMap((li) => li.dataset.services!.split(' ')));
				const service = services.find((s) => !used.has(s));
				if (service) return { category: group.dataset.category!, service };
			}
			return undefined;
		});
		expect(pair).toBeDefined();
		await page.goto(`/patterns/?category=${pair!.category}&service=${pair!.service}`);
		await expect(page.locator(entries).filter({ visible: true })).toHaveCount(0);
		await expect(page.getByText('No pattern matches both choices.')).toBeVisible();
	});

	test('ignores hostile or unknown values with a notice, and injects nothing', async ({ page }) => {
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(String(error)));
		page.on('dialog', (dialog) => {
			errors.push(`dialog: ${dialog.message()}`);
			void dialog.dismiss();
		});
		const hostile = encodeURIComponent('"><img src=x onerror=alert(1)><script>alert(2)</script>');
		await page.goto(`/patterns/?category=${hostile}&service=${'x'.repeat(5000)}&service=lambda`);
		await expect(page.getByRole('status')).toHaveText(`The link names no such category or service; showing every category and every service. All ${patternCount} patterns.`);
		await expect(page.locator('main img[src="x"]')).toHaveCount(0);
		expect(await page.locator('main').innerHTML()).not.toMatch(/onerror|alert\(/);
		await expect(page).toHaveURL(/\/patterns\/$/);
		expect(errors).toEqual([]);
	});

	test('without JavaScript is the whole grouped list, each entry with its picture, services and idle cost', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/patterns/?service=dynamodb');
		await expect(page.locator('[data-pattern-filter]')).toBeHidden();
		await expect(page.locator(entries)).toHaveCount(patternCount);
		const first = page.locator(entries).first();
		await expect(first.locator('img.diagram-light')).toHaveAttribute('src', /\/patterns\/[a-z0-9-]+\/diagram-light\.svg$/);
		await expect(first).toContainText(/Deploys .+\. Idle: \$\d[\d,]*\.\d\d a month \(us-east-1\)\./);
		await context.close();
	});
});
