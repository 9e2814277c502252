import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const patternPage = '/patterns/serverless-rest-api/';
const otherPage = '/iac/';

function selectedTab(page: Page) {
	return page.locator('.iac-tabs').first().getByRole('tab', { selected: true });
}

test.describe('IaC tabs', () => {
	test('open on CDK and switch to Terraform when clicked', async ({ page }) => {
		await page.goto(patternPage);
		await expect(selectedTab(page)).toHaveText('CDK');
		await page.locator('.iac-tabs').first().getByRole('tab', { name: 'Terraform' }).click();
		await expect(selectedTab(page)).toHaveText('Terraform');
		await expect(page.getByRole('tabpanel').filter({ hasText: 'main.tf' }).first()).toBeVisible();
	});

	test('keep the chosen tool on another page and after a reload', async ({ page }) => {
		await page.goto(patternPage);
		await page.locator('.iac-tabs').first().getByRole('tab', { name: 'CloudFormation' }).click();
		await page.goto(otherPage);
		await expect(selectedTab(page)).toHaveText('CloudFormation');
		await page.reload();
		await expect(selectedTab(page)).toHaveText('CloudFormation');
	});

	test('open the tool named in ?iac= from a shared link', async ({ page }) => {
		await page.goto(`${patternPage}?iac=terraform`);
		await expect(selectedTab(page)).toHaveText('Terraform');
		// The link's choice is remembered like a click.
		await page.goto(otherPage);
		await expect(selectedTab(page)).toHaveText('Terraform');
	});

	test('ignore an unknown ?iac= value', async ({ page }) => {
		await page.goto(`${patternPage}?iac=pulumi`);
		await expect(selectedTab(page)).toHaveText('CDK');
	});
});

test.describe('code blocks', () => {
	test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

	test('copy exactly the text of the file on disk', async ({ page }) => {
		const file = 'content/patterns/serverless-rest-api/terraform/main.tf';
		const expected = readFileSync(join(process.cwd(), file), 'utf8');
		await page.goto(`${patternPage}?iac=terraform`);
		const block = page.locator('[data-file="terraform/main.tf"]');
		await block.getByRole('button', { name: /copy/i }).click();
		const copied = await page.evaluate(() => navigator.clipboard.readText());
		expect(copied.trimEnd()).toBe(expected.trimEnd());
		expect(copied.split('\n').length).toBeGreaterThan(20);
	});

	test('offer a download that is byte-for-byte the file on disk', async ({ page, request }) => {
		await page.goto(patternPage);
		const link = page.locator('[data-file="cdk/bin/app.ts"] a', { hasText: 'Download' });
		const href = await link.getAttribute('href');
		expect(href).toBe('/downloads/patterns/serverless-rest-api/cdk/bin/app.ts');
		const response = await request.get(href!);
		expect(response.status()).toBe(200);
		expect(await response.text()).toBe(readFileSync(join(process.cwd(), 'content/patterns/serverless-rest-api/cdk/bin/app.ts'), 'utf8'));
	});
});

test('each variant downloads as a zip built from the proven files', async ({ page, request }) => {
	await page.goto('/patterns/serverless-rest-api/?iac=cloudformation');
	const link = page.getByRole('link', { name: 'Download the CloudFormation variant as a zip' });
	await expect(link).toBeVisible();
	const response = await request.get((await link.getAttribute('href'))!);
	expect(response.status()).toBe(200);
	const body = await response.body();
	// A zip starts with a local file header, and this one names the template.
	expect(body.subarray(0, 4).toString('hex')).toBe('504b0304');
	expect(body.includes(Buffer.from('serverless-rest-api/cloudformation/template.yaml'))).toBe(true);
});
