import { expect, test } from '@playwright/test';
import { loadContent } from '../../src/lib/content';
import type { PriceBook } from '../../src/lib/costs';
import { compare, defaultInput, parseInput } from '../../src/lib/estimator';
import { formatTotal } from '../../src/lib/pricing';

const { prices } = loadContent({ content: 'content', docs: 'src/content/docs' });
const book: PriceBook = Object.fromEntries(prices.map((entry) => [entry.data.service, entry.data]));
const url = '/tools/cost-estimator/';

async function totals(page: import('@playwright/test').Page): Promise<string[]> {
	return page.locator('[data-total]').allTextContents();
}

function expected(raw: Record<string, string>): string[] {
	const { input } = parseInput(raw);
	return compare(book, input).flatMap((c) => c.options.map((o) => formatTotal(o.estimate.total)));
}

test('shows the figures the formulas give for the inputs typed, and keeps them in the URL', async ({ page }) => {
	await page.goto(url);
	expect(await totals(page)).toEqual(expected({}));
	await page.getByLabel('Requests per month').fill('3000000');
	await page.getByLabel('Function memory').fill('1024');
	await page.getByLabel('Data stored').fill('2048');
	await page.getByLabel('EC2 instance type').selectOption('m5.large');
	const raw = { requests: '3000000', memoryMb: '1024', storageGb: '2048', instanceType: 'm5.large' };
	await expect.poll(() => totals(page)).toEqual(expected(raw));
	expect(new URL(page.url()).searchParams.get('requests')).toBe('3000000');

	await page.reload();
	await expect.poll(() => totals(page)).toEqual(expected(raw));
	await expect(page.getByLabel('Requests per month')).toHaveValue('3000000');
});

test('answers invalid input with a message by the field, never NaN', async ({ page }) => {
	await page.goto(url);
	const before = await totals(page);
	await page.getByLabel('Function duration per request').fill('-3');
	await expect(page.getByRole('alert').filter({ hasText: 'must be at least 1 ms' })).toBeVisible();
	await page.getByLabel('Data stored').fill('');
	await expect(page.getByRole('alert').filter({ hasText: 'Enter a number for data stored' })).toBeVisible();
	expect((await totals(page)).join(' ')).not.toMatch(/NaN|Infinity/);
	expect(await totals(page)).toEqual(before);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('shows the default comparison', async ({ page }) => {
		await page.goto(url);
		expect(await totals(page)).toEqual(expected({}));
		expect(defaultInput.requests).toBeGreaterThan(0);
	});
});
