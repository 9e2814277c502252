/**
 * The pattern calculators, the comparison charts and every page whose state a link carries (the
 * wizard's ?path=, the estimator's inputs, the calculators' loads), as a reader meets them: typed
 * into, reloaded, fed bad input and hostile links, with the Content-Security-Policy watched and axe
 * run in both themes. The figures expected here are worked from the price list, not read from the page.
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { loadContent } from '../../src/lib/content';
import { HOURS_PER_MONTH, unitRate, type PriceBook } from '../../src/lib/costs';
import { patternSizing } from '../../src/lib/iac/sizing';
import { formatTotal } from '../../src/lib/pricing';
import { axe, axeTags } from './axe';
import { cspViolations, watchCsp } from './checks';

const { prices } = loadContent({ content: 'content', docs: 'src/content/docs' });
const book: PriceBook = Object.fromEntries(prices.map((entry) => [entry.data.service, entry.data]));
const rate = (service: string, id: string) => unitRate(book, service, id);
const sizing = (id: string) => patternSizing(join(process.cwd(), 'content', 'patterns', id));

test.beforeEach(async ({ page }) => {
	await watchCsp(page);
	page.on('dialog', (dialog) => {
		throw new Error(`a dialog opened: ${dialog.message()}`);
	});
});

test.afterEach(async ({ page, javaScriptEnabled }) => {
	if (javaScriptEnabled) expect(await cspViolations(page)).toEqual([]);
});

/** The total of the calculator's at-load table (its second table: idle first). */
async function atLoadTotal(page: Page): Promise<string> {
	return (await page.locator('pattern-calculator [data-option="1"] tfoot [data-total]').textContent())!.trim();
}

test('the serverless API calculator prices the typed load with the price list, keeps it in the URL and after a reload', async ({ page }) => {
	await page.goto('/patterns/serverless-rest-api/?iac=terraform');
	const calculator = page.locator('pattern-calculator');
	await calculator.getByLabel('Requests per month').fill('4,000,000');
	await calculator.getByLabel('Average function duration').fill('250');
	await calculator.getByLabel('Data stored in the table').fill('12');
	// 4M requests: HTTP API and Lambda requests, 4M x 0.25 s x memory GB-seconds, one read and one write each, 12 GB stored.
	const memoryGb = sizing('serverless-rest-api').functions[0]!.memoryMb / 1024;
	const expected =
		4e6 * rate('api-gateway', 'http-api-requests') +
		4e6 * rate('lambda', 'requests') +
		4e6 * 0.25 * memoryGb * rate('lambda', 'duration-x86') +
		4e6 * rate('dynamodb', 'on-demand-reads') +
		4e6 * rate('dynamodb', 'on-demand-writes') +
		12 * rate('dynamodb', 'storage-standard');
	await expect.poll(() => atLoadTotal(page)).toBe(formatTotal(expected));
	await expect(calculator.locator('[data-summary]')).toContainText(`At 4M requests, without the free tier: ${formatTotal(expected)} a month.`);
	const params = new URL(page.url()).searchParams;
	expect([params.get('iac'), params.get('requests'), params.get('durationMs'), params.get('storageGb')]).toEqual(['terraform', '4000000', '250', '12']);

	await page.reload();
	await expect.poll(() => atLoadTotal(page)).toBe(formatTotal(expected));
	await expect(calculator.getByLabel('Requests per month')).toHaveValue('4000000');
	await expect(calculator.locator('[data-notice]')).toBeHidden();

	await calculator.getByRole('button', { name: 'Back to the worked example' }).click();
	await expect(calculator.getByLabel('Requests per month')).toHaveValue('1000000');
	expect(new URL(page.url()).searchParams.get('requests')).toBeNull();
	expect(new URL(page.url()).searchParams.get('iac')).toBe('terraform');
});

test('the container calculator adds tasks when the load passes what its tasks serve, and redraws the comparison', async ({ page }) => {
	await page.goto('/patterns/container-microservice/');
	const calculator = page.locator('pattern-calculator');
	const chartText = page.locator('cost-comparison [data-text]');
	const before = await chartText.textContent();
	await calculator.getByLabel('Requests per month').fill('800000000');
	await calculator.getByLabel('Average response size').fill('4');
	await calculator.getByLabel('Requests per second one task serves').fill('100');
	// 800M requests over a 730-hour month: 304.4 a second, so 4 tasks at 100 each (within the scaling
	// range), and 12.2 load balancer capacity units from new connections (25 a second each).
	const task = sizing('container-microservice').tasks[0]!;
	const perSecond = 800e6 / (HOURS_PER_MONTH * 3600);
	const tasks = Math.ceil(perSecond / 100);
	expect(tasks).toBe(4);
	const s = sizing('container-microservice');
	const expected =
		tasks * HOURS_PER_MONTH * (task.vcpu * rate('fargate', 'vcpu-linux-x86') + task.memoryGb * rate('fargate', 'memory-linux-x86')) +
		HOURS_PER_MONTH * (rate('elb', 'alb-hour') + (perSecond / 25) * rate('elb', 'alb-lcu')) +
		s.natGateways * HOURS_PER_MONTH * rate('vpc', 'nat-gateway-hour') +
		s.elasticIps * HOURS_PER_MONTH * rate('vpc', 'public-ipv4-address-hour') +
		s.kmsKeys * rate('kms', 'key-month');
	await expect.poll(() => atLoadTotal(page)).toBe(formatTotal(expected));
	await expect(chartText).not.toHaveText(before!);
	await expect(chartText).toContainText('Below about');
});

test('bad input gets a message by its field and leaves the figures as they were, never NaN', async ({ page }) => {
	await page.goto('/patterns/event-driven-pipeline/');
	const calculator = page.locator('pattern-calculator');
	const before = await atLoadTotal(page);
	const uploads = calculator.getByLabel('Uploads per month');
	for (const [typed, message] of [
		['', 'Enter a number for uploads per month.'],
		['-4', 'Uploads per month must be at least 0 uploads.'],
		['2.5', 'Uploads per month must be a whole number.'],
		['1e9', 'Uploads per month must be a number, not “1e9”.'],
		['999999999999999', 'Uploads per month can be at most 100,000,000,000 uploads.'],
	]) {
		await uploads.fill(typed!);
		await expect(calculator.getByRole('alert').filter({ hasText: message! })).toBeVisible();
		await expect(uploads).toHaveAttribute('aria-invalid', 'true');
		expect(await atLoadTotal(page)).toBe(before);
		expect(await calculator.textContent()).not.toMatch(/NaN|Infinity|undefined/);
	}
	await uploads.fill('100000');
	await expect(uploads).toHaveAttribute('aria-invalid', 'false');
	await expect(calculator.getByRole('alert').filter({ hasText: /./ })).toHaveCount(0);
});

test('a reader can use the calculator with the keyboard alone', async ({ page }) => {
	await page.goto('/patterns/generative-ai-api/');
	const requests = page.locator('pattern-calculator').getByLabel('Requests per month');
	await requests.focus();
	await page.keyboard.press('Control+A');
	await page.keyboard.type('250000');
	await page.keyboard.press('Tab');
	await expect(page.locator('pattern-calculator').getByLabel('Average function duration')).toBeFocused();
	await expect(page.locator('pattern-calculator [data-summary]')).toContainText('At 250,000 requests, without the free tier');
});

/** What a hostile link tries: markup, script, an attribute break-out, a very long value, look-alike digits, repeated keys. */
const hostile = [
	'%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
	'%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E',
	'1'.repeat(3000),
	'%EF%BC%91%EF%BC%90%EF%BC%90',
	'javascript%3Aalert(1)',
];

for (const value of hostile) {
	test(`a calculator link with requests=${value.slice(0, 40)} falls back to the default with a notice and injects nothing`, async ({ page }) => {
		await page.goto(`/patterns/serverless-rest-api/?requests=${value}&requests=5&durationMs=${value}`);
		const calculator = page.locator('pattern-calculator');
		await expect(calculator.locator('[data-notice]')).toBeVisible();
		await expect(calculator.locator('[data-notice]')).toContainText('the default, 1,000,000 requests, is used');
		await expect(calculator.getByLabel('Requests per month')).toHaveValue('1000000');
		await expect(calculator.getByLabel('Average function duration')).toHaveValue('400');
		expect(await page.locator('img[src="x"], script:not([src]):text("alert")').count()).toBe(0);
		expect(await calculator.innerHTML()).not.toContain('onerror');
	});
}

test('a wizard link with a hostile or repeated path starts over with a notice', async ({ page }) => {
	for (const path of [...hostile, '0&path=1']) {
		await page.goto(`/decisions/database/?path=${path}`);
		const wizard = page.locator('decision-wizard');
		await expect(wizard.locator('[data-notice]')).toBeVisible();
		await expect(wizard.locator('[data-notice]')).toContainText('starts from the first question');
		expect(new URL(page.url()).searchParams.get('path')).toBeNull();
		expect(await page.locator('img[src="x"]').count()).toBe(0);
	}
});

test('an estimator link with hostile values keeps the defaults, says which, and injects nothing', async ({ page }) => {
	await page.goto(`/tools/cost-estimator/?requests=${hostile[0]}&instanceType=${hostile[1]}&memoryMb=2048&memoryMb=4096`);
	const notice = page.locator('cost-estimator [data-notice]');
	await expect(notice).toBeVisible();
	await expect(notice).toContainText('The link gives function memory 2 times');
	await expect(notice).toContainText("The link's EC2 instance type was not used");
	await expect(notice).toContainText("The link's value for requests per month was not used");
	await expect(page.getByLabel('Requests per month')).toHaveValue('10000000');
	await expect(page.getByLabel('EC2 instance type')).toHaveValue('t3.small');
	expect(await page.locator('img[src="x"]').count()).toBe(0);
});

for (const theme of ['light', 'dark'] as const) {
	test(`axe finds nothing in the calculator, its error messages, notice and the chart in the ${theme} theme`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: theme });
		await page.goto('/patterns/scheduled-queue-worker/?jobs=oops');
		await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
		await page.locator('pattern-calculator').getByLabel('Average function duration').fill('-1');
		await expect(page.locator('pattern-calculator').getByRole('alert').filter({ hasText: /at least/ })).toBeVisible();
		const results = await axe(page).include('pattern-calculator').include('cost-comparison').withTags(axeTags).analyze();
		expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
	});
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a pattern page shows the default estimate and the chart', async ({ page }) => {
		await page.goto('/patterns/serverless-rest-api/?requests=5');
		await expect(page.locator('pattern-calculator [data-option="1"] caption')).toHaveText('At 1M requests, without the free tier');
		await expect(page.locator('cost-comparison svg[role="img"] polyline')).toHaveCount(2);
		await expect(page.locator('cost-comparison figcaption')).toContainText('Below about');
	});
});
