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

	test('copy exactly the text of the file on disk, from the code shown in the tab', async ({ page }) => {
		const file = 'content/patterns/serverless-rest-api/terraform/main.tf';
		const expected = readFileSync(join(process.cwd(), file), 'utf8');
		await page.goto(`${patternPage}?iac=terraform`);
		await page.locator('.iac-tabs').scrollIntoViewIfNeeded();
		const block = page.locator('.iac-tabs [data-file="terraform/main.tf"]');
		await block.getByRole('button', { name: /copy/i }).click();
		const copied = await page.evaluate(() => navigator.clipboard.readText());
		expect(copied.trimEnd()).toBe(expected.trimEnd());
		expect(copied.split('\n').length).toBeGreaterThan(20);
	});

	test('offer a download that is byte-for-byte the file on disk', async ({ page, request }) => {
		await page.goto(`${patternPage}cdk/`);
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

test.describe('a pattern page carries its file list, not its code', () => {
	test('each tab lists the variant\'s files, linked to its code page, and shows the code only when the tabs come near', async ({ page }) => {
		await page.goto('/patterns/three-tier-web-app/?iac=cloudformation');
		const panel = page.getByRole('tabpanel').filter({ has: page.locator('[data-src]') }).filter({ visible: true });
		await expect(panel.getByRole('link', { name: 'template.yaml' })).toHaveAttribute('href', '/patterns/three-tier-web-app/cloudformation/#file-cloudformation-template-yaml');
		// Nothing loads while the tabs are off screen: the page stays light for a reader who never scrolls.
		await expect(page.locator('.iac-code[data-state]')).toHaveCount(0);
		await page.locator('.iac-tabs').scrollIntoViewIfNeeded();
		await expect(panel.locator('[data-file="cloudformation/template.yaml"] pre')).toBeVisible();
		await expect(page.locator('.iac-code[data-state="shown"]')).toHaveCount(1);
		// Another tab loads its own variant.
		await page.locator('.iac-tabs').getByRole('tab', { name: 'Terraform' }).click();
		await expect(page.locator('.iac-tabs [data-file="terraform/main.tf"] pre')).toBeVisible();
	});

	test('without JavaScript the file list leads to every file', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/patterns/serverless-rest-api/');
		const link = page.locator('.iac-tabs').getByRole('link', { name: 'lib/serverless-rest-api-stack.ts' });
		await expect(link).toBeVisible();
		await link.click();
		await expect(page).toHaveURL(/\/patterns\/serverless-rest-api\/cdk\/#file-cdk-lib-serverless-rest-api-stack-ts$/);
		await expect(page.locator('#file-cdk-lib-serverless-rest-api-stack-ts pre')).toContainText('ServerlessRestApiStack');
		await context.close();
	});

	test('a code page has every file of its variant, links back, and stays out of search', async ({ page }) => {
		await page.goto('/patterns/serverless-rest-api/terraform/');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deploy a serverless REST API: Terraform code');
		for (const name of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf']) await expect(page.locator(`[data-file="terraform/${name}"] pre`)).toHaveCount(1);
		await expect(page.locator('main').getByRole('link', { name: 'Deploy a serverless REST API' })).toHaveAttribute('href', '/patterns/serverless-rest-api/?iac=terraform');
		// Pagefind indexes only pages that carry data-pagefind-body once any page does.
		await expect(page.locator('[data-pagefind-body]')).toHaveCount(0);
		await page.goto(patternPage);
		await expect(page.locator('[data-pagefind-body]')).toHaveCount(1);
	});
});
